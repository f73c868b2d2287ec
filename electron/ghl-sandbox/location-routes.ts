/** The location endpoints the app uses: the location itself (time zone, settings), its custom fields, its workflows. */
import { err, forbidden, locationFor, record } from './route-kit';
import type { Route } from './route-kit';
import type { SimCustomField } from './state';

const MODELS = ['contact', 'opportunity', 'all'] as const;
const isModel = (v: unknown): v is (typeof MODELS)[number] => MODELS.some((m) => m === v);

const fieldView = (f: SimCustomField): Record<string, unknown> => ({ ...f });

export const locationRoutes: Route[] = [
  {
    operationId: 'get-location',
    method: 'GET',
    pattern: /^\/locations\/([^/]+)\/?$/,
    scope: 'locations.readonly',
    handle: (ctx) => {
      const found = locationFor(ctx);
      if (!found.ok) return found.error;
      const loc = found.location;
      return {
        status: 200,
        locationId: loc.id,
        body: {
          location: {
            id: loc.id,
            companyId: 'sim-company',
            name: loc.name,
            timezone: loc.timezone,
            country: 'US',
            settings: { allowDuplicateContact: loc.allowDuplicateContact, allowDuplicateOpportunity: false },
          },
        },
      };
    },
  },
  {
    operationId: 'get-custom-fields',
    method: 'GET',
    pattern: /^\/locations\/([^/]+)\/customFields\/?$/,
    scope: 'locations/customFields.readonly',
    handle: (ctx) => {
      const found = locationFor(ctx);
      if (!found.ok) return found.error;
      const model = ctx.query.model ?? 'all';
      if (!isModel(model)) return err(422, [`model must be one of the following values: ${MODELS.join(', ')}`]);
      const customFields = ctx.state.fieldsOf(found.location.id, model).map(fieldView);
      return { status: 200, locationId: found.location.id, body: { customFields } };
    },
  },
  {
    operationId: 'create-custom-field',
    method: 'POST',
    pattern: /^\/locations\/([^/]+)\/customFields\/?$/,
    scope: 'locations/customFields.write',
    schema: { file: 'apps/locations.json', name: 'CreateCustomFieldsDTO' },
    handle: (ctx) => {
      const found = locationFor(ctx);
      if (!found.ok) return found.error;
      const { name, dataType, model, placeholder, position } = record(ctx.body);
      if (typeof name !== 'string' || !name.trim()) return err(422, ['name should not be empty']);
      // A second field of the same name is created, as GHL's API does not say it refuses one; the ledger's
      // duplicates() reports it so a test catches an app that creates the field twice.
      const field = ctx.state.createCustomField(found.location.id, {
        name: name.trim(),
        dataType: typeof dataType === 'string' ? dataType : 'TEXT',
        model: model === 'opportunity' ? 'opportunity' : 'contact',
        ...(typeof placeholder === 'string' ? { placeholder } : {}),
        ...(typeof position === 'number' ? { position } : {}),
      });
      return { status: 201, locationId: found.location.id, body: { customField: fieldView(field) } };
    },
  },
  {
    operationId: 'get-workflow',
    method: 'GET',
    pattern: /^\/workflows\/?$/,
    scope: 'workflows.readonly',
    handle: (ctx) => {
      const locationId = ctx.query.locationId;
      if (!locationId) return err(422, ['locationId should not be empty']);
      if (locationId !== ctx.caller.id) return forbidden();
      const workflows = (ctx.caller.workflows ?? []).map((w) => ({
        id: w.id,
        name: w.name,
        status: w.status ?? 'published',
        version: 1,
        locationId,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      }));
      return { status: 200, locationId, body: { workflows } };
    },
  },
];

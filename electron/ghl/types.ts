/**
 * Names for the spec types the app reads or builds itself. Request bodies and responses of each call
 * are not named here: openapi-fetch infers them from the path and method (spec.ts).
 */
import type { components as Contacts } from './openapi/types/contacts';
import type { components as Locations } from './openapi/types/locations';
import type { components as Workflows } from './openapi/types/workflows';

export type UpsertContactDto = Contacts['schemas']['UpsertContactDto'];
export type UpdateContactDto = Contacts['schemas']['UpdateContactDto'];
export type GhlContact = Contacts['schemas']['GetContectByIdSchema'];
export type GhlNote = Contacts['schemas']['GetNoteSchema'];
export type GhlWorkflow = Workflows['schemas']['WorkflowSchema'];
export type GhlCustomField = Locations['schemas']['CustomFieldSchema'];

export type { GhlOperation } from './operations';

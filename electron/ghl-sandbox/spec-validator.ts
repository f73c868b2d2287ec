/**
 * Validates request bodies against the vendored GoHighLevel OpenAPI schemas, the way GHL's API does:
 * unknown properties are rejected (its DTO validation forbids non-whitelisted fields even where the
 * spec does not say `additionalProperties: false`), and messages are class-validator-style strings.
 * Used by the simulator and by the client's spec-conformance test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// The packaged desktop app ships the specs as a resource and says where (RLM_GHL_SPEC_DIR). Else
// they are in the source tree: beside this folder (source runs) or two up from out/node/ (the Node build).
const specRoot = process.env.RLM_GHL_SPEC_DIR
  ? pathToFileURL(`${process.env.RLM_GHL_SPEC_DIR.replace(/\/+$/, '')}/`)
  : ([new URL('../ghl/openapi/', import.meta.url), new URL('../../electron/ghl/openapi/', import.meta.url)].find((url) => existsSync(fileURLToPath(url))) ??
    new URL('../ghl/openapi/', import.meta.url));
// A stable base so the specs' relative `../common/common-schemas.json` refs resolve between documents.
const ID_BASE = 'https://ghl-sim.local/openapi/';

export type SpecFile = 'apps/contacts.json' | 'apps/locations.json' | 'apps/workflows.json';

function load(rel: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(rel, specRoot)), 'utf8'));
}

/** Deep copy that closes every object schema declaring `properties` to unknown keys. */
function forbidUnknown(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forbidUnknown);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = forbidUnknown(v);
  if ('properties' in out && typeof out.properties === 'object' && !('additionalProperties' in out)) {
    out.additionalProperties = false;
  }
  return out;
}

function formatError(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = path || 'body';
  switch (e.keyword) {
    case 'additionalProperties':
      return `property ${path ? `${path}.` : ''}${String(e.params.additionalProperty)} should not exist`;
    case 'required':
      return `${path ? `${path}.` : ''}${String(e.params.missingProperty)} should not be empty`;
    case 'type':
      return `${field} must be a ${String(e.params.type)}`;
    case 'enum':
      return `${field} must be one of the following values: ${(e.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${field} ${e.message ?? 'is invalid'}`;
  }
}

export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    // strict:false because OpenAPI schemas carry `example` and other non-JSON-Schema keywords.
    this.ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    for (const rel of ['apps/contacts.json', 'apps/locations.json', 'apps/workflows.json', 'common/common-schemas.json']) {
      this.ajv.addSchema(forbidUnknown(load(rel)) as object, ID_BASE + rel);
    }
  }

  /** Error messages for `body` against `#/components/schemas/<schema>` of `file`; empty when valid. */
  validate(file: SpecFile, schema: string, body: unknown): string[] {
    const ref = `${ID_BASE}${file}#/components/schemas/${schema}`;
    let fn = this.cache.get(ref);
    if (!fn) {
      fn = this.ajv.getSchema(ref);
      if (!fn) throw new Error(`No schema ${schema} in ${file}`);
      this.cache.set(ref, fn);
    }
    if (fn(body)) return [];
    // anyOf failures repeat per branch; dedupe so the message list stays readable.
    return [...new Set((fn.errors ?? []).filter((e) => e.keyword !== 'anyOf').map(formatError))];
  }
}

let shared: SpecValidator | null = null;
export function specValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}

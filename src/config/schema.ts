import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Finding } from '../errors.js';
import type { KeyPath, LocatedDocument } from '../yaml/located.js';
import { byId } from './compiled-schemas.cjs';

/**
 * The validator of a schema in schemas/, compiled ahead of time (scripts/compile-schemas.mjs, run by npm run build):
 * nothing is compiled when an action or command starts.
 */
function compile(schema: object): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  const validate = typeof id === 'string' ? byId[id] : undefined;
  if (!validate) throw new Error(`no compiled validator for schema ${String(id)}: add it to scripts/compile-schemas.mjs`);
  return validate;
}

export function pathFromPointer(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `environments.prod.days[0]` — how users read a key path. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
  }
  return text || '(top level)';
}

function describe(error: ErrorObject): { path: (string | number)[]; message: string } {
  const path = pathFromPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        path: [...path, extra],
        message: `unknown key "${extra}"${allowed.length ? `; allowed keys: ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'enum':
      return {
        path,
        message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path, message: `must be of type ${String(params.type)}` };
    case 'pattern': {
      const hint = (error.parentSchema as { description?: string } | undefined)?.description;
      return { path, message: `${hint ? `must be ${hint}` : `must match ${String(params.pattern)}`}` };
    }
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

/**
 * Validates a located YAML document against a JSON Schema (2020-12) and returns one located finding per problem.
 * Branch noise from oneOf/anyOf is collapsed so each key gets its most specific message.
 */
export function validateAgainstSchema(schema: object, document: LocatedDocument, code = 'SCHEMA'): Finding[] {
  const validate = compile(schema);
  if (validate(document.value)) return [];
  const errors = validate.errors ?? [];
  const specific = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && error.keyword !== 'if');
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of chosen) {
    const { path, message } = describe(error);
    const key = formatKeyPath(path);
    const text = `${key}: ${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    findings.push({ severity: 'error', code, message: text, key, location: document.locate(path) });
  }
  return findings;
}

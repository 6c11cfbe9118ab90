import { ConfigurationError } from '../errors.js';
import { findPlaceholders, type KubernetesObject, type Placeholder, type Resource } from '../manifests/resource.js';
import { parseYaml } from '../yaml/located.js';

/**
 * Secret values for substitution: `KEY` supplies every Secret data/stringData key named KEY; `secret/KEY` or
 * `namespace/secret/KEY` only that Secret's key (and wins over the bare form). Typically `${{ toJSON(secrets) }}`.
 */
export type SecretValues = Record<string, string>;

/** Names GitHub always puts into `toJSON(secrets)`; never reported as unused. */
const ALWAYS_PRESENT = new Set(['github_token']);

/** Parses the `secrets` input / `--secrets-file` content (a JSON or YAML object of strings). */
export function parseSecretValues(text: string | undefined, origin: string): SecretValues {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // YAML is a superset for our purpose; a syntax error is reported without echoing the content.
    try {
      value = parseYaml(text, origin).value;
    } catch {
      throw new ConfigurationError(`${origin} is neither valid JSON nor YAML (content not shown: it holds secrets).`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(`${origin} must be an object of NAME: value pairs, e.g. \${{ toJSON(secrets) }}.`);
  }
  const values: SecretValues = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'number' || typeof entry === 'boolean') values[key] = String(entry);
    else if (typeof entry === 'string') values[key] = entry;
    else throw new ConfigurationError(`${origin}: the value of "${key}" must be a string.`);
  }
  return values;
}

export interface SubstitutionResult {
  resources: Resource[];
  /** Supplied names that matched no Secret key (names only). */
  unused: string[];
  /** `Secret/ns/name: KEY` of every substituted key (names only). */
  substituted: string[];
  placeholders: Placeholder[];
}

/**
 * Replaces Secret values in memory (`data` gets the base64 of the value, `stringData` the value itself) and then
 * lists what still holds a placeholder. Every value and its base64 form go to `registerSecret` first.
 */
export function substituteSecrets(resources: readonly Resource[], values: SecretValues, registerSecret: (value: string) => void): SubstitutionResult {
  for (const value of Object.values(values)) {
    if (value === '') continue;
    for (const form of secretForms(value)) registerSecret(form);
  }
  const used = new Set<string>();
  const substituted: string[] = [];
  const lowerIndex = new Map<string, string>();
  for (const name of Object.keys(values)) if (!name.includes('/')) lowerIndex.set(name.toLowerCase(), name);

  const lookup = (object: KubernetesObject, key: string): string | undefined => {
    const candidates = [
      object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}/${key}` : undefined,
      `${object.metadata.name}/${key}`,
      key,
      lowerIndex.get(key.toLowerCase()),
    ];
    for (const candidate of candidates) {
      if (candidate !== undefined && Object.hasOwn(values, candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
    return undefined;
  };

  const result = resources.map((resource) => {
    if (resource.object.kind !== 'Secret') return resource;
    const object = structuredClone(resource.object);
    for (const field of ['data', 'stringData'] as const) {
      const entries = object[field] as Record<string, unknown> | undefined;
      if (!entries || typeof entries !== 'object') continue;
      for (const key of Object.keys(entries)) {
        const name = lookup(object, key);
        if (name === undefined) continue;
        const value = values[name] ?? '';
        entries[key] = field === 'data' ? Buffer.from(value, 'utf8').toString('base64') : value;
        substituted.push(`Secret/${object.metadata.namespace ?? ''}/${object.metadata.name}: ${key}`);
      }
    }
    return { object, source: resource.source };
  });
  const unused = Object.keys(values).filter((name) => !used.has(name) && !ALWAYS_PRESENT.has(name.toLowerCase()));
  return { resources: result, unused, substituted, placeholders: findPlaceholders(result) };
}

/** Replaces every known secret value (and its base64) in a text; for messages quoted from the API server. */
export function redactor(values: SecretValues): (text: string) => string {
  const needles = new Set<string>();
  for (const value of Object.values(values)) {
    // Very short values would blank out ordinary words; GitHub's masking has the same limit in spirit.
    if (value.length < 4) continue;
    for (const form of secretForms(value)) needles.add(form);
  }
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const needle of sorted) result = result.split(needle).join('***');
    return result;
  };
}

/**
 * A value as it can come back from the server: raw, base64 (Secret `data`), and escaped the way Go's %q and JSON
 * quote it (`\n`, `\"`), which is how API errors and admission webhooks echo multi-line or quoted values.
 */
function secretForms(value: string): string[] {
  const forms = new Set([value, Buffer.from(value, 'utf8').toString('base64')]);
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) forms.add(escaped);
  // Each line of a multi-line value on its own, as log masking and line-based quoting see them.
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) forms.add(line);
  return [...forms];
}

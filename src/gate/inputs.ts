import { ConfigurationError } from '../errors.js';
import { TRIGGERS, type Trigger } from './decide.js';

/** `postgres,redis`, one per line, or a JSON list. */
export function parseServiceList(text: string | undefined, name = 'services'): string[] {
  if (text === undefined || text.trim() === '') return [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new ConfigurationError(`Input "${name}" starts with "[" but is not a JSON list: ${trimmed}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string' && item.trim() !== '')) {
      throw new ConfigurationError(`Input "${name}" must be a JSON list of service names, e.g. ["postgres","redis"].`);
    }
    return parsed.map((item: string) => item.trim());
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

export function parseTrigger(value: string | undefined, name: string): Trigger | undefined {
  if (value === undefined) return undefined;
  if ((TRIGGERS as readonly string[]).includes(value)) return value as Trigger;
  throw new ConfigurationError(`${name} must be "auto" or "manual", got "${value}".`);
}

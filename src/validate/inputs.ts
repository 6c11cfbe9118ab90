import { isAbsolute, relative, resolve } from 'node:path';

/** `A,B` or `A B` or one per line or a JSON array: the names of the secret values the deploy will have. */
export function parseSecretNames(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
    } catch {
      // not JSON: fall through to the separated form
    }
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

/**
 * Paths relative to the working directory, so annotations land on repository files (the runner's working
 * directory is the workspace) and CLI output stays short; a path outside it stays absolute.
 */
export function displayPath(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, errorMessage, type Finding, type SourceLocation } from '../errors.js';
import type { Migration } from './types.js';

/** A migration plus where it came from, for located findings and the record. */
export interface LoadedMigration {
  migration: Migration;
  /** Absolute path of the module, or `builtin:<id>`. */
  file: string;
  builtin: boolean;
  /** Where `deprecated` is written, so the deprecation warning lands on that line. */
  deprecatedLocation?: SourceLocation;
}

export const MIGRATION_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'];
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts']);
export const MIGRATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Files the loader imports: top level only, so helpers can live in subfolders or in files starting with `_`. */
export function isMigrationFile(name: string): boolean {
  if (name.startsWith('_') || name.startsWith('.')) return false;
  if (/\.d\.m?ts$/.test(name) || /\.(test|spec)\.[cm]?[jt]s$/.test(name)) return false;
  return MIGRATION_EXTENSIONS.includes(extname(name));
}

/** Whether this Node strips TypeScript types itself (22.18+, 23.6+, 24): how `.ts` migrations load in a bundle. */
export function nodeStripsTypes(): boolean {
  const features = process.features as { typescript?: unknown };
  return Boolean(features.typescript);
}

export interface LoadOptions {
  /** A configured folder must exist; the default one may be absent (no migrations). */
  required: boolean;
  /** Overrides the module import, for tests. */
  importModule?: (file: string) => Promise<unknown>;
}

/**
 * Imports every migration module in `folder` (sorted by file name: that is the order they run in), validates each
 * and checks ids are unique. Any problem is one ConfigurationError naming each file, before anything runs.
 */
export async function loadMigrations(folder: string, options: LoadOptions): Promise<LoadedMigration[]> {
  let names: string[];
  try {
    const info = await stat(folder);
    if (!info.isDirectory())
      throw new ConfigurationError(`migrations path ${folder} is not a folder`, [
        { severity: 'error', code: 'MIGRATIONS_PATH', message: `${folder} is not a folder`, location: { file: folder } },
      ]);
    names = await readdir(folder);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return [];
    throw new ConfigurationError(`migrations folder ${folder} cannot be read: ${errorMessage(error)}`, [
      {
        severity: 'error',
        code: 'MIGRATIONS_PATH',
        message: `migrations folder cannot be read: ${errorMessage(error)}`,
        location: { file: folder },
        key: 'global.migrations.path',
      },
    ]);
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (!isMigrationFile(name)) continue;
    const file = join(folder, name);
    if ((await stat(file)).isFile()) files.push(file);
  }
  const importModule = options.importModule ?? ((file: string) => import(/* webpackIgnore: true */ pathToFileURL(file).href));
  const findings: Finding[] = [];
  const loaded: LoadedMigration[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (TYPESCRIPT_EXTENSIONS.has(extname(file)) && !nodeStripsTypes() && !options.importModule) {
      findings.push({
        severity: 'error',
        code: 'MIGRATION_TYPESCRIPT',
        message:
          `${basename(file)} is TypeScript, and this Node.js (${process.version}) cannot load TypeScript itself. ` +
          'The k8sapp actions run on node24, which can; for the CLI use Node 24 (the minimum k8sapp supports), or compile the migration to .mjs.',
        location: { file, line: 1 },
      });
      continue;
    }
    let module: unknown;
    try {
      module = await importModule(file);
    } catch (error) {
      findings.push({
        severity: 'error',
        code: 'MIGRATION_LOAD',
        message: `cannot load ${basename(file)}: ${errorMessage(error).split('\n')[0]}${typeScriptHint(error)}`,
        location: { file, line: lineFromStack(error, file) ?? 1 },
      });
      continue;
    }
    const exported = (module as { default?: unknown } | undefined)?.default;
    const result = validateMigration(exported, file, text);
    findings.push(...result.findings);
    if (result.migration) loaded.push(result.loaded!);
  }
  findings.push(...duplicateIdFindings(loaded));
  if (findings.some((f) => f.severity === 'error')) {
    throw ConfigurationError.fromFindings(`${findings.filter((f) => f.severity === 'error').length} problem(s) in the migrations in ${folder}`, findings);
  }
  return loaded;
}

function typeScriptHint(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    return ' (Node strips types only: enums, namespaces and constructor parameter properties need a compile step to .mjs)';
  }
  if (code === 'ERR_MODULE_NOT_FOUND') return ' (relative imports in .ts migrations must name the .ts file itself)';
  return '';
}

function lineFromStack(error: unknown, file: string): number | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return match ? Number(match[1]) : undefined;
}

/** Line of the first `key:` in a module's source: good enough to put an annotation on the right line. */
export function lineOfKey(text: string | undefined, key: string): number | undefined {
  if (!text) return undefined;
  const pattern = new RegExp(`(^|[\\s{,])(['"]?)${key}\\2\\s*[:(]`);
  const lines = text.split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  return index >= 0 ? index + 1 : undefined;
}

/** Checks one module's default export against the Migration interface. */
export function validateMigration(value: unknown, file: string, text?: string): { migration?: Migration; loaded?: LoadedMigration; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (key?: string): SourceLocation => ({ file, line: (key && lineOfKey(text, key)) || lineOfKey(text, 'default') || 1 });
  const problem = (message: string, key?: string) =>
    findings.push({ severity: 'error', code: 'MIGRATION_INVALID', message: `${basename(file)}: ${message}`, location: at(key), key });

  if (value === null || typeof value !== 'object') {
    problem('the module must `export default` a migration object ({ id, description, phase, components, isNeeded, run })');
    return { findings };
  }
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'string' || !MIGRATION_ID_PATTERN.test(m.id)) {
    problem(`id must be a string of letters, digits, ".", "_" or "-" (got ${JSON.stringify(m.id)})`, 'id');
  }
  if (typeof m.description !== 'string' || m.description.trim() === '') problem('description must be a non-empty string', 'description');
  if (m.phase !== 'pre' && m.phase !== 'post') problem(`phase must be "pre" or "post" (got ${JSON.stringify(m.phase)})`, 'phase');
  if (!Array.isArray(m.components) || m.components.some((c) => typeof c !== 'string' || c === '')) {
    problem('components must be a list of service names ([] for a generic migration)', 'components');
  }
  if (typeof m.isNeeded !== 'function') problem('isNeeded(ctx) must be a function returning Promise<boolean>', 'isNeeded');
  if (typeof m.run !== 'function') problem('run(ctx) must be a function returning Promise<void>', 'run');
  if (m.timeoutSeconds !== undefined && (typeof m.timeoutSeconds !== 'number' || !(m.timeoutSeconds > 0))) {
    problem('timeoutSeconds must be a positive number', 'timeoutSeconds');
  }
  if (m.deprecated !== undefined) {
    const d = m.deprecated as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || typeof d.note !== 'string' || d.note.trim() === '' || typeof d.after !== 'string') {
      problem('deprecated must be { note: string, after: "YYYY-MM-DD" or a release like "v2.0.0" }', 'deprecated');
    } else if (parseDeprecationAfter(d.after) === undefined) {
      problem(`deprecated.after must be an ISO date (2026-06-30) or a release (v2.0.0), got ${JSON.stringify(d.after)}`, 'deprecated');
    }
  }
  if (findings.length) return { findings };
  const migration = value as Migration;
  const loaded: LoadedMigration = { migration, file, builtin: false };
  if (migration.deprecated) loaded.deprecatedLocation = at('deprecated');
  return { migration, loaded, findings };
}

export function duplicateIdFindings(loaded: readonly LoadedMigration[]): Finding[] {
  const seen = new Map<string, LoadedMigration>();
  const findings: Finding[] = [];
  for (const entry of loaded) {
    const first = seen.get(entry.migration.id);
    if (first) {
      findings.push({
        severity: 'error',
        code: 'MIGRATION_DUPLICATE_ID',
        message: `${basename(entry.file)}: id "${entry.migration.id}" is already used by ${first.builtin ? 'a built-in migration' : first.file}; ids must be unique (they key the record in the cluster)`,
        location: { file: entry.file, line: 1 },
        key: 'id',
      });
    } else seen.set(entry.migration.id, entry);
  }
  return findings;
}

export type DeprecationAfter = { kind: 'date'; date: Date } | { kind: 'release'; parts: number[]; text: string };

export function parseDeprecationAfter(after: string): DeprecationAfter | undefined {
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(after)) {
    const date = new Date(after.length === 10 ? `${after}T00:00:00Z` : after);
    return Number.isNaN(date.getTime()) ? undefined : { kind: 'date', date };
  }
  const release = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(after);
  if (release) return { kind: 'release', parts: release.slice(1).map((p) => Number(p ?? 0)), text: after };
  return undefined;
}

import { migrationsSettings, type LoadedDeployControl } from '../config/deploy-control.js';
import { ConfigurationError, type Finding } from '../errors.js';
import { BUILTIN_MIGRATIONS } from './builtin/index.js';

/** `global.migrations` of deploy-control.yaml, resolved. */
export interface MigrationSettings {
  /** Absolute path of the migrations folder (`path`, relative to the control file; default `migrations`). */
  folder: string;
  /** Whether `path` was written in the control file (a missing configured folder is an error, a missing default is not). */
  folderConfigured: boolean;
  timeoutSeconds: number;
  slowSeconds: number;
  /** Opted-in built-in migrations, by id (`global.migrations.builtin`). */
  builtin: string[];
}

/**
 * `global.migrations` with defaults (path, timeout_seconds and slow_seconds come from the control file's own
 * helper; the schema checks their types), plus `builtin`, whose names only this module knows: an unknown name is a
 * ConfigurationError located on it.
 */
export function migrationSettings(control: LoadedDeployControl): MigrationSettings {
  const base = migrationsSettings(control);
  const raw = (control.config.global?.migrations ?? {}) as { path?: unknown; builtin?: unknown };
  const settings: MigrationSettings = {
    folder: base.path,
    folderConfigured: typeof raw.path === 'string',
    timeoutSeconds: base.timeoutSeconds,
    slowSeconds: base.slowSeconds,
    builtin: [],
  };
  if (raw.builtin === undefined || raw.builtin === null) return settings;
  const key = ['global', 'migrations', 'builtin'];
  const known = Object.keys(BUILTIN_MIGRATIONS).join(', ');
  const findings: Finding[] = [];
  if (!Array.isArray(raw.builtin)) {
    findings.push({
      severity: 'error',
      code: 'MIGRATIONS_CONFIG',
      message: `builtin must be a list of built-in migration ids (${known})`,
      key: key.join('.'),
      location: control.document.locate(key, 'value'),
    });
  } else {
    raw.builtin.forEach((name: unknown, index: number) => {
      if (typeof name === 'string' && Object.hasOwn(BUILTIN_MIGRATIONS, name)) {
        if (!settings.builtin.includes(name)) settings.builtin.push(name);
        return;
      }
      findings.push({
        severity: 'error',
        code: 'MIGRATIONS_CONFIG',
        message: `unknown built-in migration "${String(name)}"; known: ${known}`,
        key: [...key, index].join('.'),
        location: control.document.locate([...key, index], 'value'),
      });
    });
  }
  if (findings.length) throw ConfigurationError.fromFindings(`${control.file}: invalid global.migrations.builtin`, findings);
  return settings;
}

import { basename, dirname, join, resolve } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import schema from '../../schemas/deploy-control.schema.json' with { type: 'json' };
import { ConfigurationError, hasErrors, type Finding } from '../errors.js';
import { loadYamlFile, type KeyPath, type LocatedDocument } from '../yaml/located.js';
import { formatKeyPath, validateAgainstSchema } from './schema.js';
import { isRecord } from '../json.js';

export type DayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const DAY_NAMES: readonly DayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A blackout entry: one date, or an inclusive range of dates, both "YYYY-MM-DD" in the window's timezone. */
export type BlackoutEntry = string | { from: string; to: string };

export interface DeploymentWindow {
  enabled: boolean;
  /** IANA name; required when enabled. */
  timezone?: string;
  /** Required when enabled. */
  days?: DayName[];
  /** "HH:MM" 00:00–23:59; end < start is an overnight window, end = start the whole day. Required when enabled. */
  hours?: { start: string; end: string };
  blackout?: BlackoutEntry[];
  /** Default false. */
  allow_emergency_override?: boolean;
}

export interface ServiceControl {
  enabled: boolean;
  auto_deploy: boolean;
  /** Default false. */
  require_approval?: boolean;
  /** Default false. */
  rollback_on_failure?: boolean;
}

export type ApprovalCheck = 'enforce' | 'warn';
export type ImmutableRecovery = 'recreate' | 'fail';
export type RollbackMode = 'undo' | 'release';
export type ImagePreflightMode = 'enforce' | 'warn' | 'off';

export interface EnvironmentControl {
  enabled: boolean;
  auto_deploy: boolean;
  /** Default false. */
  require_manual_approval?: boolean;
  /** Default "enforce": fail closed when the GitHub environment has no required reviewers or cannot be read. */
  approval_check?: ApprovalCheck;
  branch?: string;
  /** Relative to the control file; default k8s/hetzner/<env>. */
  overlay?: string;
  /** Seconds; default 300. */
  rollout_timeout?: number;
  /** Default "recreate". */
  immutable_recovery?: ImmutableRecovery;
  /** Default "undo". */
  rollback?: RollbackMode;
  /** Default "warn" (DEFAULTS.imagePreflight). */
  image_preflight?: ImagePreflightMode;
  /** Default false. */
  pin_digests?: boolean;
  /** Delete what the last release had and this deploy no longer renders (docs/deploy.md "Prune"). Default false. */
  prune?: boolean;
  deployment_windows?: DeploymentWindow;
  services?: Record<string, ServiceControl>;
}

export interface MigrationsControl {
  /** Relative to the control file; default "migrations". */
  path?: string;
  /** Default 600. */
  timeout_seconds?: number;
  /** Default 60. */
  slow_seconds?: number;
  /** Built-in migrations to enable, e.g. grow-statefulset-volumes. */
  builtin?: string[];
}

export interface DeployControl {
  version?: string;
  global: { auto_deploy?: boolean; migrations?: MigrationsControl };
  environments: Record<string, EnvironmentControl>;
}

export interface LoadedDeployControl {
  /** Absolute path of deploy-control.yaml; overlay paths are relative to its folder. */
  file: string;
  config: DeployControl;
  document: LocatedDocument;
}

export const DEFAULT_CONTROL_FILE = 'infra/deploy-control.yaml';
export const CONTROL_FILE_NAME = 'deploy-control.yaml';

/** deploy-control.yaml inside a --root folder. */
export function controlFileIn(root: string): string {
  return join(root, CONTROL_FILE_NAME);
}

/** Values used when a key is absent (documented in docs/gate.md). */
export const DEFAULTS = {
  globalAutoDeploy: true,
  requireManualApproval: false,
  approvalCheck: 'enforce' as ApprovalCheck,
  rolloutTimeoutSeconds: 300,
  immutableRecovery: 'recreate' as ImmutableRecovery,
  rollback: 'undo' as RollbackMode,
  /**
   * warn, not enforce: images pulled with node-level credentials (kubelet credential providers, k3s registries.yaml
   * mirrors) are invisible to k8sapp and would be refused; repositories opt in to enforce (the examples do).
   */
  imagePreflight: 'warn' as ImagePreflightMode,
  pinDigests: false,
  prune: false,
  allowEmergencyOverride: false,
  migrations: { path: 'migrations', timeoutSeconds: 600, slowSeconds: 60 },
} as const;

type Json = unknown;

function finding(document: LocatedDocument, code: string, path: KeyPath, message: string, target: 'key' | 'value' = 'key'): Finding {
  const key = formatKeyPath(path);
  return { severity: 'error', code, message: `${key}: ${message}`, key, location: document.locate(path, target) };
}

/** Every key path below `value`, objects only: arrays are values, so their contents may differ between environments. */
function keyPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (!isRecord(value)) return [];
  const paths: (string | number)[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    paths.push(path);
    paths.push(...keyPaths(child, path));
  }
  return paths;
}

function has(value: Json, path: readonly (string | number)[]): boolean {
  let node = value;
  for (const segment of path) {
    if (!isRecord(node) || !(String(segment) in node)) return false;
    node = node[String(segment)];
  }
  return true;
}

/**
 * The seed's architecture principle: every environment has the same keys, only values differ. Reports each key
 * missing from an environment once (not its descendants), naming an environment that has it and where.
 */
function structureFindings(document: LocatedDocument, environments: Record<string, Json>, reported: Set<string>): Finding[] {
  const names = Object.keys(environments);
  if (names.length < 2) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const owner of names) {
    for (const path of keyPaths(environments[owner])) {
      const id = path.join('\u0000');
      if (seen.has(id)) continue;
      seen.add(id);
      // An unknown key is already an error of its own; do not also demand it everywhere else.
      if (reported.has(formatKeyPath(['environments', owner, ...path]))) continue;
      for (const other of names) {
        if (other === owner || has(environments[other], path)) continue;
        const parent = path.slice(0, -1);
        if (!has(environments[other], parent)) continue; // the missing ancestor is reported instead
        const where = document.locate(['environments', owner, ...path]);
        const ownerKey = formatKeyPath(['environments', owner, ...path]);
        findings.push(
          finding(
            document,
            'STRUCTURE_MISMATCH',
            ['environments', other, ...path],
            `missing in environment "${other}" but present in environment "${owner}" (${ownerKey}, line ${where.line}); ` +
              `every environment must have the same keys, only values differ. Add "${String(path[path.length - 1])}" to "${other}" or remove it from every environment.`,
          ),
        );
      }
    }
  }
  return findings;
}

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Whether `name` is an IANA zone name the runtime knows (Intl data via luxon); offsets like "+01:00" are refused. */
export function isValidTimezone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  return IANAZone.isValidZone(name);
}

function windowFindings(document: LocatedDocument, environment: string, window: Json): Finding[] {
  if (!isRecord(window)) return [];
  const base = ['environments', environment, 'deployment_windows'];
  const findings: Finding[] = [];
  if (window.enabled === true) {
    for (const key of ['timezone', 'days', 'hours']) {
      if (!(key in window)) {
        findings.push(finding(document, 'SCHEMA', base, `enabled windows need "${key}" (required keys when enabled: timezone, days, hours)`));
      }
    }
  }
  if (typeof window.timezone === 'string' && !isValidTimezone(window.timezone)) {
    findings.push(
      finding(
        document,
        'INVALID_TIMEZONE',
        [...base, 'timezone'],
        `"${window.timezone}" is not an IANA time zone name; use a name like Europe/Berlin, America/New_York or UTC ` +
          `(see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)`,
      ),
    );
  }
  if (Array.isArray(window.blackout)) {
    window.blackout.forEach((entry: Json, index: number) => {
      const checkDate = (value: Json, path: (string | number)[]): boolean => {
        if (typeof value !== 'string' || !DATE.test(value)) return false;
        if (DateTime.fromISO(value).isValid) return true;
        findings.push(finding(document, 'INVALID_DATE', path, `"${value}" is not a calendar date; use "YYYY-MM-DD", e.g. "2026-12-24"`));
        return false;
      };
      if (typeof entry === 'string') checkDate(entry, [...base, 'blackout', index]);
      if (isRecord(entry)) {
        const fromOk = checkDate(entry.from, [...base, 'blackout', index, 'from']);
        const toOk = checkDate(entry.to, [...base, 'blackout', index, 'to']);
        if (fromOk && toOk && String(entry.from) > String(entry.to)) {
          findings.push(
            finding(
              document,
              'BLACKOUT_RANGE',
              [...base, 'blackout', index, 'from'],
              `from "${String(entry.from)}" is after to "${String(entry.to)}"; a range needs from <= to (both inclusive)`,
            ),
          );
        }
      }
    });
  }
  return findings;
}

/** Checks a parsed control file: the JSON Schema plus rules a schema cannot say. Returns located findings. */
export function checkDeployControl(document: LocatedDocument): Finding[] {
  const findings = validateAgainstSchema(schema, document).map((f) =>
    /blackout\[\d+\]: must be of type string,object$/.test(f.message)
      ? {
          ...f,
          message: f.message.replace(/must be of type string,object$/, 'must be a date "YYYY-MM-DD" or a range { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }'),
        }
      : f,
  );
  const root = document.value;
  if (!isRecord(root) || !isRecord(root.environments)) return findings;
  const reported = new Set(findings.map((f) => f.key ?? ''));
  for (const [name, environment] of Object.entries(root.environments)) {
    if (isRecord(environment)) findings.push(...windowFindings(document, name, environment.deployment_windows));
  }
  findings.push(...structureFindings(document, root.environments, reported));
  return findings;
}

/** Loads and validates deploy-control.yaml; any error throws a ConfigurationError with located findings. */
export async function loadDeployControl(file: string): Promise<LoadedDeployControl> {
  const document = await loadYamlFile(file);
  const findings = checkDeployControl(document);
  if (hasErrors(findings)) throw ConfigurationError.fromFindings(`${file} is not a valid deploy-control file`, findings);
  return { file: resolve(file), config: document.value as DeployControl, document };
}

/**
 * The one error for an environment deploy-control does not define: its name and the configured ones, located on
 * `environments:` when the loaded file is known (a GitHub annotation on that line).
 */
export function unknownEnvironment(config: DeployControl, environment: string, loaded?: LoadedDeployControl): ConfigurationError {
  const known = Object.keys(config.environments).join(', ') || 'none';
  const message = `Environment "${environment}" is not in ${loaded ? basename(loaded.file) : 'deploy-control.yaml'}; configured environments: ${known}.`;
  const findings: Finding[] = loaded
    ? [{ severity: 'error', code: 'UNKNOWN_ENVIRONMENT', message, location: loaded.document.locate(['environments']), key: 'environments' }]
    : [];
  // Located: the sentence is the finding's (shown on its line), the summary stays short, so nothing is said twice.
  return new ConfigurationError(loaded ? `unknown environment "${environment}"` : message, findings);
}

/** The overlay folder of an environment: `overlay` relative to the control file's folder, default k8s/hetzner/<env>. */
export function overlayFolder(config: DeployControl, controlFolder: string, environment: string): string {
  return resolve(controlFolder, config.environments[environment]?.overlay ?? `k8s/hetzner/${environment}`);
}

/** The migrations folder: `global.migrations.path` relative to the control file's folder, default `migrations`. */
export function migrationsFolder(config: DeployControl, controlFolder: string): string {
  return resolve(controlFolder, config.global.migrations?.path ?? DEFAULTS.migrations.path);
}

/** The overlay folder of an environment of a loaded control file. */
export function overlayPath(control: LoadedDeployControl, environment: string): string {
  return overlayFolder(control.config, dirname(control.file), environment);
}

/** `global.migrations` with defaults applied; `path` resolved against the control file's folder. */
export function migrationsSettings(control: LoadedDeployControl): { path: string; timeoutSeconds: number; slowSeconds: number } {
  const migrations = control.config.global.migrations ?? {};
  return {
    path: migrationsFolder(control.config, dirname(control.file)),
    timeoutSeconds: migrations.timeout_seconds ?? DEFAULTS.migrations.timeoutSeconds,
    slowSeconds: migrations.slow_seconds ?? DEFAULTS.migrations.slowSeconds,
  };
}

/** How long an environment's rollouts may take: its `rollout_timeout`, else the default (no environment: the default). */
export function rolloutTimeoutOf(env: EnvironmentControl | undefined): number {
  return env?.rollout_timeout ?? DEFAULTS.rolloutTimeoutSeconds;
}

/** An environment's settings for the apply and rollout steps, defaults applied. */
export function environmentSettings(
  control: DeployControl,
  environment: string,
): {
  rolloutTimeoutSeconds: number;
  immutableRecovery: ImmutableRecovery;
  rollback: RollbackMode;
  rollbackOnFailure: Record<string, boolean>;
  prune: boolean;
} {
  const env = control.environments[environment];
  if (!env) throw unknownEnvironment(control, environment);
  return {
    rolloutTimeoutSeconds: rolloutTimeoutOf(env),
    immutableRecovery: env.immutable_recovery ?? DEFAULTS.immutableRecovery,
    rollback: env.rollback ?? DEFAULTS.rollback,
    prune: env.prune ?? DEFAULTS.prune,
    rollbackOnFailure: Object.fromEntries(Object.entries(env.services ?? {}).map(([name, s]) => [name, s.rollback_on_failure ?? false])),
  };
}

/** An environment's image preflight settings, defaults applied. */
export function imagePreflightSettings(control: DeployControl, environment: string): { mode: ImagePreflightMode; pinDigests: boolean } {
  const env = control.environments[environment];
  return { mode: env?.image_preflight ?? DEFAULTS.imagePreflight, pinDigests: env?.pin_digests ?? DEFAULTS.pinDigests };
}

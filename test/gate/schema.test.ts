import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/deploy-control.schema.json' with { type: 'json' };
import { checkDeployControl, loadDeployControl, migrationsSettings, overlayPath, environmentSettings } from '../../src/config/deploy-control.js';
import { ConfigurationError, type Finding } from '../../src/errors.js';
import { parseYaml } from '../../src/yaml/located.js';
import { REPO_ROOT } from '../helpers/run-action.js';

const FILE = 'infra/deploy-control.yaml';

/** A valid control file with two environments; tests break one thing at a time. */
export const VALID = `version: "3.0.0"
global:
  auto_deploy: true
  migrations:
    path: migrations
    timeout_seconds: 600
    slow_seconds: 60
environments:
  dev:
    enabled: true
    auto_deploy: true
    require_manual_approval: false
    approval_check: enforce
    branch: dev
    overlay: k8s/hetzner/dev
    rollout_timeout: 300
    immutable_recovery: recreate
    rollback: undo
    deployment_windows:
      enabled: false
      timezone: Europe/Berlin
      days: [mon, tue, wed, thu, fri]
      hours:
        start: "09:00"
        end: "17:00"
      blackout: []
      allow_emergency_override: true
    services:
      postgres:
        enabled: true
        auto_deploy: true
        require_approval: false
        rollback_on_failure: false
  prod:
    enabled: true
    auto_deploy: false
    require_manual_approval: true
    approval_check: enforce
    branch: main
    overlay: k8s/hetzner/prod
    rollout_timeout: 600
    immutable_recovery: recreate
    rollback: undo
    deployment_windows:
      enabled: true
      timezone: Europe/Berlin
      days: [mon, tue, wed, thu]
      hours:
        start: "09:00"
        end: "16:00"
      blackout:
        - "2026-12-24"
        - from: "2026-12-27"
          to: "2027-01-02"
      allow_emergency_override: true
    services:
      postgres:
        enabled: true
        auto_deploy: false
        require_approval: true
        rollback_on_failure: true
`;

/** Replaces the `occurrence`-th (1-based) match of `from` in VALID. */
function broken(from: string, to: string, occurrence = 1): string {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = VALID.indexOf(from, index + 1);
  if (index < 0) throw new Error(`fixture has no ${from}`);
  return VALID.slice(0, index) + to + VALID.slice(index + from.length);
}

function lineOf(text: string, fragment: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (const [index, line] of lines.entries()) if (line.includes(fragment) && ++seen === occurrence) return index + 1;
  throw new Error(`no ${fragment}`);
}

function check(text: string): Finding[] {
  return checkDeployControl(parseYaml(text, FILE)).filter((f) => f.severity === 'error');
}

function only(text: string): Finding {
  const findings = check(text);
  expect(findings.map((f) => f.message)).toHaveLength(1);
  return findings[0]!;
}

describe('deploy-control schema', () => {
  it('accepts the valid fixture and the example infra', async () => {
    expect(check(VALID)).toEqual([]);
    const example = await loadDeployControl(resolve(import.meta.dirname, '../../examples/infra/deploy-control.yaml'));
    expect(Object.keys(example.config.environments)).toEqual(['dev', 'test', 'prod']);
  });

  it('is a JSON Schema 2020-12 where every property has a description', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string; $ref?: string }> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (!child.description && !child.$ref) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const [key, child] of Object.entries((node as { $defs?: object }).$defs ?? {})) walk(child, `$defs.${key}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('unknown key: names the key, its line, and the allowed keys', () => {
    const text = broken('    branch: main\n', '    branch: main\n    brnch: main\n');
    const f = only(text);
    expect(f).toMatchObject({ key: 'environments.prod.brnch', location: { file: FILE, line: lineOf(text, 'brnch') } });
    expect(f.message).toBe(
      'environments.prod.brnch: unknown key "brnch"; allowed keys: enabled, auto_deploy, require_manual_approval, approval_check, branch, overlay, rollout_timeout, immutable_recovery, rollback, image_preflight, pin_digests, prune, deployment_windows, services',
    );
  });

  it('wrong type: names the expected type', () => {
    const text = broken('  auto_deploy: true', '  auto_deploy: "yes"');
    expect(only(text)).toMatchObject({
      key: 'global.auto_deploy',
      message: 'global.auto_deploy: must be of type boolean',
      location: { file: FILE, line: 3 },
    });
  });

  it('"9:00": a time needs two-digit hours', () => {
    const text = broken('start: "09:00"', 'start: "9:00"', 2);
    expect(only(text)).toMatchObject({
      key: 'environments.prod.deployment_windows.hours.start',
      message:
        'environments.prod.deployment_windows.hours.start: must be a 24-hour time "HH:MM" from "00:00" to "23:59" with two-digit hours, e.g. "09:00" (quote it in YAML)',
      location: { file: FILE, line: lineOf(text, '"9:00"') },
    });
  });

  it('"24:30": hours stop at 23', () => {
    const text = broken('end: "16:00"', 'end: "24:30"');
    expect(only(text)).toMatchObject({
      key: 'environments.prod.deployment_windows.hours.end',
      message: expect.stringContaining('must be a 24-hour time "HH:MM" from "00:00" to "23:59"'),
      location: { file: FILE, line: lineOf(text, '"24:30"') },
    });
  });

  it('unknown day: lists the day names', () => {
    const text = broken('days: [mon, tue, wed, thu]', 'days: [mon, tue, wed, thursday]');
    expect(only(text)).toMatchObject({
      key: 'environments.prod.deployment_windows.days[3]',
      message: 'environments.prod.deployment_windows.days[3]: must be one of: "mon", "tue", "wed", "thu", "fri", "sat", "sun"',
      location: { file: FILE, line: lineOf(text, 'thursday') },
    });
  });

  it('bad timezone: asks for an IANA name', () => {
    const text = broken('timezone: Europe/Berlin', 'timezone: Europe/Berlim', 2);
    expect(only(text)).toMatchObject({
      code: 'INVALID_TIMEZONE',
      key: 'environments.prod.deployment_windows.timezone',
      message: expect.stringContaining('"Europe/Berlim" is not an IANA time zone name; use a name like Europe/Berlin'),
      location: { file: FILE, line: lineOf(text, 'Europe/Berlim') },
    });
  });

  it('an offset is not a timezone', () => {
    const text = broken('timezone: Europe/Berlin', 'timezone: "+01:00"', 2);
    expect(only(text)).toMatchObject({ code: 'INVALID_TIMEZONE', key: 'environments.prod.deployment_windows.timezone' });
  });

  it('from after to: the range is reversed', () => {
    const text = broken('from: "2026-12-27"', 'from: "2027-01-03"');
    expect(only(text)).toMatchObject({
      code: 'BLACKOUT_RANGE',
      key: 'environments.prod.deployment_windows.blackout[1].from',
      message: 'environments.prod.deployment_windows.blackout[1].from: from "2027-01-03" is after to "2027-01-02"; a range needs from <= to (both inclusive)',
      location: { file: FILE, line: lineOf(text, '2027-01-03') },
    });
  });

  it('a date that is not on the calendar', () => {
    const text = broken('- "2026-12-24"', '- "2026-02-30"');
    expect(only(text)).toMatchObject({
      code: 'INVALID_DATE',
      key: 'environments.prod.deployment_windows.blackout[0]',
      location: { line: lineOf(text, '2026-02-30') },
    });
  });

  it('a blackout entry of the wrong type names both allowed forms', () => {
    const text = broken('- "2026-12-24"', '- 20261224');
    expect(only(text).message).toBe(
      'environments.prod.deployment_windows.blackout[0]: must be a date "YYYY-MM-DD" or a range { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }',
    );
  });

  it('key missing in one environment: names both environments and where the key is', () => {
    const text = broken('    rollback: undo\n', '', 2);
    const f = only(text);
    expect(f).toMatchObject({ code: 'STRUCTURE_MISMATCH', key: 'environments.prod.rollback', location: { file: FILE, line: lineOf(text, '  prod:') } });
    expect(f.message).toBe(
      `environments.prod.rollback: missing in environment "prod" but present in environment "dev" (environments.dev.rollback, line ${lineOf(text, 'rollback: undo')}); ` +
        'every environment must have the same keys, only values differ. Add "rollback" to "prod" or remove it from every environment.',
    );
  });

  it('a service missing in one environment is reported once, not per sub-key', () => {
    const text = VALID.replace(
      /    services:\n      postgres:\n        enabled: true\n        auto_deploy: true\n        require_approval: false\n        rollback_on_failure: false\n/,
      '    services:\n      postgres:\n        enabled: true\n        auto_deploy: true\n        require_approval: false\n        rollback_on_failure: false\n      redis:\n        enabled: true\n        auto_deploy: true\n',
    );
    const findings = check(text);
    expect(findings.map((f) => f.key)).toEqual(['environments.prod.services.redis']);
    expect(findings[0]?.message).toContain('present in environment "dev"');
  });

  it('enabled windows need timezone, days and hours', () => {
    const text = VALID.replace(
      '      enabled: true\n      timezone: Europe/Berlin\n      days: [mon, tue, wed, thu]\n',
      '      enabled: true\n      timezone: Europe/Berlin\n',
    ).replace('      days: [mon, tue, wed, thu, fri]\n', '');
    const findings = check(text);
    expect(findings.map((f) => f.message)).toEqual([
      'environments.prod.deployment_windows: enabled windows need "days" (required keys when enabled: timezone, days, hours)',
    ]);
  });

  it('enum values are listed', () => {
    const text = broken('immutable_recovery: recreate', 'immutable_recovery: delete');
    expect(only(text).message).toBe('environments.dev.immutable_recovery: must be one of: "recreate", "fail"');
  });

  it('loadDeployControl throws a located ConfigurationError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-schema-'));
    const file = join(dir, 'deploy-control.yaml');
    await writeFile(file, broken('end: "16:00"', 'end: "24:30"'));
    const error = await loadDeployControl(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toContain(`${file}:${lineOf(broken('end: "16:00"', 'end: "24:30"'), '24:30')}`);
  });

  it('exposes settings with defaults for the pipeline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-schema-'));
    const file = join(dir, 'deploy-control.yaml');
    await writeFile(file, VALID);
    const control = await loadDeployControl(file);
    expect(overlayPath(control, 'prod')).toBe(join(dir, 'k8s/hetzner/prod'));
    expect(migrationsSettings(control)).toEqual({ path: join(dir, 'migrations'), timeoutSeconds: 600, slowSeconds: 60 });
    expect(environmentSettings(control.config, 'prod')).toEqual({
      rolloutTimeoutSeconds: 600,
      immutableRecovery: 'recreate',
      rollback: 'undo',
      prune: false,
      rollbackOnFailure: { postgres: true },
    });
  });

  it('prune: optional (default false), a boolean, and like every key present in all environments or none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-schema-'));
    const file = join(dir, 'deploy-control.yaml');
    const examples = await readFile(join(REPO_ROOT, 'examples/infra/deploy-control.yaml'), 'utf8');
    await writeFile(file, examples);
    const control = await loadDeployControl(file);
    for (const env of ['dev', 'test', 'prod']) expect(environmentSettings(control.config, env).prune).toBe(true);

    // Missing in one environment: the structure rule names both.
    const lines = examples.split('\n');
    const prodPrune = lines.findLastIndex((line) => line === '    prune: true');
    await writeFile(file, lines.filter((_, index) => index !== prodPrune).join('\n'));
    const missing = (await loadDeployControl(file).catch((e: unknown) => e)) as ConfigurationError;
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing.message).toMatch(/environments\.prod\.prune: missing in environment "prod" but present in environment "dev"/);

    // Not a boolean: a schema error on that line.
    await writeFile(file, examples.replace('    prune: true', '    prune: "yes"'));
    const wrong = (await loadDeployControl(file).catch((e: unknown) => e)) as ConfigurationError;
    expect(wrong).toBeInstanceOf(ConfigurationError);
    expect(wrong.message).toContain('environments.dev.prune');
    expect(wrong.message).toContain(`${file}:${examples.split('\n').indexOf('    prune: true') + 1}`);
  });
});

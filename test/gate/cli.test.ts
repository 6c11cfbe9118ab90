import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-action.js';
import { runCliInProcess } from '../helpers/cli.js';

/** Wed 2026-12-23 16:30 in Berlin: after the prod window closes, the day before the Christmas blackout. */
const NOW = new Date('2026-12-23T15:30:00Z');

async function cli(args: string[], cwd = REPO_ROOT) {
  const run = await runCliInProcess(args, { cwd, now: () => NOW, refusal: 'gate must not run external commands' });
  return { code: run.code, stdout: run.out, stderr: run.err };
}

const EXAMPLE = ['--root', 'examples/infra'];

describe('k8sapp gate', () => {
  it('--json prints the decision in the documented shape', async () => {
    const { code, stdout } = await cli(['gate', ...EXAMPLE, '--env', 'prod', '--trigger', 'manual', '--json']);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout);
    expect(Object.keys(decision)).toEqual([
      'environment',
      'allowed',
      'trigger',
      'reasons',
      'services',
      'requiresApproval',
      'rolloutTimeoutSeconds',
      'window',
      'emergencyOverride',
    ]);
    expect(decision).toMatchObject({
      environment: 'prod',
      allowed: false,
      trigger: 'manual',
      requiresApproval: true,
      rolloutTimeoutSeconds: 600,
      window: { open: false, nextOpen: '2027-01-04T09:00:00+01:00' },
      emergencyOverride: null,
    });
    expect(decision.reasons.map((r: { code: string }) => r.code)).toEqual(['ENV_ENABLED', 'MANUAL_TRIGGER', 'OUTSIDE_WINDOW', 'APPROVAL_REQUIRED']);
    expect(decision.reasons[2].message).toContain('next window opens 2027-01-04T09:00:00+01:00 (in 11 d 16 h 30 min)');
    expect(decision.services.map((s: { name: string }) => s.name)).toEqual(['postgres', 'redis', 'jaeger']);
  });

  it('--at makes a decision reproducible; an emergency reason overrides the blackout', async () => {
    const { code, stdout } = await cli([
      'gate',
      ...EXAMPLE,
      '--env',
      'prod',
      '--service',
      'postgres',
      '--trigger',
      'manual',
      '--at',
      '2026-12-24T10:00:00Z',
      '--emergency-reason',
      'CVE fix',
      '--json',
    ]);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout);
    expect(decision.allowed).toBe(true);
    expect(decision.emergencyOverride).toEqual({ reason: 'CVE fix', overrides: ['BLACKOUT'] });
    expect(decision.services).toHaveLength(1);
    expect(decision.reasons.find((r: { code: string }) => r.code === 'BLACKOUT').message).toContain('2026-12-24T11:00:00+01:00 falls in blackout 2026-12-24');
  });

  it('a blocked decision still exits 0; the text output says approval is enforced by GitHub', async () => {
    const { code, stdout } = await cli(['gate', ...EXAMPLE, '--env', 'prod']);
    expect(code).toBe(0);
    expect(stdout).toContain('prod: BLOCKED (trigger auto');
    expect(stdout).toMatch(/AUTO_DEPLOY_OFF\s+block/);
    expect(stdout).toContain('this CLI does not call the GitHub API');
  });

  it('--all shows every environment for pushes and manual runs', async () => {
    const { code, stdout } = await cli(['gate', ...EXAMPLE, '--all']);
    expect(code).toBe(0);
    const rows = stdout.split('\n');
    expect(rows.find((r) => r.startsWith('ENVIRONMENT'))).toMatch(/PUSH \(AUTO\)\s+MANUAL\s+WINDOW\s+NEXT WINDOW\s+APPROVAL\s+TIMEOUT\s+SERVICES/);
    expect(rows.find((r) => r.startsWith('dev '))).toMatch(/^dev\s+deploy\s+deploy\s+no windows/);
    expect(rows.find((r) => r.startsWith('test '))).toMatch(/^test\s+blocked \(AUTO_DEPLOY_OFF, NO_SERVICES_ALLOWED\)\s+deploy\s/);
    expect(rows.find((r) => r.startsWith('prod '))).toContain('2027-01-04T09:00:00+01:00 (in 11 d 16 h 30 min)');
    expect(stdout).toContain('does not call the GitHub API');
  });

  it('--all --json prints one decision per environment', async () => {
    const { code, stdout } = await cli(['gate', ...EXAMPLE, '--all', '--trigger', 'manual', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((d: { environment: string; allowed: boolean }) => [d.environment, d.allowed])).toEqual([
      ['dev', true],
      ['test', true],
      ['prod', false],
    ]);
  });

  it.each([
    [['gate', ...EXAMPLE], /exactly one of --env ENV or --all/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--all'], /exactly one of --env ENV or --all/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--trigger', 'push'], /--trigger must be one of auto, manual; got "push"/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--at', '2026-12-24 10:00'], /--at must be an ISO 8601 time with Z or an offset/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--at', '2026-12-24T10:00:00'], /--at must be an ISO 8601 time with Z or an offset/],
    [['gate', ...EXAMPLE, '--env', 'staging'], /configured environments: dev, test, prod/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--service', 'mongo'], /"mongo" not configured.*postgres, redis, jaeger/],
    [['gate', ...EXAMPLE, '--env', 'prod', '--bogus'], /^k8sapp gate: unknown option --bogus \(see k8sapp gate --help\)$/],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('an invalid control file exits 2 naming file, line and key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-cli-'));
    await mkdir(join(dir, 'infra'));
    await writeFile(
      join(dir, 'infra', 'deploy-control.yaml'),
      'global: {auto_deploy: true}\nenvironments:\n  prod:\n    enabled: true\n    auto_deploy: false\n    deployment_windows:\n      enabled: true\n      timezone: Mars/Olympus\n      days: [mon]\n      hours: {start: "09:00", end: "16:00"}\n',
    );
    const { code, stdout, stderr } = await cli(['gate', '--env', 'prod', '--json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${join(dir, 'infra', 'deploy-control.yaml')}:8:7: error: environments.prod.deployment_windows.timezone: "Mars/Olympus" is not an IANA time zone name`,
    );
    expect(JSON.parse(stdout).error.findings[0]).toMatchObject({
      code: 'INVALID_TIMEZONE',
      key: 'environments.prod.deployment_windows.timezone',
      location: { line: 8 },
    });
  });

  it('the bundled CLI gives the same decision', async () => {
    const { exitCode, stdout } = await runCli(['gate', ...EXAMPLE, '--env', 'prod', '--trigger', 'manual', '--at', '2026-12-23T15:30:00Z', '--json']);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse((await cli(['gate', ...EXAMPLE, '--env', 'prod', '--trigger', 'manual', '--json'])).stdout));
  });
});

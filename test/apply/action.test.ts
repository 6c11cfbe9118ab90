import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APPLY_INPUTS, APPLY_OUTPUTS, parseServices } from '../../src/actions/apply-action.js';
import { installFakeKubectlBinary, TEST_KUBECONFIG, VERSION_RULE } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction, runCli } from '../helpers/run-action.js';

const ACTION_YML = parse(readFileSync(join(REPO_ROOT, 'actions/apply/action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const CONTROL = resolve(REPO_ROOT, 'examples/infra/deploy-control.yaml');
const KUBECONFIG = TEST_KUBECONFIG;
const PASSWORD = 'hunter2-but-longer';
const SECRETS = JSON.stringify(
  Object.fromEntries(
    [
      'POSTGRES_SA_PASSWORD',
      'ACCOUNT_SERVICE_DB_USER_PASSWORD',
      'MESSAGING_SERVICE_DB_USER_PASSWORD',
      'PROPERTY_SERVICE_DB_USER_PASSWORD',
      'REDIS_ADMIN_PASSWORD',
      'REDIS_PUBSUB_PASSWORD',
      'REDIS_CACHE_PASSWORD',
      'REDIS_RATELIMIT_PASSWORD',
      'REDIS_MONITOR_PASSWORD',
    ].map((name) => [name, `${PASSWORD}-${name.length}`]),
  ),
);

describe('actions/apply/action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(ACTION_YML.inputs).sort()).toEqual([...APPLY_INPUTS].sort());
    expect(Object.keys(ACTION_YML.outputs).sort()).toEqual([...APPLY_OUTPUTS].sort());
  });

  it("parses the gate's services output in both spellings", () => {
    expect(parseServices('["postgres","redis"]')).toEqual(['postgres', 'redis']);
    expect(parseServices('postgres, redis\n')).toEqual(['postgres', 'redis']);
    expect(parseServices('')).toEqual([]);
    expect(() => parseServices('[1]')).toThrow(/JSON list/);
  });
});

describe.concurrent('bundled apply action with a fake kubectl on PATH', () => {
  it('applies the dev overlay: kubeconfig 0600 during the calls and gone after, manifest on stdin only', async () => {
    const fake = await installFakeKubectlBinary([
      VERSION_RULE,
      { prefix: ['get'], responses: [{ stdout: '' }] },
      // A dry run answering with no objects means "all would be created" for objects that do not exist.
      { prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server'], responses: [{ stdout: '' }] },
      {
        prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f'],
        responses: [
          {
            stdout: [
              'secret/postgres-secret serverside-applied',
              'secret/redis-secret serverside-applied',
              'configmap/postgres-init serverside-applied',
              'configmap/redis-config serverside-applied',
              'service/postgres-headless serverside-applied',
              'service/postgres serverside-applied',
              'service/redis-headless serverside-applied',
              'service/redis serverside-applied',
              'service/jaeger-headless serverside-applied',
              'service/jaeger serverside-applied',
              'statefulset.apps/postgres serverside-applied',
              'statefulset.apps/redis serverside-applied',
              'statefulset.apps/jaeger serverside-applied',
            ].join('\n'),
          },
        ],
      },
    ]);
    const run = await runBundledAction(
      'apply',
      { environment: 'dev', 'control-file': CONTROL, kubeconfig: KUBECONFIG, secrets: SECRETS },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const calls = fake.calls();
    const server = calls.filter((call) => call.args[0] !== 'kustomize');
    expect(server.length).toBeGreaterThan(0);
    for (const call of server) {
      expect((call.env as { kubeconfigMode?: string }).kubeconfigMode).toBe('600');
      expect(call.fullArgs.join(' ')).not.toContain('very-secret-token-value');
    }
    const kubeconfigPath = (server[0]?.env as { KUBECONFIG?: string }).KUBECONFIG ?? '';
    expect(kubeconfigPath.startsWith(run.tempDir)).toBe(true);
    expect(existsSync(kubeconfigPath)).toBe(false);
    const applied = calls.find((call) => call.args[0] === 'apply' && !call.args.some((arg) => arg.startsWith('--dry-run')));
    expect(applied?.input).toContain('name: postgres-secret');
    expect(applied?.input).toContain(Buffer.from(`${PASSWORD}-20`).toString('base64'));
    // Every value is masked (::add-mask:: is consumed by the runner) before the first log line…
    const lines = run.stdout.split('\n');
    const firstLog = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    for (const value of Object.values(JSON.parse(SECRETS) as Record<string, string>)) {
      const masked = lines.indexOf(`::add-mask::${value}`);
      expect(masked).toBeGreaterThanOrEqual(0);
      expect(masked).toBeLessThan(firstLog);
    }
    // …and nothing else the runner shows or stores holds a value.
    const shown = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const text of [shown, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('very-secret-token-value');
    }
    const resources = JSON.parse(run.outputs.resources ?? '[]') as { name: string; action: string }[];
    expect(resources).toHaveLength(13);
    expect(resources.every((resource) => resource.action === 'created')).toBe(true);
    expect(JSON.parse(run.outputs.workloads ?? '[]')).toEqual([
      { kind: 'StatefulSet', namespace: 'default', name: 'postgres' },
      { kind: 'StatefulSet', namespace: 'default', name: 'redis' },
      { kind: 'StatefulSet', namespace: 'default', name: 'jaeger' },
    ]);
    expect(run.summary).toContain('### k8sapp apply: dev');
  });

  it('plan with a missing secret: fails, names the Secret and key, and makes no mutating call', async () => {
    const fake = await installFakeKubectlBinary([
      VERSION_RULE,
      { prefix: ['get'], responses: [{ stdout: '' }] },
      { prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server'], responses: [{ stdout: '' }] },
    ]);
    const run = await runBundledAction(
      'apply',
      { environment: 'dev', 'control-file': CONTROL, secrets: '{}', 'dry-run': 'true', kubeconfig: KUBECONFIG },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode).toBe(1);
    expect(
      fake
        .calls()
        .filter((call) => call.args[0] === 'apply')
        .every((call) => call.args.includes('--dry-run=server')),
    ).toBe(true);
    expect(run.summary).toContain('#### Unresolved secret placeholders');
    expect(run.summary).toContain('Secret `default/postgres-secret` key `POSTGRES_SA_PASSWORD` (data)');
    expect(run.annotations.some((annotation) => annotation.level === 'error' && annotation.message.includes('REDIS_MONITOR_PASSWORD'))).toBe(true);
  });
});

describe('k8sapp plan --json', () => {
  it('prints the report shape on stdout; a service without Secrets plans clean with dry runs only', async () => {
    const fake = await installFakeKubectlBinary([
      VERSION_RULE,
      { prefix: ['get'], responses: [{ stdout: '' }] },
      { prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server'], responses: [{ stdout: '' }] },
    ]);
    const result = await runCli(['plan', '--root', 'examples/infra', '--env', 'dev', '--service', 'jaeger', '--json'], {
      env: { PATH: `${fake.dir}:${process.env.PATH}` },
    });
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['environment', 'resources', 'recreated', 'placeholders', 'errors']));
    expect(report.environment).toBe('dev');
    // jaeger has no Secret: nothing to substitute, so the plan is clean.
    expect(result.exitCode).toBe(0);
    expect(
      fake
        .calls()
        .filter((call) => call.args[0] === 'apply')
        .every((call) => call.args.includes('--dry-run=server')),
    ).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APPLY_INPUTS, APPLY_OUTPUTS, parseServices } from '../../src/actions/apply-action.js';
import { FAKE_API_TOKEN, filesHolding, serveKube, type FakeApiServer } from '../helpers/fake-api-server.js';
import { call, FakeKube, SERVER_VERSION } from '../helpers/fake-kube.js';
import { installFakeKubectlBinary, type RecordedCall } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction, runCli, type ActionRun } from '../helpers/run-action.js';
import { serve } from './helpers.js';

const ACTION_YML = parse(readFileSync(join(REPO_ROOT, 'actions/apply/action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const CONTROL = resolve(REPO_ROOT, 'examples/infra/deploy-control.yaml');
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

/** Calls that change the cluster: a real apply, create, replace, patch or delete. */
const mutations = (kube: FakeKube) =>
  kube.calls.filter((c) => ['create', 'replace', 'patch', 'delete'].includes(c.verb) || (c.verb === 'apply' && !c.options?.dryRun));

/** An empty cluster behind the fake API server: every object is new, the server dry runs and applies what it gets. */
function emptyCluster(): FakeKube {
  return serve(new FakeKube().on(call('version'), SERVER_VERSION), []);
}

/** The bundled apply action against `kube` over HTTP; kubectl on PATH is a fake that only forwards `kustomize`. */
async function runApplyAction(kube: FakeKube, inputs: Record<string, string>): Promise<{ run: ActionRun; api: FakeApiServer; kubectl: RecordedCall[] }> {
  const kubectl = await installFakeKubectlBinary([]);
  const api = await serveKube(kube);
  const run = await runBundledAction(
    'apply',
    { environment: 'dev', 'control-file': CONTROL, kubeconfig: api.kubeconfig, ...inputs },
    {
      env: { PATH: `${kubectl.dir}:${process.env.PATH}` },
    },
  ).finally(() => api.close());
  return { run, api, kubectl: kubectl.calls() };
}

describe.concurrent('bundled apply action against the fake API server', () => {
  it('applies the dev overlay: the kubeconfig only in memory, the Secret values only in the apply request bodies', async () => {
    const kube = emptyCluster();
    const { run, api, kubectl } = await runApplyAction(kube, { secrets: SECRETS });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    // kubectl only built the overlay; the token never reached it.
    expect(kubectl.length).toBeGreaterThan(0);
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    for (const c of kubectl) expect(JSON.stringify(c)).not.toContain(FAKE_API_TOKEN);
    // No kubeconfig file is written: the input's content reached the API client in memory; every request carried the token.
    expect(await filesHolding(run.tempDir, FAKE_API_TOKEN)).toEqual([]);
    expect(api.authorizations.length).toBeGreaterThan(0);
    expect(api.authorizations.every((header) => header === `Bearer ${FAKE_API_TOKEN}`)).toBe(true);
    // The Secret's value went to the server in the apply request's body, never in a URL.
    const applied = kube.of('apply').find((c) => !c.options?.dryRun && c.kind === 'Secret' && c.name === 'postgres-secret');
    expect(JSON.stringify(applied?.body)).toContain(Buffer.from(`${PASSWORD}-20`).toString('base64'));
    for (const request of api.requests) expect(request).not.toContain(PASSWORD);
    // Every value is masked (::add-mask:: is consumed by the runner) before the first log line…
    const lines = run.stdout.split('\n');
    const firstLog = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    for (const value of Object.values(JSON.parse(SECRETS) as Record<string, string>)) {
      const masked = lines.indexOf(`::add-mask::${value}`);
      expect(masked).toBeGreaterThanOrEqual(0);
      expect(masked).toBeLessThan(firstLog);
    }
    // …and nothing else the runner shows or stores holds a value or the token.
    const shown = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const text of [shown, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(`${PASSWORD}-20`).toString('base64'));
      expect(text).not.toContain(FAKE_API_TOKEN);
    }
    expect(await filesHolding(run.tempDir, PASSWORD)).toEqual([]);
    const resources = JSON.parse(run.outputs.resources ?? '[]') as { name: string; action: string }[];
    expect(resources).toHaveLength(13);
    expect(resources.every((resource) => resource.action === 'created')).toBe(true);
    // One dry run and one apply per object.
    expect(kube.of('apply').filter((c) => c.options?.dryRun)).toHaveLength(13);
    expect(mutations(kube).map((c) => c.verb)).toEqual(Array.from({ length: 13 }, () => 'apply'));
    expect(JSON.parse(run.outputs.workloads ?? '[]')).toEqual([
      { kind: 'StatefulSet', namespace: 'default', name: 'postgres' },
      { kind: 'StatefulSet', namespace: 'default', name: 'redis' },
      { kind: 'StatefulSet', namespace: 'default', name: 'jaeger' },
    ]);
    expect(run.summary).toContain('### k8sapp apply: dev');
  });

  it('plan with a missing secret: fails, names the Secret and key, and makes no mutating call', async () => {
    const kube = emptyCluster();
    const { run, kubectl } = await runApplyAction(kube, { secrets: '{}', 'dry-run': 'true' });
    expect(run.exitCode).toBe(1);
    expect(kube.of('apply').length).toBeGreaterThan(0);
    expect(mutations(kube)).toEqual([]);
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    expect(run.summary).toContain('#### Unresolved secret placeholders');
    expect(run.summary).toContain('Secret `default/postgres-secret` key `POSTGRES_SA_PASSWORD` (data)');
    expect(run.annotations.some((annotation) => annotation.level === 'error' && annotation.message.includes('REDIS_MONITOR_PASSWORD'))).toBe(true);
  });
});

describe('k8sapp plan --json', () => {
  it('prints the report shape on stdout; a service without Secrets plans clean with dry runs only', async () => {
    const kube = emptyCluster();
    const api = await serveKube(kube);
    const kubectl = await installFakeKubectlBinary([]);
    const kubeconfig = join(await mkdtemp(join(tmpdir(), 'k8sapp-plan-cli-')), 'kubeconfig');
    await writeFile(kubeconfig, api.kubeconfig, { mode: 0o600 });
    const result = await runCli(['plan', '--root', 'examples/infra', '--env', 'dev', '--service', 'jaeger', '--json'], {
      env: { PATH: `${kubectl.dir}:${process.env.PATH}`, KUBECONFIG: kubeconfig },
    }).finally(() => api.close());
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['environment', 'resources', 'recreated', 'placeholders', 'errors']));
    expect(report.environment).toBe('dev');
    // jaeger has no Secret: nothing to substitute, so the plan is clean.
    expect(result.exitCode, result.stderr).toBe(0);
    expect(kube.of('apply').length).toBeGreaterThan(0);
    expect(mutations(kube)).toEqual([]);
    expect(kubectl.calls().filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
  });
});

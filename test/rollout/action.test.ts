import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { ROLLOUT_INPUTS, ROLLOUT_OUTPUTS } from '../../src/actions/rollout-action.js';
import { FAKE_API_TOKEN, filesHolding, kubeconfigFor, selfSignedTlsServer, serveKube, type FakeApiServer } from '../helpers/fake-api-server.js';
import { call, FakeKube, recordedItems, SERVER_VERSION, type KubeCall } from '../helpers/fake-kube.js';
import { installFakeKubectlBinary, type RecordedCall } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction, runCli, type ActionRun } from '../helpers/run-action.js';
import { answerWaits, fixtureObjects } from './helpers.js';
import { crashingDeployment } from './scenarios.js';

describe('action.yml declares exactly the inputs and outputs the code uses', () => {
  it('matches', () => {
    const declared = parse(readFileSync(join(REPO_ROOT, 'actions/rollout/action.yml'), 'utf8')) as {
      inputs: object;
      outputs: object;
      runs: { using: string; main: string };
    };
    expect(Object.keys(declared.inputs).sort()).toEqual([...ROLLOUT_INPUTS].sort());
    expect(Object.keys(declared.outputs).sort()).toEqual([...ROLLOUT_OUTPUTS].sort());
    expect(declared.runs).toEqual({ using: 'node24', main: '../../dist/rollout/index.js' });
  });
});

const NAMESPACE = 'apply-out-ssa-k132';
const READY = JSON.stringify(['worker', 'api', 'cache'].map((name, i) => ({ kind: i < 2 ? 'Deployment' : 'StatefulSet', namespace: NAMESPACE, name })));
/** The recorded objects of `apply-outputs/ssa--k132`: worker and api (Deployments) and cache (StatefulSet) all Current. */
const RECORDED = recordedItems('apply-outputs/ssa--k132/08-o-json-multi');

/** The workload LISTs answered from `objects`: by kind and namespace, narrowed by a `metadata.name=` field selector. */
function workloadsFrom(objects: KubernetesObject[]): (c: KubeCall) => KubernetesObject[] {
  return (c) =>
    objects.filter(
      (o) =>
        o.kind === c.kind &&
        o.metadata.namespace === c.namespace &&
        (typeof c.options?.fieldSelector !== 'string' || c.options.fieldSelector === `metadata.name=${o.metadata.name}`),
    );
}

/** Each API call but watches (which a finished wait may abort before they are sent) in one line. */
const reads = (kube: FakeKube) =>
  kube.calls
    .filter((c) => c.verb !== 'watch')
    .map((c) => [c.verb, c.kind, c.namespace, c.name, c.options && Object.keys(c.options).length ? JSON.stringify(c.options) : ''].filter(Boolean).join(' '));

/** Calls that change the cluster: nothing of the rollout action's own but a rollback would. */
const mutations = (kube: FakeKube) => kube.calls.filter((c) => ['apply', 'create', 'replace', 'patch', 'delete'].includes(c.verb));

/** The kubeconfig reached the client in memory: no file under RUNNER_TEMP holds its token; every request carried it. */
async function expectKubeconfigInMemoryOnly(run: ActionRun, api: FakeApiServer): Promise<void> {
  expect(await filesHolding(run.tempDir, FAKE_API_TOKEN)).toEqual([]);
  expect(api.authorizations.length).toBeGreaterThan(0);
  expect(api.authorizations.every((header) => header === `Bearer ${FAKE_API_TOKEN}`)).toBe(true);
}

/** The bundled rollout action against the fake API server; kubectl on PATH is a fake that answers nothing. */
async function runRolloutAction(kube: FakeKube, inputs: Record<string, string>): Promise<{ run: ActionRun; api: FakeApiServer; kubectl: RecordedCall[] }> {
  const kubectl = await installFakeKubectlBinary([]);
  const api = await serveKube(kube);
  const run = await runBundledAction('rollout', { kubeconfig: api.kubeconfig, ...inputs }, { env: { PATH: `${kubectl.dir}:${process.env.PATH}` } }).finally(
    () => api.close(),
  );
  return { run, api, kubectl: kubectl.calls() };
}

/** The CLI finds its kubeconfig through $KUBECONFIG (a file the user has), pointing at the fake API server. */
async function cliEnv(api: FakeApiServer): Promise<Record<string, string>> {
  const file = join(await mkdtemp(join(tmpdir(), 'k8sapp-rollout-cli-')), 'kubeconfig');
  await writeFile(file, api.kubeconfig, { mode: 0o600 });
  const kubectl = await installFakeKubectlBinary([]);
  return { PATH: `${kubectl.dir}:${process.env.PATH}`, KUBECONFIG: file };
}

describe.concurrent('bundled rollout action against the fake API server', () => {
  it('already-ready workloads succeed on the first poll: one LIST per kind and namespace, outputs and a summary table', async () => {
    const kube = answerWaits(new FakeKube().on(call('version'), SERVER_VERSION), { workloads: workloadsFrom(RECORDED) });
    const { run, api, kubectl } = await runRolloutAction(kube, {
      environment: 'dev',
      workloads: READY,
      rollback: 'never',
      'control-file': 'does-not-exist.yaml',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(JSON.parse(run.outputs.diagnosis ?? '')).toEqual([]);
    expect(JSON.parse(run.outputs['rolled-back'] ?? '')).toEqual([]);
    const report = JSON.parse(run.outputs.report ?? '{}') as { workloads: { name: string; status: string }[] };
    expect(report.workloads.map((w) => [w.name, w.status])).toEqual([
      ['worker', 'succeeded'],
      ['api', 'succeeded'],
      ['cache', 'succeeded'],
    ]);
    // The version first, then the two Deployments in one LIST and the only StatefulSet by its name.
    expect(reads(kube)[0]).toBe('version');
    expect(reads(kube).slice(1).sort()).toEqual([`list Deployment ${NAMESPACE}`, `list StatefulSet ${NAMESPACE} {"fieldSelector":"metadata.name=cache"}`]);
    // No kubeconfig file is written: the input's content reached the API client in memory; no kubectl process.
    await expectKubeconfigInMemoryOnly(run, api);
    expect(kubectl).toEqual([]);
    expect(run.summary).toContain('Rollout: dev');
    expect(run.summary).toContain(`| Deployment/worker | ${NAMESPACE} | succeeded |`);
  });

  it("a container's log cannot inject markup into the job summary: every cell escaped once, lines joined with <br>", async () => {
    const kube = answerWaits(
      new FakeKube()
        .on(call('version'), SERVER_VERSION)
        .on(call('logs', { name: 'crashy-7445ffbc6d-g42pg' }), 'starting <script>alert(1)</script>\nvalue|with|pipes & more\n'),
      {
        workloads: workloadsFrom([crashingDeployment()]),
        pods: recordedItems('rollout-status-crashloop-deploy/05-get-pods-json'),
      },
    );
    const { run, kubectl } = await runRolloutAction(kube, {
      environment: 'dev',
      workloads: JSON.stringify([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }]),
      rollback: 'never',
      'control-file': 'does-not-exist.yaml',
    });
    expect(run.exitCode).toBe(1);
    expect(run.summary).not.toContain('<script>');
    expect(run.summary).toContain('last log lines:<br>starting &lt;script&gt;alert(1)&lt;/script&gt;<br>value\\|with\\|pipes &amp; more');
    expect(run.summary).not.toContain('&lt;br&gt;');
    expect(kube.of('logs')[0]?.options).toMatchObject({ previous: true });
    expect(mutations(kube)).toEqual([]);
    expect(kubectl).toEqual([]);
  });

  it('an unreachable cluster (TLS: a self-signed certificate) fails the step with one sentence; no workload is polled', async () => {
    const tls = await selfSignedTlsServer();
    const kubectl = await installFakeKubectlBinary([]);
    const run = await runBundledAction(
      'rollout',
      { environment: 'dev', workloads: READY, rollback: 'never', 'control-file': 'does-not-exist.yaml', kubeconfig: kubeconfigFor(tls.url) },
      { env: { PATH: `${kubectl.dir}:${process.env.PATH}` } },
    ).finally(() => tls.close());
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error' || a.level === 'warning');
    expect(errors).toHaveLength(1);
    // One sentence: the server, the cause, what was not done, and the client's own words in parentheses.
    expect(errors[0]?.message).toMatch(
      new RegExp(
        `^Cannot reach the Kubernetes API server ${tls.url.replace(/\./g, '\\.')}: its TLS certificate is not trusted ` +
          "\\(the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate\\); no workload was waited for\\. " +
          '\\((DEPTH_ZERO_SELF_SIGNED_CERT: )?self[- ]signed certificate[^()]*\\)$',
      ),
    );
    expect(kubectl.calls()).toEqual([]);
  });

  it('fail-fast on the seed incident (FailedCreate): failed step, diagnosis output, annotation on the overlay patch, no rollback in dev', async () => {
    const sts = fixtureObjects('sts-failedcreate-env-value-and-valuefrom/05-get-statefulset-json')[0] as KubernetesObject;
    sts.metadata = { ...sts.metadata, name: 'postgres', namespace: 'default', labels: { 'app.kubernetes.io/name': 'postgres' } };
    const events = recordedItems('sts-failedcreate-env-value-and-valuefrom/03-get-events-json');
    const event = events[0] as KubernetesObject & Record<string, unknown>;
    event.involvedObject = { kind: 'StatefulSet', name: 'postgres', namespace: 'default' };
    event.message = String(event.message).replaceAll('broken-env', 'postgres');
    event.lastTimestamp = '2099-01-01T00:00:00Z';
    const kube = answerWaits(new FakeKube().on(call('version'), SERVER_VERSION), { workloads: workloadsFrom([sts]), events });
    const { run, kubectl } = await runRolloutAction(kube, {
      environment: 'dev',
      workloads: JSON.stringify({ workloads: [{ kind: 'StatefulSet', namespace: 'default', name: 'postgres' }] }),
      'control-file': 'examples/infra/deploy-control.yaml',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const diagnosis = JSON.parse(run.outputs.diagnosis ?? '[]') as { reason: string; message: string; count: number }[];
    expect(diagnosis[0]).toMatchObject({ reason: 'FailedCreate', count: 14 });
    expect(diagnosis[0]?.message).toContain('may not be specified when `value` is not empty');
    // dev has rollback_on_failure: false for postgres: nothing is undone (no write of any kind), no kubectl.
    expect(mutations(kube)).toEqual([]);
    expect(kubectl).toEqual([]);
    const annotation = run.annotations.find((a) => a.level === 'error' && a.message.includes('StatefulSet/postgres failed'));
    expect(annotation?.properties.file).toBe('examples/infra/k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml');
    expect(Number(annotation?.properties.line)).toBeGreaterThan(1);
    expect(run.summary).toContain('Diagnosis');
    expect(run.summary).toContain('FailedCreate');
  });

  it('k8sapp rollout --json prints the report shape', async () => {
    const kube = answerWaits(new FakeKube().on(call('version'), SERVER_VERSION), { workloads: workloadsFrom(RECORDED) });
    const api = await serveKube(kube);
    const result = await runCli(['rollout', '--env', 'dev', '--rollback', 'never', '--root', 'examples/infra', '--workloads', READY, '--json'], {
      env: await cliEnv(api),
    }).finally(() => api.close());
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['status', 'workloads', 'rollback']));
    expect(report.status).toBe('succeeded');
    expect((report.workloads as Record<string, unknown>[])[0]).toEqual({
      kind: 'Deployment',
      namespace: NAMESPACE,
      name: 'worker',
      status: 'succeeded',
      seconds: 0,
      reason: 'Available',
      message: 'Deployment is available. Replicas: 1',
      diagnosis: [],
    });
    expect(report.rollback).toEqual({ mode: 'never', workloads: [], status: 'none' });
  });

  it('k8sapp releases / rollback report a missing release store clearly', async () => {
    const kube = new FakeKube()
      .on(call('version'), SERVER_VERSION)
      .on(call('get', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'k8sapp-releases-dev' }), undefined);
    const api = await serveKube(kube);
    try {
      const env = await cliEnv(api);
      const list = await runCli(['releases', '--env', 'dev'], { env });
      expect(list.exitCode, list.stderr).toBe(0);
      expect(list.stdout).toContain('no release recorded for dev (ConfigMap default/k8sapp-releases-dev)');
      const back = await runCli(['rollback', '--env', 'dev', '--root', 'examples/infra'], { env });
      expect(back.exitCode).toBe(1);
      expect(back.stderr).toContain('no release is recorded for environment dev');
    } finally {
      await api.close();
    }
    expect(kube.of('get')).not.toHaveLength(0);
    expect(mutations(kube)).toEqual([]);
  });
});

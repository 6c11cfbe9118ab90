import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROLLOUT_INPUTS, ROLLOUT_OUTPUTS } from '../../src/actions/rollout-action.js';
import { fixture, installFakeKubectlBinary, TEST_KUBECONFIG, VERSION_RULE } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction, runCli } from '../helpers/run-action.js';
import { fixtureObjects } from './helpers.js';
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

const READY = JSON.stringify(
  ['worker', 'api', 'cache'].map((name, i) => ({ kind: i < 2 ? 'Deployment' : 'StatefulSet', namespace: 'apply-out-ssa-k132', name })),
);

describe.concurrent('bundled rollout action with a fake kubectl on PATH', () => {
  it('already-ready workloads succeed on the first poll: one get, outputs and a summary table', async () => {
    const fake = await installFakeKubectlBinary([VERSION_RULE, { prefix: ['get'], responses: [{ fixture: 'apply-outputs/ssa--k132/08-o-json-multi' }] }]);
    const run = await runBundledAction(
      'rollout',
      { environment: 'dev', workloads: READY, rollback: 'never', 'control-file': 'does-not-exist.yaml', kubeconfig: TEST_KUBECONFIG },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(JSON.parse(run.outputs.diagnosis ?? '')).toEqual([]);
    expect(JSON.parse(run.outputs['rolled-back'] ?? '')).toEqual([]);
    const report = JSON.parse(run.outputs.report ?? '{}') as { workloads: { name: string; status: string }[] };
    expect(report.workloads.map((w) => [w.name, w.status])).toEqual([
      ['worker', 'succeeded'],
      ['api', 'succeeded'],
      ['cache', 'succeeded'],
    ]);
    const calls = fake.calls();
    expect(calls.map((c) => c.args)).toEqual([
      ['version', '-o', 'json'],
      ['get', 'deployment/worker', 'deployment/api', 'statefulset/cache', '-n', 'apply-out-ssa-k132', '--ignore-not-found', '-o', 'json'],
    ]);
    expect(calls[0]?.env).toMatchObject({ kubeconfigMode: '600' });
    expect(existsSync(calls[0]?.env?.KUBECONFIG ?? '')).toBe(false);
    expect(run.summary).toContain('Rollout: dev');
    expect(run.summary).toContain('| Deployment/worker | apply-out-ssa-k132 | succeeded |');
  });

  it("a container's log cannot inject markup into the job summary: every cell escaped once, lines joined with <br>", async () => {
    const fake = await installFakeKubectlBinary([
      VERSION_RULE,
      { prefix: ['get', 'deployment/crashy'], responses: [{ stdout: JSON.stringify(crashingDeployment()) }] },
      { prefix: ['get', 'pods,persistentvolumeclaims'], responses: [{ fixture: 'rollout-status-crashloop-deploy/05-get-pods-json' }] },
      { prefix: ['get', 'events'], responses: [{ stdout: '{"apiVersion":"v1","kind":"List","items":[]}' }] },
      { prefix: ['logs'], responses: [{ stdout: 'starting <script>alert(1)</script>\nvalue|with|pipes & more\n' }] },
    ]);
    const run = await runBundledAction(
      'rollout',
      {
        environment: 'dev',
        workloads: JSON.stringify([{ kind: 'Deployment', namespace: 'ro-crash-1', name: 'crashy' }]),
        rollback: 'never',
        'control-file': 'does-not-exist.yaml',
        kubeconfig: TEST_KUBECONFIG,
      },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode).toBe(1);
    expect(run.summary).not.toContain('<script>');
    expect(run.summary).toContain('last log lines:<br>starting &lt;script&gt;alert(1)&lt;/script&gt;<br>value\\|with\\|pipes &amp; more');
    expect(run.summary).not.toContain('&lt;br&gt;');
    expect(fake.calls().filter((c) => !['version', 'get', 'logs'].includes(c.args[0] ?? ''))).toEqual([]);
  });

  it('an unreachable cluster (TLS: a self-signed certificate) fails the step with one sentence; no workload is polled', async () => {
    const fake = await installFakeKubectlBinary([{ prefix: ['version'], responses: [{ fixture: '../unreachable/tls-unknown-authority-version' }] }]);
    const run = await runBundledAction(
      'rollout',
      { environment: 'dev', workloads: READY, rollback: 'never', 'control-file': 'does-not-exist.yaml', kubeconfig: TEST_KUBECONFIG },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error' || a.level === 'warning');
    expect(errors.map((a) => a.message)).toEqual([
      'Cannot reach the Kubernetes API server https://k8s.test.invalid:6443: its TLS certificate is not trusted ' +
        "(the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate); no workload was waited for. " +
        'kubectl said: Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ]);
    expect(fake.calls().map((c) => c.args[0])).toEqual(['version']);
  });

  it('fail-fast on the seed incident (FailedCreate): failed step, diagnosis output, annotation on the overlay patch, no rollback in dev', async () => {
    const sts = fixtureObjects('sts-failedcreate-env-value-and-valuefrom/05-get-statefulset-json')[0] as { metadata: Record<string, unknown> };
    sts.metadata = { ...sts.metadata, name: 'postgres', namespace: 'default', labels: { 'app.kubernetes.io/name': 'postgres' } };
    const events = JSON.parse(fixture('sts-failedcreate-env-value-and-valuefrom/03-get-events-json').stdout) as { items: Record<string, unknown>[] };
    const event = events.items[0] as Record<string, unknown>;
    event.involvedObject = { kind: 'StatefulSet', name: 'postgres', namespace: 'default' };
    event.message = String(event.message).replaceAll('broken-env', 'postgres');
    event.lastTimestamp = '2099-01-01T00:00:00Z';
    const fake = await installFakeKubectlBinary([
      VERSION_RULE,
      { prefix: ['get', 'statefulset/postgres'], responses: [{ stdout: JSON.stringify(sts) }] },
      { prefix: ['get', 'pods,persistentvolumeclaims'], responses: [{ stdout: '{"apiVersion":"v1","kind":"List","items":[]}' }] },
      { prefix: ['get', 'events'], responses: [{ stdout: JSON.stringify(events) }] },
    ]);
    const run = await runBundledAction(
      'rollout',
      {
        environment: 'dev',
        workloads: JSON.stringify({ workloads: [{ kind: 'StatefulSet', namespace: 'default', name: 'postgres' }] }),
        'control-file': 'examples/infra/deploy-control.yaml',
        kubeconfig: TEST_KUBECONFIG,
      },
      { env: { PATH: `${fake.dir}:${process.env.PATH}` } },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const diagnosis = JSON.parse(run.outputs.diagnosis ?? '[]') as { reason: string; message: string; count: number }[];
    expect(diagnosis[0]).toMatchObject({ reason: 'FailedCreate', count: 14 });
    expect(diagnosis[0]?.message).toContain('may not be specified when `value` is not empty');
    // dev has rollback_on_failure: false for postgres: nothing is undone.
    expect(fake.calls().some((c) => c.args[0] === 'rollout')).toBe(false);
    const annotation = run.annotations.find((a) => a.level === 'error' && a.message.includes('StatefulSet/postgres failed'));
    expect(annotation?.properties.file).toBe('examples/infra/k8s/hetzner/dev/patches/statefulsets/postgres.statefulset.yaml');
    expect(Number(annotation?.properties.line)).toBeGreaterThan(1);
    expect(run.summary).toContain('Diagnosis');
    expect(run.summary).toContain('FailedCreate');
  });

  it('k8sapp rollout --json prints the report shape', async () => {
    const fake = await installFakeKubectlBinary([VERSION_RULE, { prefix: ['get'], responses: [{ fixture: 'apply-outputs/ssa--k132/08-o-json-multi' }] }]);
    const result = await runCli(['rollout', '--env', 'dev', '--rollback', 'never', '--root', 'examples/infra', '--workloads', READY, '--json'], {
      env: { PATH: `${fake.dir}:${process.env.PATH}` },
    });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['status', 'workloads', 'rollback']));
    expect(report.status).toBe('succeeded');
    expect((report.workloads as Record<string, unknown>[])[0]).toEqual({
      kind: 'Deployment',
      namespace: 'apply-out-ssa-k132',
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
    const fake = await installFakeKubectlBinary([{ prefix: ['get', 'configmap/k8sapp-releases-dev'], responses: [{ stdout: '' }] }]);
    const env = { PATH: `${fake.dir}:${process.env.PATH}` };
    const list = await runCli(['releases', '--env', 'dev'], { env });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain('no release recorded for dev (ConfigMap default/k8sapp-releases-dev)');
    const back = await runCli(['rollback', '--env', 'dev', '--root', 'examples/infra'], { env });
    expect(back.exitCode).toBe(1);
    expect(back.stderr).toContain('no release is recorded for environment dev');
    expect(fake.calls().some((c) => c.args[0] === 'apply')).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY_INPUTS, DEPLOY_OUTPUTS } from '../../src/actions/deploy-action.js';
import { installFakeKubectlBinary, TEST_KUBECONFIG, type ScriptRule } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction } from '../helpers/run-action.js';
import { overlayObjects, readyDeployment, workspace } from './helpers.js';

const SECRET = 'Pg-Super.Secret-42';
const SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';

interface ApiCall {
  method: string;
  url: string;
  body: unknown;
}

/** A local stand-in for the GitHub REST API: deployments, their statuses and the environments endpoint. */
async function fakeGitHub(options: { deployments?: 'ok' | 'forbidden' } = {}): Promise<{ server: Server; url: string; calls: ApiCall[] }> {
  const calls: ApiCall[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      calls.push({ method: request.method ?? '', url: request.url ?? '', body: text ? JSON.parse(text) : undefined });
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'POST' && request.url === '/repos/org/repo/deployments') {
        if (options.deployments === 'forbidden') return reply(403, { message: 'Resource not accessible by integration' });
        return reply(201, { id: 99, environment: 'dev' });
      }
      if (request.method === 'POST' && request.url === '/repos/org/repo/deployments/99/statuses') return reply(201, { id: 1 });
      if (request.method === 'GET' && request.url === '/repos/org/repo/environments/prod') {
        return reply(200, { name: 'prod', protection_rules: [{ type: 'required_reviewers', reviewers: [{ type: 'User', reviewer: { login: 'alice' } }] }] });
      }
      return reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const NEW_OBJECTS = overlayObjects('postgres').map((o) => ({ ...o, metadata: { ...o.metadata, uid: `uid-${o.metadata.name}` } }));
const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: {}, items });

/** The cluster as the fake kubectl binary answers it: nothing exists yet, everything applies, postgres is ready. */
const CLUSTER: ScriptRule[] = [
  { prefix: ['version'], responses: [{ fixture: 'versions/k132' }] },
  { prefix: ['get', 'configmap/k8sapp-releases-dev'], responses: [{ stdout: '' }] },
  { prefix: ['get', 'configmap/k8sapp-releases-prod'], responses: [{ stdout: '' }] },
  { prefix: ['get', 'deployment/postgres'], responses: [{ stdout: JSON.stringify(readyDeployment('postgres')) }] },
  { prefix: ['get', 'configmap/postgres-config'], responses: [{ stdout: list([]) }] },
  { prefix: ['get', 'pods,persistentvolumeclaims'], responses: [{ stdout: list([]) }] },
  { prefix: ['get', 'events'], responses: [{ stdout: list([]) }] },
  {
    prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '--dry-run=server'],
    responses: [{ stdout: list(NEW_OBJECTS) }],
  },
  {
    prefix: ['apply', '--server-side', '--field-manager=k8sapp', '--force-conflicts', '-f', '-'],
    responses: [
      { stdout: 'configmap/postgres-config serverside-applied\nsecret/postgres-secret serverside-applied\ndeployment.apps/postgres serverside-applied\n' },
    ],
  },
  { prefix: ['apply', '--server-side', '--field-manager=k8sapp-releases'], responses: [{ stdout: 'configmap/k8sapp-releases-dev serverside-applied\n' }] },
];

describe('deploy/action.yml', () => {
  const action = parse(readFileSync(join(REPO_ROOT, 'deploy/action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('declares exactly the inputs and outputs the TypeScript edge uses, and runs the bundle of this commit', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...DEPLOY_INPUTS].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...DEPLOY_OUTPUTS].sort());
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/deploy/index.js' });
    expect(action.inputs['control-file']?.default).toBe('infra/deploy-control.yaml');
    expect(action.inputs.token?.default).toBe('${{ github.token }}');
    const source = readFileSync(join(REPO_ROOT, 'src/actions/deploy-action.ts'), 'utf8');
    for (const match of source.matchAll(/\b(?:input|requiredInput|booleanInput)\(\s*'([^']+)'/g)) expect(DEPLOY_INPUTS).toContain(match[1]);
    for (const match of source.matchAll(/setOutput\(\s*'([^']+)'/g)) expect(DEPLOY_OUTPUTS).toContain(match[1]);
  });
});

describe('the bundled deploy action', () => {
  let api: Awaited<ReturnType<typeof fakeGitHub>>;
  let root: string;
  beforeAll(async () => {
    api = await fakeGitHub();
    root = await workspace();
  });
  afterAll(() => api.server.close());

  const env = (fake: { dir: string }, event: string) => ({
    PATH: `${fake.dir}:${process.env.PATH ?? ''}`,
    GITHUB_API_URL: api.url,
    GITHUB_REPOSITORY: 'org/repo',
    GITHUB_EVENT_NAME: event,
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/dev',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '1234',
  });

  it('push to dev: deploys, records the GitHub deployment (in_progress → success with the run URL), one summary', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      {
        environment: 'dev',
        'control-file': 'infra/deploy-control.yaml',
        kubeconfig: TEST_KUBECONFIG,
        secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET, github_token: 'ghs_xxx' }),
        token: 'ghs_test_token',
        'dry-run': 'false',
      },
      { cwd: root, env: env(fake, 'push') },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.deployed).toBe('true');
    expect(run.outputs.status).toBe('succeeded');
    expect(JSON.parse(run.outputs.resources ?? '[]')).toEqual([
      { kind: 'ConfigMap', namespace: 'apps', name: 'postgres-config', action: 'created' },
      { kind: 'Secret', namespace: 'apps', name: 'postgres-secret', action: 'created' },
      { kind: 'Deployment', namespace: 'apps', name: 'postgres', action: 'created' },
    ]);
    expect(JSON.parse(run.outputs.recreated ?? 'null')).toEqual([]);
    expect(JSON.parse(run.outputs.diagnosis ?? 'null')).toEqual([]);
    expect(JSON.parse(run.outputs.release ?? '{}')).toMatchObject({ revision: 1, sha: SHA, strippedSecrets: ['apps/postgres-secret'] });

    const runUrl = 'https://github.example/org/repo/actions/runs/1234';
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /repos/org/repo/deployments',
      'POST /repos/org/repo/deployments/99/statuses',
      'POST /repos/org/repo/deployments/99/statuses',
    ]);
    expect(api.calls[0]?.body).toMatchObject({ ref: SHA, environment: 'dev', production_environment: false });
    expect(api.calls.slice(1).map((c) => c.body)).toMatchObject([
      { state: 'in_progress', log_url: runUrl },
      { state: 'success', log_url: runUrl },
    ]);

    // kubectl saw the kubeconfig only through KUBECONFIG, a 0600 file; the Secret value only on stdin.
    const calls = fake.calls();
    const server = calls.filter((c) => c.args[0] !== 'kustomize');
    expect(server.length).toBeGreaterThan(0);
    expect(server.every((c) => c.env?.kubeconfigMode === '600')).toBe(true);
    const apply = calls.find((c) => c.args.join(' ') === 'apply --server-side --field-manager=k8sapp --force-conflicts -f -');
    expect(apply?.input).toContain(Buffer.from(SECRET).toString('base64'));
    // Everything a person or a later step can read, apart from the masking commands themselves.
    const stdout = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    const visible = [stdout, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
    expect(visible).not.toContain(SECRET);
    expect(visible).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);

    // One summary with every section; one log group per phase.
    expect(run.summary.match(/## k8sapp deploy: dev/g)).toHaveLength(1);
    for (const section of ['### Phases', '### Deploy gate: dev', '### k8sapp apply: dev', '### Rollout: succeeded', '### Release recorded']) {
      expect(run.summary).toContain(section);
    }
    for (const phase of ['gate', 'build', 'migrations-pre', 'apply', 'rollout', 'migrations-post', 'release']) {
      expect(run.stdout).toMatch(new RegExp(`^::group::${phase}: `, 'm'));
    }
  }, 60_000);

  it('prod on a push: the gate skips it — the step succeeds with deployed=false and the reasons, no cluster call', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      { environment: 'prod', token: 'ghs_test_token', secrets: '{}', kubeconfig: TEST_KUBECONFIG },
      { cwd: root, env: env(fake, 'push') },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.deployed).toBe('false');
    expect(run.outputs.status).toBe('skipped');
    expect(run.summary).toContain('AUTO_DEPLOY_OFF');
    expect(run.summary).toContain('⏭️ skipped');
    expect(run.annotations.some((a) => a.level === 'notice' && a.message.includes('Not deploying prod'))).toBe(true);
    expect(fake.calls()).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('prod by manual dispatch: reads the GitHub environment, finds required reviewers and proceeds (dry run)', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      // The emergency reason keeps the test independent of the prod window (it is unused when the window is open).
      {
        environment: 'prod',
        token: 'ghs_test_token',
        secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }),
        'dry-run': 'true',
        'emergency-reason': 'test run',
        kubeconfig: TEST_KUBECONFIG,
      },
      { cwd: root, env: env(fake, 'workflow_dispatch') },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /repos/org/repo/environments/prod']);
    expect(run.summary).toContain('APPROVAL_CONFIGURED');
    expect(run.summary).toContain('alice');
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs.deployed).toBe('false');
    // Plan only: every apply was a server-side dry run.
    expect(
      fake
        .calls()
        .filter((c) => c.args[0] === 'apply')
        .every((c) => c.args.includes('--dry-run=server')),
    ).toBe(true);
  }, 60_000);

  it('an empty kubeconfig input (the KUBECONFIG environment secret is missing): a configuration error naming the environment and how to set it; nothing attempted', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }), kubeconfig: '' },
      { cwd: root, env: { ...env(fake, 'push'), KUBECONFIG: '' } },
    );
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('Input "kubeconfig" is empty');
    expect(error?.message).toContain('environment secret KUBECONFIG of the GitHub environment "dev"');
    expect(error?.message).toContain('`environment: dev`');
    expect(fake.calls()).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('a kubeconfig without a current context or server: refused before anything, content never shown', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      {
        environment: 'dev',
        token: 'ghs_test_token',
        secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }),
        kubeconfig: 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user: { token: tok-abcdefgh-1234 }\n',
      },
      { cwd: root, env: env(fake, 'push') },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain('has no current-context');
    const visible = [...run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), run.stderr, run.summary].join('\n');
    expect(visible).not.toContain('tok-abcdefgh-1234');
    expect(fake.calls()).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('a placeholder left and no secrets: refused with a located annotation before the GitHub deployment record and any cluster call', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary(CLUSTER);
    const run = await runBundledAction(
      'deploy',
      { environment: 'dev', token: 'ghs_test_token', secrets: '{}', kubeconfig: TEST_KUBECONFIG },
      { cwd: root, env: env(fake, 'push') },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.deployed).toBe('false');
    const located = run.annotations.find((a) => a.level === 'error' && a.message.includes('POSTGRES_SA_PASSWORD'));
    expect(located?.message).toContain('still holds a placeholder');
    // Only the offline build ran; no call reached the cluster, and GitHub recorded no deployment.
    expect(fake.calls().filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('an unreachable cluster (DNS): one line in the log, the summary and the annotation; nothing applied', async () => {
    api.calls.length = 0;
    const fake = await installFakeKubectlBinary([{ prefix: ['version'], responses: [{ fixture: '../unreachable/dns-version' }] }, ...CLUSTER]);
    const run = await runBundledAction(
      'deploy',
      { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }), kubeconfig: TEST_KUBECONFIG },
      { cwd: root, env: env(fake, 'push') },
    );
    expect(run.exitCode).toBe(1);
    const sentence = 'Cannot reach the Kubernetes API server https://k8s.test.invalid:6443: its host name does not resolve (DNS)';
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(sentence);
    expect(run.summary.split(sentence).length - 1).toBe(1);
    expect(run.summary + run.stdout).not.toMatch(/memcache|Unhandled Error/);
    expect(fake.calls().filter((c) => !['kustomize', 'version'].includes(c.args[0] ?? ''))).toEqual([]);
    expect(fake.calls().filter((c) => c.args[0] === 'version')).toHaveLength(1);
  }, 60_000);

  it('a token without deployments: write: a notice, and the deploy itself still succeeds', async () => {
    const forbidden = await fakeGitHub({ deployments: 'forbidden' });
    try {
      const fake = await installFakeKubectlBinary(CLUSTER);
      const run = await runBundledAction(
        'deploy',
        { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }), kubeconfig: TEST_KUBECONFIG },
        { cwd: root, env: { ...env(fake, 'push'), GITHUB_API_URL: forbidden.url } },
      );
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(run.annotations.find((a) => a.level === 'notice' && a.message.includes('deployments: write'))).toBeDefined();
      expect(forbidden.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /repos/org/repo/deployments']);
    } finally {
      forbidden.server.close();
    }
  }, 60_000);
});

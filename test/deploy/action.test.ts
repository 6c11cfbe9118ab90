import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY_INPUTS, DEPLOY_OUTPUTS } from '../../src/actions/deploy-action.js';
import { closedPortUrl, FAKE_API_TOKEN, filesHolding, kubeconfigFor, serveKube, type FakeApiServer } from '../helpers/fake-api-server.js';
import { apiError, call, FakeKube, SERVER_VERSION, type KubeCall } from '../helpers/fake-kube.js';
import { installFakeKubectlBinary, type RecordedCall } from '../helpers/fake-kubectl.js';
import { REPO_ROOT, runBundledAction, type ActionRun } from '../helpers/run-action.js';
import { serve } from '../apply/helpers.js';
import { answerWaits } from '../rollout/helpers.js';
import { readyDeployment, workspace } from './helpers.js';

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

const RELEASES = (environment: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: `k8sapp-releases-${environment}` });

/**
 * The cluster behind the fake API server: nothing exists yet, the server dry runs and applies what it gets, postgres
 * is ready once it was applied (the rollout's LISTs see it then), no release is recorded yet.
 */
function cluster(): FakeKube {
  const kube = new FakeKube().on(call('version'), SERVER_VERSION);
  const applied = () => kube.of('apply').some((c) => !c.options?.dryRun && c.kind === 'Deployment' && c.name === 'postgres');
  answerWaits(kube, { workloads: (c) => (applied() && c.kind === 'Deployment' && c.namespace === 'apps' ? [readyDeployment('postgres')] : []) });
  for (const environment of ['dev', 'prod']) {
    kube.on(call('get', RELEASES(environment)), undefined).on(call('create', RELEASES(environment)), (c: KubeCall) => c.body);
  }
  return serve(kube, []);
}

/** Calls that change the cluster: a real apply, create, replace, patch or delete. */
const mutations = (kube: FakeKube) =>
  kube.calls.filter((c) => ['create', 'replace', 'patch', 'delete'].includes(c.verb) || (c.verb === 'apply' && !c.options?.dryRun));

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

  const env = (kubectl: { dir: string }, event: string) => ({
    PATH: `${kubectl.dir}:${process.env.PATH ?? ''}`,
    GITHUB_API_URL: api.url,
    GITHUB_REPOSITORY: 'org/repo',
    GITHUB_EVENT_NAME: event,
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/dev',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '1234',
  });

  /**
   * The bundled deploy action with `kubeconfig` (default: the fake API server's in front of `kube`); kubectl on PATH
   * is a fake that forwards `kustomize` and answers nothing else.
   */
  async function deploy(
    kube: FakeKube,
    inputs: Record<string, string>,
    options: { event?: string; kubeconfig?: string; env?: Record<string, string> } = {},
  ): Promise<{ run: ActionRun; server: FakeApiServer; kubectl: RecordedCall[] }> {
    const kubectl = await installFakeKubectlBinary([]);
    const server = await serveKube(kube);
    const run = await runBundledAction(
      'deploy',
      { kubeconfig: options.kubeconfig ?? server.kubeconfig, ...inputs },
      { cwd: root, env: { ...env(kubectl, options.event ?? 'push'), ...options.env } },
    ).finally(() => server.close());
    return { run, server, kubectl: kubectl.calls() };
  }

  it('push to dev: deploys, records the GitHub deployment (in_progress → success with the run URL), one summary', async () => {
    api.calls.length = 0;
    const kube = cluster();
    const { run, server, kubectl } = await deploy(kube, {
      environment: 'dev',
      'control-file': 'infra/deploy-control.yaml',
      secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET, github_token: 'ghs_xxx' }),
      token: 'ghs_test_token',
      'dry-run': 'false',
    });
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
    // The release record went to the cluster once, without the Secret's value.
    const records = kube.of('create').filter((c) => c.name === 'k8sapp-releases-dev');
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records[0]?.body)).not.toContain(Buffer.from(SECRET).toString('base64'));

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

    // No kubeconfig file is written: the input's content reached the API client in memory, and every request carried
    // the token as a bearer header. kubectl only built the overlay.
    expect(await filesHolding(run.tempDir, FAKE_API_TOKEN)).toEqual([]);
    expect(server.authorizations.length).toBeGreaterThan(0);
    expect(server.authorizations.every((header) => header === `Bearer ${FAKE_API_TOKEN}`)).toBe(true);
    expect(kubectl.length).toBeGreaterThan(0);
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    // The kubeconfig is masked by its credential fields: the token, never a whole ordinary line such as its apiVersion.
    expect(run.stdout).toContain(`::add-mask::${FAKE_API_TOKEN}`);
    expect(run.stdout.split('\n')).not.toContain('::add-mask::apiVersion: v1');
    // The Secret's value only in the apply request bodies (dry run and apply), never in a URL.
    const secretApplies = kube.of('apply').filter((c) => c.kind === 'Secret' && c.name === 'postgres-secret');
    expect(secretApplies.map((c) => Boolean(c.options?.dryRun))).toEqual([true, false]);
    for (const c of secretApplies) expect(JSON.stringify(c.body)).toContain(Buffer.from(SECRET).toString('base64'));
    for (const request of server.requests) expect(request).not.toContain(SECRET);
    // Everything a person or a later step can read, apart from the masking commands themselves.
    const stdout = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    const visible = [stdout, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
    expect(visible).not.toContain(SECRET);
    expect(visible).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(visible).not.toContain(FAKE_API_TOKEN);
    expect(await filesHolding(run.tempDir, SECRET)).toEqual([]);
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
    const kube = cluster();
    const { run, server, kubectl } = await deploy(kube, { environment: 'prod', token: 'ghs_test_token', secrets: '{}' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.deployed).toBe('false');
    expect(run.outputs.status).toBe('skipped');
    expect(run.summary).toContain('AUTO_DEPLOY_OFF');
    expect(run.summary).toContain('⏭️ skipped');
    expect(run.annotations.some((a) => a.level === 'notice' && a.message.includes('Not deploying prod'))).toBe(true);
    expect(server.requests).toEqual([]);
    expect(kubectl).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('prod by manual dispatch: reads the GitHub environment, finds required reviewers and proceeds (dry run)', async () => {
    api.calls.length = 0;
    const kube = cluster();
    const { run, kubectl } = await deploy(
      kube,
      // The emergency reason keeps the test independent of the prod window (it is unused when the window is open).
      {
        environment: 'prod',
        token: 'ghs_test_token',
        secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }),
        'dry-run': 'true',
        'emergency-reason': 'test run',
      },
      { event: 'workflow_dispatch' },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /repos/org/repo/environments/prod']);
    expect(run.summary).toContain('APPROVAL_CONFIGURED');
    expect(run.summary).toContain('alice');
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs.deployed).toBe('false');
    // Plan only: the server dry ran every object; nothing was written.
    expect(kube.of('apply').length).toBeGreaterThan(0);
    expect(mutations(kube)).toEqual([]);
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
  }, 60_000);

  it('an empty kubeconfig input (the KUBECONFIG environment secret is missing): a configuration error naming the environment and how to set it; nothing attempted', async () => {
    api.calls.length = 0;
    const { run, server, kubectl } = await deploy(
      cluster(),
      { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }) },
      { kubeconfig: '', env: { KUBECONFIG: '' } },
    );
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('Input "kubeconfig" is empty');
    expect(error?.message).toContain('environment secret KUBECONFIG of the GitHub environment "dev"');
    expect(error?.message).toContain('`environment: dev`');
    expect(server.requests).toEqual([]);
    expect(kubectl).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('a kubeconfig without a current context or server: refused before anything, content never shown', async () => {
    api.calls.length = 0;
    const { run, server, kubectl } = await deploy(
      cluster(),
      { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }) },
      { kubeconfig: 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user: { token: tok-abcdefgh-1234 }\n' },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain('has no current-context');
    const visible = [...run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), run.stderr, run.summary].join('\n');
    expect(visible).not.toContain('tok-abcdefgh-1234');
    expect(server.requests).toEqual([]);
    expect(kubectl).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  it('a placeholder left and no secrets: refused with a located annotation before the GitHub deployment record and any cluster call', async () => {
    api.calls.length = 0;
    const { run, server, kubectl } = await deploy(cluster(), { environment: 'dev', token: 'ghs_test_token', secrets: '{}' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.deployed).toBe('false');
    const located = run.annotations.find((a) => a.level === 'error' && a.message.includes('POSTGRES_SA_PASSWORD'));
    expect(located?.message).toContain('still holds a placeholder');
    // Only the offline build ran; no call reached the cluster, and GitHub recorded no deployment.
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
    expect(server.requests).toEqual([]);
    expect(api.calls).toEqual([]);
  }, 60_000);

  for (const [cause, serverOf, sentence] of [
    ['DNS', async () => 'https://k8s.test.invalid:6443', 'its host name does not resolve (DNS)'],
    ['refused', closedPortUrl, 'the connection was refused (nothing listens there: the API server is down, or the address or port is wrong)'],
  ] as const) {
    it(`an unreachable cluster (${cause}): one line in the log, the summary and the annotation; nothing applied`, async () => {
      api.calls.length = 0;
      const unreachable = await serverOf();
      const { run, kubectl } = await deploy(
        cluster(),
        { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }) },
        { kubeconfig: kubeconfigFor(unreachable) },
      );
      expect(run.exitCode).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      // The sentence names the server and the cause, says nothing was changed, and ends with the client's own words.
      const message = errors[0]?.message ?? '';
      expect(message).toContain(`Cannot reach the Kubernetes API server ${unreachable}: ${sentence}; nothing was changed in dev`);
      expect(message).toMatch(
        cause === 'DNS' ? /\. \(getaddrinfo (ENOTFOUND|EAI_AGAIN) k8s\.test\.invalid\)$/ : /\. \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
      );
      expect(message).not.toContain('kubectl said');
      expect(run.summary.split(sentence).length - 1).toBe(1);
      expect(run.summary + run.stdout).not.toMatch(/memcache|Unhandled Error/);
      expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
      // A refused connection is retried (the API server may be restarting): progress lines in the client's words,
      // not the sentence again. A name that does not resolve is final at once.
      const retries = run.stdout.split('\n').filter((line) => line.startsWith('GET /version: '));
      if (cause === 'DNS') expect(retries).toEqual([]);
      else {
        expect(retries).toHaveLength(4);
        for (const line of retries)
          expect(line).toMatch(/^GET \/version: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(attempt [1-4] of 5; retrying in \d+\.\d s\)$/);
      }
      // One log line besides the annotation itself.
      expect(run.stdout.split('\n').filter((line) => line.includes(sentence) && !line.startsWith('::error::'))).toHaveLength(1);
      // Nothing was attempted, so GitHub got no deployment record.
      expect(api.calls).toEqual([]);
    }, 60_000);
  }

  it('credentials the server rejects (401): the credential sentence, once; nothing applied', async () => {
    api.calls.length = 0;
    const kube = new FakeKube().on(call('version'), apiError(401, 'Unauthorized', 'Unauthorized'));
    const { run, server, kubectl } = await deploy(kube, {
      environment: 'dev',
      token: 'ghs_test_token',
      secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }),
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(
      `Cannot use the Kubernetes API server ${server.url}: the API server rejected the credentials in the kubeconfig (401 Unauthorized): ` +
        'its user token or client certificate is invalid, expired or for another cluster. Update the kubeconfig secret. The server said: "Unauthorized"; nothing was changed in dev.',
    );
    // A rejected credential is a decision, not weather: asked once, not retried.
    expect(server.requests).toEqual(['GET /version']);
    expect(kube.calls.map((c) => c.verb)).toEqual(['version']);
    expect(kubectl.filter((c) => c.args[0] !== 'kustomize')).toEqual([]);
  }, 60_000);

  it('a token without deployments: write: a notice, and the deploy itself still succeeds', async () => {
    const forbidden = await fakeGitHub({ deployments: 'forbidden' });
    try {
      const { run } = await deploy(
        cluster(),
        { environment: 'dev', token: 'ghs_test_token', secrets: JSON.stringify({ POSTGRES_SA_PASSWORD: SECRET }) },
        { env: { GITHUB_API_URL: forbidden.url } },
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

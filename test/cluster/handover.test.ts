import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchWorkflow, putEnvironmentSecret, type GitHubRequest } from '../../src/cluster/handover.js';
import { ConfigurationError } from '../../src/errors.js';
import { startFakeGitHubApi } from './helpers.js';

const KUBECONFIG = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyTTNNdGMyVnkK
    server: https://203.0.113.20:6443
  name: hetzner-dev-cluster
users:
- name: hetzner-dev-cluster
  user:
    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUlj
`;

let api: Awaited<ReturnType<typeof startFakeGitHubApi>> | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function client(token: string): GitHubRequest {
  const octokit = getOctokit(token, { baseUrl: api!.url });
  return (route, parameters) => octokit.request(route, parameters) as Promise<{ status: number; data: unknown }>;
}

describe('putEnvironmentSecret', () => {
  it('seals the value with the environment public key; the server opens it to exactly the kubeconfig', async () => {
    api = await startFakeGitHubApi();
    const result = await putEnvironmentSecret(client('ghp_deploytoken123'), {
      owner: 'acme',
      repo: 'infra',
      environment: 'dev',
      name: 'KUBECONFIG',
      value: KUBECONFIG,
    });
    expect(result).toEqual({ created: true });
    expect(api.secrets).toEqual({ 'dev/KUBECONFIG': KUBECONFIG });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/infra/environments/dev/secrets/public-key',
      'PUT /repos/acme/infra/environments/dev/secrets/KUBECONFIG',
    ]);
    expect(api.requests.every((r) => r.authorization === 'token ghp_deploytoken123')).toBe(true);
    expect(JSON.stringify(api.requests)).not.toContain('client-key-data');
    const again = await putEnvironmentSecret(client('ghp_deploytoken123'), {
      owner: 'acme',
      repo: 'infra',
      environment: 'dev',
      name: 'KUBECONFIG',
      value: 'v2',
    });
    expect(again).toEqual({ created: false });
  });

  it('explains a missing environment or a token without access', async () => {
    api = await startFakeGitHubApi({ environments: ['dev'] });
    const error = await putEnvironmentSecret(client('t'), { owner: 'acme', repo: 'infra', environment: 'prod', name: 'KUBECONFIG', value: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/environment "prod" failed \(HTTP 404\).*environment does not exist/);
  });
});

describe('dispatchWorkflow', () => {
  it('dispatches the deployment workflow for the environment and ref and reports the run', async () => {
    api = await startFakeGitHubApi();
    const run = await dispatchWorkflow(client('t'), { owner: 'acme', repo: 'infra', workflow: 'deploy.yml', ref: 'dev', inputs: { environment: 'dev' } });
    expect(run).toEqual({
      workflow: 'deploy.yml',
      ref: 'dev',
      runId: 4242,
      runUrl: 'http://api/repos/acme/infra/actions/runs/4242',
      htmlUrl: 'https://github.com/acme/infra/actions/runs/4242',
    });
    expect(api.dispatches).toEqual([{ workflow: 'deploy.yml', body: { ref: 'dev', inputs: { environment: 'dev' }, return_run_details: true } }]);
  });

  it('falls back to a plain dispatch where the server does not know return_run_details', async () => {
    api = await startFakeGitHubApi({ dispatchRunDetails: false });
    const run = await dispatchWorkflow(client('t'), { owner: 'acme', repo: 'infra', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'prod' } });
    expect(run).toEqual({ workflow: 'deploy.yml', ref: 'main', runId: undefined, runUrl: undefined, htmlUrl: undefined });
    expect(api.dispatches).toEqual([{ workflow: 'deploy.yml', body: { ref: 'main', inputs: { environment: 'prod' } } }]);
  });
});

import { ConfigurationError } from '../errors.js';

/** The one octokit method used here (`octokit.request`), injected so tests can use a local server. */
export type GitHubRequest = (route: string, parameters?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

export interface Repository {
  owner: string;
  repo: string;
}

/** Seals a value for the GitHub secrets API: libsodium crypto_box_seal with the environment's public key. */
export async function sealSecret(value: string, publicKeyBase64: string): Promise<string> {
  // libsodium (~0.5 MB) is loaded only when a secret is sealed.
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

function apiError(action: string, error: unknown): ConfigurationError {
  const status = (error as { status?: number }).status;
  const hint =
    status === 401
      ? 'the deploy token is invalid or expired'
      : status === 403 || status === 404
        ? 'the deploy token cannot see or write this (it needs repo scope, or a fine-grained token with Secrets: write and Actions: write on this repository), or the environment does not exist'
        : (error as Error).message;
  return new ConfigurationError(`${action} failed${status ? ` (HTTP ${status})` : ''}: ${hint}`);
}

/**
 * Stores a value as an environment secret (GET public key, seal, PUT). GITHUB_TOKEN cannot write secrets, hence
 * the PAT. The value is only ever sent sealed.
 */
export async function putEnvironmentSecret(
  request: GitHubRequest,
  target: Repository & { environment: string; name: string; value: string },
): Promise<{ created: boolean }> {
  const where = { owner: target.owner, repo: target.repo, environment_name: target.environment };
  let key: { key_id: string; key: string };
  try {
    const response = await request('GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key', where);
    key = response.data as { key_id: string; key: string };
  } catch (error) {
    throw apiError(`Reading the public key of environment "${target.environment}"`, error);
  }
  const encrypted = await sealSecret(target.value, key.key);
  try {
    const response = await request('PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}', {
      ...where,
      secret_name: target.name,
      encrypted_value: encrypted,
      key_id: key.key_id,
    });
    return { created: response.status === 201 };
  } catch (error) {
    throw apiError(`Writing secret ${target.name} of environment "${target.environment}"`, error);
  }
}

export interface DispatchedRun {
  workflow: string;
  ref: string;
  runId?: number;
  runUrl?: string;
  htmlUrl?: string;
}

/**
 * Triggers `workflow_dispatch` of the deployment workflow. Asks GitHub for the run details (return_run_details,
 * available since February 2026) and falls back to a plain dispatch where the server rejects that parameter (GHES).
 */
export async function dispatchWorkflow(
  request: GitHubRequest,
  target: Repository & { workflow: string; ref: string; inputs: Record<string, string> },
): Promise<DispatchedRun> {
  const parameters = { owner: target.owner, repo: target.repo, workflow_id: target.workflow, ref: target.ref, inputs: target.inputs };
  const route = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
  let response: { status: number; data: unknown };
  try {
    response = await request(route, { ...parameters, return_run_details: true });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if ((status === 400 || status === 422) && /return_run_details/.test((error as Error).message)) {
      try {
        response = await request(route, parameters);
      } catch (retryError) {
        throw apiError(`Dispatching ${target.workflow} on ${target.ref}`, retryError);
      }
    } else {
      throw apiError(`Dispatching ${target.workflow} on ${target.ref}`, error);
    }
  }
  const data = (response.data ?? {}) as { workflow_run_id?: number; run_url?: string; html_url?: string };
  return { workflow: target.workflow, ref: target.ref, runId: data.workflow_run_id, runUrl: data.run_url, htmlUrl: data.html_url };
}

import type { getOctokit } from '@actions/github';
import type { DeploymentsApi } from '../deploy/record.js';

export type { DeploymentsApi, DeploymentState } from '../deploy/record.js';

/** The octokit-backed API; honours GITHUB_API_URL (GHES, or a local server in tests). */
export function octokitDeployments(token: string, owner: string, repo: string): DeploymentsApi {
  // Loaded on the first call, not at action start (a dry run or a gate that says no never needs it).
  let loaded: Promise<ReturnType<typeof getOctokit>> | undefined;
  const octokit = () =>
    (loaded ??= import('@actions/github').then((github) =>
      github.getOctokit(token, process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
    ));
  return {
    async create({ ref, environment, description, production }) {
      const response = await (
        await octokit()
      ).rest.repos.createDeployment({
        owner,
        repo,
        ref,
        environment,
        description,
        auto_merge: false,
        // Commit statuses are the CI's business; the deployment itself is what we record.
        required_contexts: [],
        production_environment: production,
      });
      if (response.status !== 201 || !('id' in response.data)) {
        throw new Error(`GitHub did not create the deployment: ${JSON.stringify(response.data)}`);
      }
      return response.data.id;
    },
    async setStatus(id, state, { logUrl, description }) {
      await (
        await octokit()
      ).rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        ...(logUrl ? { log_url: logUrl } : {}),
        auto_inactive: state === 'success',
      });
    },
  };
}

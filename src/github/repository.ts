import type { getOctokit } from '@actions/github';
import type { GetEnvironment } from '../gate/approval.js';

/** owner/repo of the running workflow (GITHUB_REPOSITORY), or undefined outside GitHub Actions. */
export function repositoryFromEnvironment(): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

/** Reads a GitHub environment with the given token; without one every read fails as HTTP 401 would. */
export function environmentReader(token: string | undefined): GetEnvironment {
  if (!token) {
    return () => Promise.reject(Object.assign(new Error('no token was given (input "token" is empty)'), { status: 401 }));
  }
  // octokit is loaded on the first read, not at action start. getOctokit reads GITHUB_API_URL for its base URL
  // (GitHub Enterprise, or a local server in tests).
  let octokit: Promise<ReturnType<typeof getOctokit>> | undefined;
  return async (params) => {
    octokit ??= import('@actions/github').then((github) => github.getOctokit(token));
    return (await octokit).rest.repos.getEnvironment(params);
  };
}

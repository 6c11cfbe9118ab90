import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/github/repository.ts
function repositoryFromEnvironment() {
  let [owner, repo, ...rest] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  return owner && repo && rest.length === 0 ? { owner, repo } : void 0;
}
function environmentReader(token) {
  if (!token)
    return () => Promise.reject(Object.assign(new Error('no token was given (input "token" is empty)'), { status: 401 }));
  let octokit;
  return async (params) => (octokit ??= import("./github-Q4ZZN73N.js").then((github) => github.getOctokit(token)), (await octokit).rest.repos.getEnvironment(params));
}

export {
  repositoryFromEnvironment,
  environmentReader
};

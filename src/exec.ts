import { spawn } from 'node:child_process';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Written to the child's stdin: input a program needs never touches disk. */
  input?: string;
  /** Extra variables on top of the current environment. */
  env?: Record<string, string>;
  cwd?: string;
}

/** The one way this project runs external programs; tests inject a recording double instead. */
export type Executor = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/**
 * Runs a program silently and returns its output whatever its exit code; callers decide what failure means. The one
 * place k8sapp starts programs (`kubectl kustomize`, git, hetzner-k3s): node:child_process, no shell, arguments as
 * given, the input on stdin (never a file).
 */
export const execute: Executor = (command, args, options = {}) =>
  new Promise((resolve) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    Object.assign(env, options.env);
    const child = spawn(command, [...args], { env, ...(options.cwd ? { cwd: options.cwd } : {}), stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // The program cannot be started at all (not on PATH): the shell's 127, with Node's reason.
    child.on('error', (error) => resolve({ exitCode: 127, stdout: '', stderr: error.message }));
    child.on('close', (code) =>
      resolve({ exitCode: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined); // a program that exits without reading its input
    child.stdin.end(options.input ?? '');
  });

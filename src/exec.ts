import { getExecOutput } from '@actions/exec';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Written to the child's stdin; how manifests with secret values reach kubectl without touching disk. */
  input?: string;
  /** Extra variables on top of the current environment. */
  env?: Record<string, string>;
  cwd?: string;
}

/** The one way this project runs external programs; tests inject a recording double instead. */
export type Executor = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** Runs a program silently and returns its output whatever its exit code; callers decide what failure means. */
export const execute: Executor = async (command, args, options = {}) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, options.env);
  try {
    const result = await getExecOutput(command, [...args], {
      silent: true,
      ignoreReturnCode: true,
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      env,
      cwd: options.cwd,
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  } catch (error) {
    // @actions/exec throws when the program cannot be started at all (not on PATH).
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 127, stdout: '', stderr: message };
  }
};

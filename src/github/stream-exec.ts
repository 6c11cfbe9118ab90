import { exec } from '@actions/exec';
import type { ExecResult } from '../exec.js';
import type { StreamingExecOptions, StreamingExecutor } from '../cluster/hetzner-k3s.js';

/**
 * Runs a program like src/exec.ts `execute` (silent, never throws on exit code) but hands every stdout/stderr
 * line to `onLine` as it arrives, so a 10-minute `hetzner-k3s create` is visible while it runs.
 */
export const executeStreaming: StreamingExecutor = async (command, args, options: StreamingExecOptions = {}) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, options.env);
  let stdout = '';
  let stderr = '';
  try {
    const exitCode = await exec(command, [...args], {
      silent: true,
      ignoreReturnCode: true,
      env,
      cwd: options.cwd,
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      listeners: {
        stdout: (data: Buffer) => (stdout += data.toString()),
        stderr: (data: Buffer) => (stderr += data.toString()),
        stdline: (line: string) => options.onLine?.(line),
        errline: (line: string) => options.onLine?.(line),
      },
    });
    return { exitCode, stdout, stderr } satisfies ExecResult;
  } catch (error) {
    return { exitCode: 127, stdout, stderr: error instanceof Error ? error.message : String(error) };
  }
};

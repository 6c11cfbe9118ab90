import type { ExecOptions, ExecResult, Executor } from '../exec.js';

/** ExecOptions plus a line callback, so long runs can be shown while they happen. */
export interface StreamingExecOptions extends ExecOptions {
  onLine?: (line: string) => void;
}

/** An Executor that may stream lines; a plain Executor also fits (it simply does not stream). */
export type StreamingExecutor = (command: string, args: readonly string[], options?: StreamingExecOptions) => Promise<ExecResult>;

export interface HetznerK3sOptions {
  /** Absolute path of the verified binary; `hetzner-k3s` on PATH otherwise. */
  binary?: string;
}

/**
 * The one wrapper around the hetzner-k3s CLI. The Hetzner token goes to the child only as HCLOUD_TOKEN (never on
 * the command line, where process listings and logs would show it). There is deliberately no `delete`.
 */
export class HetznerK3s {
  private readonly exec: StreamingExecutor;
  private readonly options: HetznerK3sOptions;

  constructor(exec: StreamingExecutor | Executor, options: HetznerK3sOptions = {}) {
    this.exec = exec;
    this.options = options;
  }

  get binary(): string {
    return this.options.binary ?? 'hetzner-k3s';
  }

  /** `hetzner-k3s create --config FILE`: idempotent, resumes or updates an existing cluster of the same name. */
  create(
    configFile: string,
    options: { token: string; skipCurrentIpValidation?: boolean; onLine?: (line: string) => void; cwd?: string },
  ): Promise<ExecResult> {
    const args = ['create', '--config', configFile];
    if (options.skipCurrentIpValidation) args.push('--skip-current-ip-validation');
    return this.exec(this.binary, args, { env: { HCLOUD_TOKEN: options.token }, onLine: options.onLine, cwd: options.cwd });
  }

  version(): Promise<ExecResult> {
    return this.exec(this.binary, ['--version']);
  }
}

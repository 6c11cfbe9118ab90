import type { Executor } from '../../src/exec.js';
import type { FetchLike } from '../../src/preflight/registry.js';
import type { KubeClient } from '../../src/k8s/client.js';
import type { ConnectionOptions } from '../../src/k8s/connection.js';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from './run-action.js';

export interface InProcessRun {
  code: number;
  out: string;
  err: string;
}

export interface InProcessOptions {
  /** Runs external commands (kubectl); default: any command fails the test with `refusal`. */
  exec?: Executor;
  /** Why no external command may run, for the failure message of the default executor. */
  refusal?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  sleep?: (milliseconds: number) => Promise<void>;
  tty?: boolean;
  /** Answers registry requests (the image preflight); default: the real fetch. */
  fetch?: FetchLike;
  /** The API client every command gets (kubeFor); default: none — a command asking for one fails the test. */
  kube?: KubeClient;
  /** Where the options each client was made with are kept (the kubeconfig the command resolved), for assertions. */
  connected?: ConnectionOptions[];
}

/** Runs the k8sapp CLI's main() in this process, as a terminal would, and collects what it printed. */
export async function runCliInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const refusal = options.refusal ?? 'no external command expected';
  const code = await main(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    exec:
      options.exec ??
      ((command, commandArgs) => {
        throw new Error(`${refusal}: ${command} ${commandArgs.join(' ')}`);
      }),
    now: options.now ?? (() => new Date('2026-12-23T15:30:00Z')),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    env: options.env ?? {},
    cwd: options.cwd ?? REPO_ROOT,
    stdoutIsTTY: options.tty ?? false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    connect: (connection) => {
      options.connected?.push(connection);
      if (!options.kube) throw new Error('no KubeClient expected (pass `kube` to runCliInProcess)');
      return options.kube;
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

import type { ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { Executor } from '../exec.js';
import { checkKubeconfigFile } from '../k8s/kubeconfig.js';
import { Kubectl } from '../k8s/kubectl.js';
import { probeCluster } from '../k8s/probe.js';
import { systemClock } from '../log.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Exit codes shared by every command: 0 ok, 1 the checked thing failed, 2 usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CommandContext {
  values: ParsedValues;
  positionals: string[];
  /** --root, resolved; the folder holding deploy-control.yaml (default infra). */
  root: string;
  json: boolean;
  /** The folder the command was started in; relative paths given by the user are relative to it. */
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  exec: Executor;
  now(): Date;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  /** Shown by `k8sapp NAME --help` after the common options. */
  usage: string;
  options: OptionSpec;
  run(context: CommandContext): Promise<number>;
}

export function stringValue(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `--kubeconfig FILE`, shared by every command that talks to a cluster. */
export const KUBECONFIG_OPTION: OptionSpec = { kubeconfig: { type: 'string' } };

/**
 * The kubectl a command talks to the cluster with: `--kubeconfig FILE` (relative to where k8sapp was started) or,
 * without it, kubectl's own default ($KUBECONFIG, ~/.kube/config). A given file must exist and be a usable kubeconfig
 * (current context, server) before anything is attempted.
 */
export function kubectlFor(context: CommandContext): Kubectl {
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  if (!kubeconfig) return new Kubectl(context.exec, {});
  const path = resolve(context.cwd, kubeconfig);
  checkKubeconfigFile(path);
  return new Kubectl(context.exec, { kubeconfig: path });
}

/**
 * Before a command's first cluster call: a server that cannot be reached is one sentence (ClusterUnreachableError,
 * printed by main without a stack) instead of the same kubectl error once per call.
 */
export async function ensureReachable(context: CommandContext, kubectl: Kubectl, notDone: string): Promise<void> {
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  const server = kubeconfig ? checkKubeconfigFile(resolve(context.cwd, kubeconfig)).server : undefined;
  await probeCluster(kubectl, { notDone, clock: systemClock, ...(server ? { server } : {}) });
}

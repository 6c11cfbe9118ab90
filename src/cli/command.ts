import type { ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { Executor } from '../exec.js';
import { Kubectl } from '../k8s/kubectl.js';

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
  /** Waits on the same clock as now(): real time in a terminal, virtual time in tests. */
  sleep(milliseconds: number): Promise<void>;
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
 * without it, kubectl's own default ($KUBECONFIG, ~/.kube/config).
 */
export function kubectlFor(context: CommandContext): Kubectl {
  const kubeconfig = stringValue(context.values, 'kubeconfig');
  return new Kubectl(context.exec, kubeconfig ? { kubeconfig: resolve(context.cwd, kubeconfig) } : {});
}

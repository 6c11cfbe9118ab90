import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULTS } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import type { Executor } from '../exec.js';
import type { FetchLike } from '../preflight/registry.js';
import { checkKubeconfigFile } from '../k8s/kubeconfig.js';
import { Kubectl } from '../k8s/kubectl.js';
import type { KubeClient } from '../k8s/client.js';
import { defaultKubeFactory, type KubeClientFactory } from '../k8s/connect.js';
import type { Style } from '../report/text.js';
import { DEFAULT_RELEASE_NAMESPACE } from '../rollout/releases.js';
import type { OptionDef, ParsedValues } from './options.js';
import { ensureServerReachable } from '../k8s/reachable.js';

export type { OptionDef, ParsedValues } from './options.js';

/** Exit codes shared by every command: 0 ok, 1 the checked thing failed, 2 usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CommandContext {
  values: ParsedValues;
  /** --root, resolved; the folder holding deploy-control.yaml (default infra). */
  root: string;
  json: boolean;
  /** The folder the command was started in; relative paths given by the user are relative to it. */
  cwd: string;
  /** Results, on stdout. */
  out: (text: string) => void;
  /** Progress and messages, on stderr. */
  err: (text: string) => void;
  /** Colours for text on stdout; plain unless stdout is a terminal and NO_COLOR is unset. */
  style: Style;
  exec: Executor;
  now: () => Date;
  /** Waits on the same clock as now(): real time in a terminal, virtual time in tests. */
  sleep: (milliseconds: number) => Promise<void>;
  env: NodeJS.ProcessEnv;
  /** How a command gets its API client (tests inject a fake); default: the HTTP client over the kubeconfig. */
  connect?: KubeClientFactory;
  /** HTTP for registries (the image preflight): globalThis.fetch, a replaying fake in tests. */
  fetch: FetchLike;
}

export interface Command {
  name: string;
  /** One line: what the command is for. The first line of its help and its row in `k8sapp --help`. */
  summary: string;
  /** What follows `k8sapp NAME` in the usage line; default: the required options, then `[options]`. */
  synopsis?: string;
  /** The command's own options; the parser accepts exactly these plus the common ones, and help lists them. */
  options: readonly OptionDef[];
  /** Prose after the options: what the command does and does not do. */
  notes?: string;
  /** What each exit code means for this command. */
  exitCodes: readonly (readonly [code: number, meaning: string])[];
  /** Two or three command lines, each with what it does. */
  examples: readonly (readonly [command: string, what: string])[];
  run(context: CommandContext): Promise<number>;
}

export function stringValue(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A repeatable option's values; `a,b` counts as two. */
export function listValue(values: ParsedValues, name: string): string[] {
  const value = values[name];
  const list = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return list
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

export const ENV_OPTION: OptionDef = {
  name: 'env',
  value: 'ENV',
  required: true,
  description: 'Environment to work on: a key under environments: in deploy-control.yaml (dev, test, prod, …).',
};

/** `--kubeconfig FILE`, shared by every command that talks to a cluster. */
export const KUBECONFIG_OPTION: OptionDef = {
  name: 'kubeconfig',
  value: 'FILE',
  defaultText: "kubectl's own: $KUBECONFIG, else ~/.kube/config",
  description: 'Kubeconfig of the cluster to talk to, relative to the current folder.',
};

export const SECRETS_FILE_OPTION: OptionDef = {
  name: 'secrets-file',
  value: 'FILE',
  description:
    'JSON or YAML object of Secret values that replace the placeholders in the overlay, keyed KEY or secret-name/KEY. Read into memory only; no value is ever printed.',
};

export const RELEASE_NAMESPACE_OPTION: OptionDef = {
  name: 'release-namespace',
  value: 'NS',
  default: DEFAULT_RELEASE_NAMESPACE,
  description: 'Namespace of the ConfigMap k8sapp-releases-ENV that records the releases.',
};

export const TIMEOUT_OPTION: OptionDef = {
  name: 'timeout',
  value: 'SECONDS',
  defaultText: `the environment's rollout_timeout in deploy-control.yaml, else ${DEFAULTS.rolloutTimeoutSeconds}`,
  description: 'How long to wait for the workloads to become ready.',
};

/** kubectl for `kubectl kustomize` only (an offline build: no kubeconfig, no cluster). */
export function kubectlFor(context: CommandContext): Kubectl {
  return new Kubectl(context.exec);
}

/**
 * The API client a command talks to the cluster with: `--kubeconfig FILE` (relative to where k8sapp was started) or,
 * without it, $KUBECONFIG / ~/.kube/config as kubectl reads them. The kubeconfig is checked (context, cluster, user,
 * credentials) before anything is sent.
 */
export function kubeFor(context: CommandContext): KubeClient {
  return connectionFor(context).kube;
}

/** The client and, with `--kubeconfig FILE`, the server it names — checked once per command run. */
export function connectionFor(context: CommandContext): { kube: KubeClient; server?: string } {
  let connection = connections.get(context);
  if (!connection) {
    const kubeconfig = stringValue(context.values, 'kubeconfig');
    const path = kubeconfig ? resolve(context.cwd, kubeconfig) : undefined;
    // The option's own words (`--kubeconfig FILE: no such file.`) for every command, whichever factory connects.
    const server = path ? checkKubeconfigFile(path).server : undefined;
    const options = { env: context.env, ...(path ? { kubeconfig: path } : {}) };
    const kube = (context.connect ?? defaultKubeFactory)(options, { onRetry: (line) => context.err(line) });
    connection = { kube, ...(server ? { server } : {}) };
    connections.set(context, connection);
  }
  return connection;
}

/** One client per command run: discovery and keep-alive sockets are shared by every phase. */
const connections = new WeakMap<CommandContext, { kube: KubeClient; server?: string }>();

/**
 * Before a command's first cluster call: a server that cannot be reached is one sentence (ClusterUnreachableError,
 * printed by main without a stack) instead of the same error once per call.
 */
export async function ensureReachable(context: CommandContext, notDone: string): Promise<void> {
  const { kube, server } = connectionFor(context);
  await ensureServerReachable(kube, notDone, server);
}

/** A file the user named in `--option FILE`, relative to where k8sapp was started; unreadable is a usage error. */
export async function readOptionFile(context: CommandContext, option: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(context.cwd, file), 'utf8');
  } catch {
    throw new ConfigurationError(`--${option} ${file} cannot be read.`);
  }
}

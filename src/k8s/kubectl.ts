import type { ExecResult, Executor } from '../exec.js';

export type DryRun = 'none' | 'server' | 'client';
export type Cascade = 'background' | 'foreground' | 'orphan';

export interface KubectlOptions {
  /** Path of a kubeconfig file, given to kubectl through KUBECONFIG only (never on the command line). */
  kubeconfig?: string;
  /** kubectl --context, for laptops with several clusters. */
  context?: string;
  binary?: string;
  /** Bound on every API request, so a hung API server cannot hang a deployment (kubectl's default is none). */
  requestTimeoutSeconds?: number;
}

export interface ApplyOptions {
  fieldManager?: string;
  forceConflicts?: boolean;
  dryRun?: DryRun;
  output?: 'json' | 'name' | 'yaml';
}

export interface GetOptions {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  ignoreNotFound?: boolean;
  /** Include metadata.managedFields (kubectl leaves them out of -o json by default). */
  showManagedFields?: boolean;
}

export interface DeleteOptions {
  namespace?: string;
  cascade?: Cascade;
  ignoreNotFound?: boolean;
  wait?: boolean;
  dryRun?: DryRun;
}

export const FIELD_MANAGER = 'k8sapp';

/**
 * The one wrapper around the kubectl CLI: each method builds an argument array and runs it through the injected
 * executor. It interprets nothing: callers parse the result, so tests can assert exact arguments.
 */
export class Kubectl {
  private readonly exec: Executor;
  private readonly options: KubectlOptions;

  constructor(exec: Executor, options: KubectlOptions = {}) {
    this.exec = exec;
    this.options = options;
  }

  get binary(): string {
    return this.options.binary ?? 'kubectl';
  }

  /** Renders an overlay offline; needs no cluster. */
  kustomize(directory: string): Promise<ExecResult> {
    return this.run(['kustomize', directory], undefined, false);
  }

  apply(manifest: string, options: ApplyOptions = {}): Promise<ExecResult> {
    const args = ['apply', '--server-side', `--field-manager=${options.fieldManager ?? FIELD_MANAGER}`];
    if (options.forceConflicts) args.push('--force-conflicts');
    if (options.dryRun && options.dryRun !== 'none') args.push(`--dry-run=${options.dryRun}`);
    if (options.output) args.push('-o', options.output);
    args.push('-f', '-');
    return this.run(args, manifest);
  }

  /** `kubectl diff --server-side`: exit 0 no change, 1 differences, >1 error. */
  diff(manifest: string, options: { fieldManager?: string; forceConflicts?: boolean } = {}): Promise<ExecResult> {
    const args = ['diff', '--server-side', `--field-manager=${options.fieldManager ?? FIELD_MANAGER}`];
    if (options.forceConflicts) args.push('--force-conflicts');
    args.push('-f', '-');
    return this.run(args, manifest);
  }

  /** One `get -o json` for any number of `kind/name` references or one kind; a List comes back for several. */
  get(resources: readonly string[], options: GetOptions = {}): Promise<ExecResult> {
    const args = ['get', ...resources];
    args.push(...scopeArgs(options));
    if (options.selector) args.push('-l', options.selector);
    if (options.fieldSelector) args.push(`--field-selector=${options.fieldSelector}`);
    if (options.ignoreNotFound) args.push('--ignore-not-found');
    if (options.showManagedFields) args.push('--show-managed-fields');
    args.push('-o', 'json');
    return this.run(args);
  }

  delete(kind: string, name: string, options: DeleteOptions = {}): Promise<ExecResult> {
    const args = ['delete', `${kind}/${name}`];
    if (options.namespace) args.push('-n', options.namespace);
    if (options.cascade) args.push(`--cascade=${options.cascade}`);
    if (options.ignoreNotFound) args.push('--ignore-not-found');
    if (options.wait !== undefined) args.push(`--wait=${options.wait}`);
    if (options.dryRun && options.dryRun !== 'none') args.push(`--dry-run=${options.dryRun}`);
    return this.run(args);
  }

  patch(
    kind: string,
    name: string,
    patch: unknown,
    options: { namespace?: string; type?: 'merge' | 'json' | 'strategic'; dryRun?: DryRun; subresource?: string; fieldManager?: string } = {},
  ): Promise<ExecResult> {
    const args = ['patch', `${kind}/${name}`];
    if (options.namespace) args.push('-n', options.namespace);
    args.push(`--type=${options.type ?? 'merge'}`, '-p', JSON.stringify(patch));
    if (options.subresource) args.push(`--subresource=${options.subresource}`);
    if (options.dryRun && options.dryRun !== 'none') args.push(`--dry-run=${options.dryRun}`);
    if (options.fieldManager) args.push(`--field-manager=${options.fieldManager}`);
    args.push('-o', 'json');
    return this.run(args);
  }

  rolloutHistory(kind: string, name: string, options: { namespace?: string } = {}): Promise<ExecResult> {
    const args = ['rollout', 'history', `${kind}/${name}`];
    if (options.namespace) args.push('-n', options.namespace);
    return this.run(args);
  }

  logs(pod: string, options: { namespace?: string; container?: string; previous?: boolean; tail?: number } = {}): Promise<ExecResult> {
    const args = ['logs', pod];
    if (options.namespace) args.push('-n', options.namespace);
    if (options.container) args.push('-c', options.container);
    if (options.previous) args.push('--previous');
    if (options.tail !== undefined) args.push(`--tail=${options.tail}`);
    return this.run(args);
  }

  version(): Promise<ExecResult> {
    return this.run(['version', '-o', 'json']);
  }

  /** Escape hatch for read-only calls not covered above; mutating calls get a named method so tests see intent. */
  raw(args: readonly string[], input?: string): Promise<ExecResult> {
    return this.run([...args], input);
  }

  private run(args: string[], input?: string, server = true): Promise<ExecResult> {
    const full: string[] = [];
    if (this.options.context) full.push(`--context=${this.options.context}`);
    if (server) full.push(`--request-timeout=${this.options.requestTimeoutSeconds ?? 30}s`);
    full.push(...args);
    const env: Record<string, string> = {};
    if (this.options.kubeconfig) env.KUBECONFIG = this.options.kubeconfig;
    return this.exec(this.binary, full, { input, env });
  }
}

function scopeArgs(options: GetOptions): string[] {
  if (options.allNamespaces) return ['--all-namespaces'];
  if (options.namespace) return ['-n', options.namespace];
  return [];
}

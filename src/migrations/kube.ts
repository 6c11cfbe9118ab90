import type { ExecResult } from '../exec.js';
import type { Kubectl } from '../k8s/kubectl.js';
import type { KubeClient, KubeDeleteOptions, KubeGetOptions, KubeListOptions, KubeObject, KubePatchOptions } from './types.js';

/** A kubectl call a migration made that the API server (or kubectl) refused. */
export class KubeCallError extends Error {
  override name = 'KubeCallError';
  readonly args: readonly string[];
  readonly result: ExecResult;
  constructor(what: string, args: readonly string[], result: ExecResult) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(0, 5).join('\n');
    super(`${what} failed (kubectl exit ${result.exitCode}): ${detail}`);
    this.args = args;
    this.result = result;
  }
}

/** Kinds whose deletion would lose data: a migration may resize or relabel them, never delete them. */
const UNDELETABLE = new Set([
  'pvc',
  'persistentvolumeclaim',
  'persistentvolumeclaims',
  'pv',
  'persistentvolume',
  'persistentvolumes',
  'ns',
  'namespace',
  'namespaces',
]);

/** Long-running workloads: deleted with --cascade=orphan unless the migration says otherwise, so pods survive. */
const WORKLOADS = new Set([
  'sts',
  'statefulset',
  'statefulsets',
  'deploy',
  'deployment',
  'deployments',
  'ds',
  'daemonset',
  'daemonsets',
  'rs',
  'replicaset',
  'replicasets',
]);

function baseKind(kind: string): string {
  return (kind.split('.')[0] ?? kind).toLowerCase();
}

export interface KubectlClientOptions {
  dryRun: boolean;
  /** Once aborted (the migration timed out), every further call throws instead of touching the cluster. */
  signal?: AbortSignal;
}

/** The MigrationContext's client: get/list/patch/delete through the one Kubectl wrapper. */
export class KubectlClient implements KubeClient {
  readonly dryRun: boolean;
  private readonly kubectl: Kubectl;
  private readonly signal: AbortSignal | undefined;

  constructor(kubectl: Kubectl, options: KubectlClientOptions) {
    this.kubectl = kubectl;
    this.dryRun = options.dryRun;
    this.signal = options.signal;
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, options: KubeGetOptions = {}): Promise<T | undefined> {
    this.checkOpen(`get ${kind}/${name}`);
    const args = [`${kind}/${name}`];
    const result = await this.kubectl.get(args, { namespace: options.namespace, ignoreNotFound: true });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl get ${kind}/${name}`, args, result);
    if (result.stdout.trim() === '') return undefined;
    return parseJson<T>(result.stdout, `kubectl get ${kind}/${name}`);
  }

  async list<T extends KubeObject = KubeObject>(kind: string, options: KubeListOptions = {}): Promise<T[]> {
    this.checkOpen(`list ${kind}`);
    const result = await this.kubectl.get([kind], {
      namespace: options.namespace,
      selector: options.selector,
      fieldSelector: options.fieldSelector,
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl get ${kind}`, [kind], result);
    const list = parseJson<{ items?: T[] }>(result.stdout, `kubectl get ${kind}`);
    return Array.isArray(list.items) ? list.items : [];
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: unknown, options: KubePatchOptions = {}): Promise<T> {
    this.checkOpen(`patch ${kind}/${name}`);
    const result = await this.kubectl.patch(kind, name, patch, {
      namespace: options.namespace,
      type: options.type ?? 'merge',
      subresource: options.subresource,
      dryRun: this.dryRun ? 'server' : 'none',
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl patch ${kind}/${name}`, [kind, name], result);
    return parseJson<T>(result.stdout, `kubectl patch ${kind}/${name}`);
  }

  async delete(kind: string, name: string, options: KubeDeleteOptions = {}): Promise<void> {
    const base = baseKind(kind);
    if (UNDELETABLE.has(base)) {
      throw new Error(
        `refusing to delete ${kind}/${name}: k8sapp never deletes PersistentVolumeClaims, PersistentVolumes or Namespaces, ` +
          'because that loses data. Do it by hand if it is really meant.',
      );
    }
    this.checkOpen(`delete ${kind}/${name}`);
    const result = await this.kubectl.delete(kind, name, {
      namespace: options.namespace,
      cascade: options.cascade ?? (WORKLOADS.has(base) ? 'orphan' : 'background'),
      ignoreNotFound: true,
      dryRun: this.dryRun ? 'server' : 'none',
    });
    if (result.exitCode !== 0) throw new KubeCallError(`kubectl delete ${kind}/${name}`, [kind, name], result);
  }

  private checkOpen(what: string): void {
    if (this.signal?.aborted) {
      throw new Error(`${what} refused: the migration was aborted (${String(this.signal.reason ?? 'timed out')})`);
    }
  }
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${what} did not print JSON: ${text.slice(0, 200)}`);
  }
}

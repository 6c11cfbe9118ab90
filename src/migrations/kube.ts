import { KubeApiError, UnknownKindError } from '../k8s/api-error.js';
import type { KubeClient as ApiClient, ObjectRef, PropagationPolicy } from '../k8s/client.js';
import { describeRef } from '../k8s/client.js';
import { builtInKind } from '../k8s/kinds.js';
import type { KubeClient, KubeDeleteOptions, KubeGetOptions, KubeListOptions, KubeObject, KubePatchOptions } from './types.js';

/** A call a migration made that the API server refused: the server's reason and code, and the call it answered. */
export class KubeCallError extends Error {
  override name = 'KubeCallError';
  /** The Status reason (`NotFound`, `Invalid`, `Forbidden`, …); absent when the server gave no answer at all. */
  readonly reason: string | undefined;
  readonly code: number | undefined;
  constructor(what: string, cause: unknown) {
    const detail = cause instanceof KubeApiError ? `${cause.reason} (${cause.code}): ${cause.message}` : cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed: ${detail}`, { cause });
    this.reason = cause instanceof KubeApiError ? cause.reason : undefined;
    this.code = cause instanceof KubeApiError ? cause.code : undefined;
  }
}

/** Kinds whose deletion would lose data: a migration may resize or relabel them, never delete them. */
const UNDELETABLE = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'Namespace']);

/** Long-running workloads: deleted with the orphan cascade unless the migration says otherwise, so pods survive. */
const WORKLOADS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet']);

const PROPAGATION: Record<NonNullable<KubeDeleteOptions['cascade']>, PropagationPolicy> = {
  orphan: 'Orphan',
  background: 'Background',
  foreground: 'Foreground',
};

export interface MigrationKubeOptions {
  dryRun: boolean;
  /** Once aborted (the migration timed out), every further call throws instead of touching the cluster. */
  signal?: AbortSignal;
  /** Where a call that names no namespace goes (the kubeconfig context's namespace); default: the client's, else `default`. */
  defaultNamespace?: string;
}

interface Target {
  apiVersion: string;
  kind: string;
  namespace?: string;
}

/**
 * The MigrationContext's client: get/list/patch/delete over the one API client (same kubeconfig, retry policy and
 * request timeout as the deploy). Kinds are named as kubectl spells them; mutating calls are server dry runs in plan.
 */
export class MigrationKube implements KubeClient {
  readonly dryRun: boolean;
  private readonly signal: AbortSignal | undefined;
  private readonly defaultNamespace: string;

  constructor(
    private readonly client: ApiClient,
    options: MigrationKubeOptions,
  ) {
    this.dryRun = options.dryRun;
    this.signal = options.signal;
    this.defaultNamespace = options.defaultNamespace ?? contextNamespace(client);
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, options: KubeGetOptions = {}): Promise<T | undefined> {
    const ref = await this.ref(`get ${kind}/${name}`, kind, name, options);
    return (await this.call(`get ${describeRef(ref)}`, () => this.client.get(ref))) as T | undefined;
  }

  async list<T extends KubeObject = KubeObject>(kind: string, options: KubeListOptions = {}): Promise<T[]> {
    const target = await this.target(`list ${kind}`, kind, options);
    const list = await this.call(`list ${kind}${target.namespace ? ` in ${target.namespace}` : ''}`, () =>
      this.client.list(target, {
        ...(options.selector ? { labelSelector: options.selector } : {}),
        ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
      }),
    );
    return list.items as T[];
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: unknown, options: KubePatchOptions = {}): Promise<T> {
    const ref = await this.ref(`patch ${kind}/${name}`, kind, name, options);
    // A JavaScript migration may pass any string; only these two are subresources a patch can address.
    const subresource = options.subresource as string | undefined;
    if (subresource !== undefined && subresource !== 'status' && subresource !== 'scale') {
      throw new Error(`patch ${describeRef(ref)}: subresource "${subresource}" is not supported (status or scale)`);
    }
    return (await this.call(`patch ${describeRef(ref)}`, () =>
      this.client.patch(ref, patch, { type: options.type ?? 'merge', ...(subresource ? { subresource } : {}), ...(this.dryRun ? { dryRun: true } : {}) }),
    )) as T;
  }

  async delete(kind: string, name: string, options: KubeDeleteOptions = {}): Promise<void> {
    const target = resolveKind(kind, options.apiVersion);
    if (target && UNDELETABLE.has(target.kind)) {
      throw new Error(
        `refusing to delete ${kind}/${name}: k8sapp never deletes PersistentVolumeClaims, PersistentVolumes or Namespaces, ` +
          'because that loses data. Do it by hand if it is really meant.',
      );
    }
    const ref = await this.ref(`delete ${kind}/${name}`, kind, name, options);
    const cascade = options.cascade ?? (WORKLOADS.has(ref.kind) ? 'orphan' : 'background');
    await this.call(`delete ${describeRef(ref)}`, () =>
      this.client.delete(ref, { propagationPolicy: PROPAGATION[cascade], ...(this.dryRun ? { dryRun: true } : {}) }),
    );
  }

  private async ref(what: string, kind: string, name: string, options: { namespace?: string; apiVersion?: string }): Promise<ObjectRef> {
    return { ...(await this.target(what, kind, options)), name };
  }

  /** apiVersion, Kind and namespace (the default one for a namespaced kind that names none; none for a cluster-scoped kind). */
  private async target(what: string, kind: string, options: { namespace?: string; apiVersion?: string }): Promise<Target> {
    this.checkOpen(what);
    const resolved = resolveKind(kind, options.apiVersion);
    if (!resolved) {
      throw new Error(
        `${what}: "${kind}" is not a built-in kind k8sapp knows; for a custom resource pass its Kind and apiVersion, e.g. ` +
          `ctx.kube.get('Certificate', 'web', { apiVersion: 'cert-manager.io/v1' })`,
      );
    }
    let namespaced = resolved.namespaced;
    if (namespaced === undefined) {
      const info = await this.call(what, () => this.client.resourceOf(resolved.apiVersion, resolved.kind));
      if (!info) throw new KubeCallError(what, new UnknownKindError(resolved.apiVersion, resolved.kind));
      namespaced = info.namespaced;
    }
    return { apiVersion: resolved.apiVersion, kind: resolved.kind, ...(namespaced ? { namespace: options.namespace ?? this.defaultNamespace } : {}) };
  }

  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    this.checkOpen(what);
    try {
      return await body();
    } catch (error) {
      if (error instanceof KubeCallError) throw error;
      throw new KubeCallError(what, error);
    }
  }

  private checkOpen(what: string): void {
    if (this.signal?.aborted) {
      throw new Error(`${what} refused: the migration was aborted (${String(this.signal.reason ?? 'timed out')})`);
    }
  }
}

/** A kubectl spelling of a built-in kind, or a Kind with an explicit apiVersion (scope then asked of discovery). */
function resolveKind(kind: string, apiVersion: string | undefined): { apiVersion: string; kind: string; namespaced?: boolean } | undefined {
  const builtIn = builtInKind(kind);
  if (apiVersion === undefined) return builtIn;
  if (builtIn && builtIn.apiVersion.split('/')[0] === apiVersion.split('/')[0]) return { ...builtIn, apiVersion };
  return { apiVersion, kind };
}

/** The kubeconfig context's namespace of a client that has one (the HTTP client), else `default` (kubectl's too). */
export function contextNamespace(client: ApiClient): string {
  const namespace = (client as { connection?: { namespace?: unknown } }).connection?.namespace;
  return typeof namespace === 'string' && namespace ? namespace : 'default';
}

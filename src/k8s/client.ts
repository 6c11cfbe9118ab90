import type { KubernetesObject } from '../manifests/resource.js';

/**
 * The one way k8sapp talks to a Kubernetes API server. Every caller (apply, plan, rollout, rollback, releases,
 * migrations, prune, preflight, readiness) takes a KubeClient; `HttpKubeClient` (http.ts) speaks REST to a real
 * server, tests inject a fake that replays recorded answers. Failures are thrown as `KubeApiError` (the server's
 * Status: reason, code, causes) or `ClusterUnreachableError` (no answer at all) — callers decide from those types,
 * never from message text.
 */
export interface KubeClient {
  /** The server's `/version`. The first call of a run, so an unreachable server is one sentence before anything else. */
  version(): Promise<ServerVersion>;
  /** Server-side apply: PATCH `application/apply-patch+yaml`, the field manager, `force`; `dryRun` for plans. */
  apply(object: KubernetesObject, options?: ApplyOptions): Promise<KubernetesObject>;
  /** One object, or undefined when the server says NotFound. */
  get(ref: ObjectRef): Promise<KubernetesObject | undefined>;
  /** One kind in one namespace (or every namespace, or cluster-wide) with selectors: the way live state is read. */
  list(kind: KindRef, options?: ListOptions): Promise<ObjectList>;
  /** POST; `AlreadyExists` is the caller's to judge (a record written by someone else first). */
  create(object: KubernetesObject, options?: WriteOptions): Promise<KubernetesObject>;
  /** PUT; the object's `metadata.resourceVersion` is the precondition (`Conflict` when someone wrote in between). */
  replace(object: KubernetesObject, options?: WriteOptions): Promise<KubernetesObject>;
  patch(ref: ObjectRef, patch: unknown, options: PatchOptions): Promise<KubernetesObject>;
  /** 'not-found' when there was nothing to delete. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<'deleted' | 'not-found'>;
  /**
   * Changes to one kind after `resourceVersion` (from a list): the events as they happen, until `signal` aborts or the
   * server ends the watch (`timeoutSeconds`). A watch the server ends early simply ends; callers list again.
   */
  watch(kind: KindRef, options: WatchOptions): AsyncIterable<WatchEvent>;
  /** A container's log (the last `tailLines`), for diagnosis. */
  logs(pod: { name: string; namespace: string }, options?: LogOptions): Promise<string>;
  /** Whether the server knows this kind, and its scope (discovery). */
  resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
}

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface KindRef {
  apiVersion: string;
  kind: string;
  /** Absent: cluster-scoped kinds, or every namespace of a namespaced kind. */
  namespace?: string;
}

export interface ResourceInfo {
  /** The REST name: `deployments`, `configmaps`. */
  plural: string;
  namespaced: boolean;
}

export interface ApplyOptions {
  fieldManager?: string;
  /** Take over fields other managers own (the repository is the source of truth). Default true. */
  force?: boolean;
  dryRun?: boolean;
}

export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
}

export interface PatchOptions {
  type: 'json' | 'merge' | 'strategic';
  fieldManager?: string;
  dryRun?: boolean;
  subresource?: 'status' | 'scale';
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  dryRun?: boolean;
  /** Delete only this incarnation (a same-named object created since is left alone). */
  uid?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ObjectList {
  items: KubernetesObject[];
  /** Where a watch continues from. */
  resourceVersion: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion: string;
  signal?: AbortSignal;
  /** The server ends the watch after this long (it always does after a while; callers re-list). */
  timeoutSeconds?: number;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubernetesObject;
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
}

/** The field manager of everything k8sapp applies. */
export const FIELD_MANAGER = 'k8sapp';

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function groupOfApiVersion(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function refOf(object: KubernetesObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** `Deployment/app/web` or `Namespace/app`, for messages. */
export function describeRef(ref: { kind: string; name: string; namespace?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

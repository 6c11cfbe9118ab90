import { groupOfApiVersion } from '../k8s/client.js';
import { CLUSTER_SCOPED_KINDS, type KubernetesObject } from '../manifests/resource.js';

/** The annotation a manifest carries to let prune delete a protected kind (Namespace, CRD, PersistentVolume). */
export const PRUNE_ANNOTATION = 'k8sapp.io/prune';
export const PRUNE_ALLOW = 'allow';
/** Written beside every inventory: a release record without it predates the inventory and is not trusted for pruning. */
export const INVENTORY_VERSION = 1;
/** The labels that decide an object's service (see `belongsToService`): kept so a later deploy can tell which service an entry is. */
const SERVICE_LABELS = ['app.kubernetes.io/name', 'app'] as const;

/**
 * One object a deploy left in the cluster: its identity (never a value; Secrets are listed like everything else), the
 * service labels the service selection reads, and whether its manifest allowed pruning a protected kind.
 */
export interface InventoryEntry {
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  /** `app.kubernetes.io/name` / `app` of the manifest, when set. */
  labels?: Record<string, string>;
  /** The manifest carried `k8sapp.io/prune: allow`. */
  pruneAllowed?: true;
}

export function inventoryEntry(object: KubernetesObject): InventoryEntry {
  const entry: InventoryEntry = { group: groupOfApiVersion(object.apiVersion ?? ''), kind: object.kind, name: object.metadata.name };
  if (object.metadata.namespace && !CLUSTER_SCOPED_KINDS.has(object.kind)) entry.namespace = object.metadata.namespace;
  const labels = Object.fromEntries(
    SERVICE_LABELS.filter((key) => object.metadata.labels?.[key] !== undefined).map((key) => [key, String(object.metadata.labels?.[key])]),
  );
  if (Object.keys(labels).length > 0) entry.labels = labels;
  if (object.metadata.annotations?.[PRUNE_ANNOTATION] === PRUNE_ALLOW) entry.pruneAllowed = true;
  return entry;
}

/**
 * Identity for comparing an inventory with what a deploy rendered. The group is left out on purpose: an entry whose
 * kind, namespace and name are still rendered (in whatever API group) is never a candidate, which only errs on the
 * side of keeping.
 */
export function entryKey(entry: { kind: string; namespace?: string; name: string }): string {
  return `${entry.kind}/${entry.namespace ?? ''}/${entry.name}`;
}

/** The entry as an object the service selection can judge (it reads kind, name and labels only). */
export function entryObject(entry: InventoryEntry): KubernetesObject {
  return {
    apiVersion: entry.group ? `${entry.group}/v1` : 'v1',
    kind: entry.kind,
    metadata: { name: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}), ...(entry.labels ? { labels: entry.labels } : {}) },
  };
}

/** Inventory entries without duplicates, in their first order. */
export function uniqueEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.group}/${entryKey(entry)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

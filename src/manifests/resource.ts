import type { KeyPath, LocatedDocument } from '../yaml/located.js';

/** The parts of any Kubernetes object k8sapp reasons about; everything else is carried along untouched. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One object of a rendered stream, with where it came from. */
export interface Resource {
  object: KubernetesObject;
  /** Where the document starts in the rendered stream (for kustomize output: the overlay folder). */
  source: LocatedDocument;
}

export interface ResourceId {
  kind: string;
  namespace?: string;
  name: string;
}

/** `StatefulSet/default/postgres` — stable identity of an object within a cluster. */
export function resourceKey(id: ResourceId): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

export function idOf(object: KubernetesObject): ResourceId {
  const id: ResourceId = { kind: object.kind, name: object.metadata.name };
  if (object.metadata.namespace) id.namespace = object.metadata.namespace;
  return id;
}

/** Kinds that are not namespaced: they never get a namespace in a key. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'RuntimeClass',
  'CSIDriver',
  'VolumeSnapshotClass',
]);

/** Workload kinds whose rollout k8sapp waits for. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/**
 * The service (in deploy-control's `services:` sense) an object belongs to: its `app.kubernetes.io/name` label,
 * else its `app` label, else its name. Documented in the README; the gate's service filter relies on it.
 */
export function serviceOf(object: KubernetesObject): string {
  const labels = object.metadata.labels ?? {};
  return labels['app.kubernetes.io/name'] ?? labels.app ?? object.metadata.name;
}

/** Whether an object belongs to the named service under the rule of `serviceOf`, checking every label it carries. */
export function belongsToService(object: KubernetesObject, service: string): boolean {
  const labels = object.metadata.labels ?? {};
  return labels['app.kubernetes.io/name'] === service || labels.app === service || object.metadata.name === service;
}

/** Values that mark "substitute me before deploying"; the seed's Secrets use StrongBase64Password. */
export const PLACEHOLDER_PATTERN = /^(StrongBase64Password|CHANGE_?ME|REPLACE_?ME|PLACEHOLDER|<[^>]+>|\$\{[^}]+\})$/i;

export interface Placeholder {
  secret: string;
  namespace?: string;
  key: string;
  field: 'data' | 'stringData';
  location?: { file: string; line?: number; column?: number };
}

/** Secret values still holding a placeholder (name and key only: never a value). */
export function findPlaceholders(resources: readonly Resource[]): Placeholder[] {
  const found: Placeholder[] = [];
  for (const { object, source } of resources) {
    if (object.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData'] as const) {
      const values = object[field] as Record<string, unknown> | undefined;
      if (!values || typeof values !== 'object') continue;
      for (const [key, value] of Object.entries(values)) {
        if (typeof value !== 'string' || !isPlaceholder(value, field)) continue;
        const placeholder: Placeholder = { secret: object.metadata.name, key, field, location: source.locate([field, key] as KeyPath) };
        if (object.metadata.namespace) placeholder.namespace = object.metadata.namespace;
        found.push(placeholder);
      }
    }
  }
  return found;
}

export function isPlaceholder(value: string, field: 'data' | 'stringData'): boolean {
  if (PLACEHOLDER_PATTERN.test(value.trim())) return true;
  if (field === 'data') {
    // A placeholder may also have been base64-encoded by whoever wrote the Secret.
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return PLACEHOLDER_PATTERN.test(decoded.trim());
  }
  return false;
}

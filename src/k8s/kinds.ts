/**
 * The built-in kinds of kube-apiserver 1.28 k8sapp names without asking discovery: a migration may name them the way kubectl spells them (`statefulset`, `sts`, `statefulsets`,
 * `statefulsets.apps`, `StatefulSet`), resolved to the API's apiVersion and Kind. Custom resources are named by their
 * Kind with an explicit `apiVersion` option instead (the API server, not a spelling table, knows those).
 */
import { groupOfApiVersion } from './client.js';

export interface BuiltInKind {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

const KINDS: readonly (BuiltInKind & { plural: string; short?: readonly string[] })[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, short: ['cm'] },
  { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', plural: 'services', namespaced: true, short: ['svc'] },
  { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, short: ['sa'] },
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, short: ['po'] },
  { apiVersion: 'v1', kind: 'Event', plural: 'events', namespaced: true, short: ['ev'] },
  { apiVersion: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, short: ['ep'] },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, short: ['pvc'] },
  { apiVersion: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, short: ['pv'] },
  { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, short: ['ns'] },
  { apiVersion: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, short: ['no'] },
  { apiVersion: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, short: ['quota'] },
  { apiVersion: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true, short: ['limits'] },
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true, short: ['deploy'] },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, short: ['sts'] },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, short: ['ds'] },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, short: ['rs'] },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true },
  { apiVersion: 'batch/v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, short: ['cj'] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, short: ['ing'] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, short: ['netpol'] },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, short: ['sc'] },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, short: ['crd', 'crds'] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', plural: 'roles', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, short: ['hpa'] },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, short: ['pdb'] },
];

const BY_SPELLING = new Map<string, BuiltInKind>();
for (const { plural, short, ...kind } of KINDS) {
  const group = groupOfApiVersion(kind.apiVersion);
  for (const name of [kind.kind.toLowerCase(), plural, ...(short ?? [])]) {
    BY_SPELLING.set(name, kind);
    if (group) BY_SPELLING.set(`${name}.${group}`, kind);
  }
}

/** Every built-in kind with its REST name (`deployments`), e.g. to answer discovery in a test server. */
export function builtInKinds(): readonly (BuiltInKind & { plural: string })[] {
  return KINDS.map(({ short: _short, ...kind }) => kind);
}

/** The built-in kind of this API group, or undefined (a custom resource: only the server knows its version). */
export function builtInKindOf(group: string, kind: string): BuiltInKind | undefined {
  const found = BY_SPELLING.get(kind.toLowerCase());
  return found && found.kind === kind && groupOfApiVersion(found.apiVersion) === group ? found : undefined;
}

/** The built-in kind a kubectl spelling names (case-insensitive), or undefined. */
export function builtInKind(spelling: string): BuiltInKind | undefined {
  return BY_SPELLING.get(spelling.toLowerCase());
}

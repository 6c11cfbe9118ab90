import { ControllerRevision } from 'kubernetes-models/apps/v1/ControllerRevision';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { pathFromPointer } from '../config/schema.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

/**
 * The built-in kinds checked offline, by `apiVersion/kind`. Only these are imported so the bundle carries their
 * OpenAPI schemas and not all 1,700 of kubernetes-models; other kinds (CRDs, rare built-ins) are reported as
 * "not checked", never as errors.
 */
const MODELS = new Map<string, ModelClass>(
  (
    [
      ['v1', 'ConfigMap', ConfigMap],
      ['v1', 'Endpoints', Endpoints],
      ['v1', 'LimitRange', LimitRange],
      ['v1', 'Namespace', Namespace],
      ['v1', 'PersistentVolume', PersistentVolume],
      ['v1', 'PersistentVolumeClaim', PersistentVolumeClaim],
      ['v1', 'Pod', Pod],
      ['v1', 'ResourceQuota', ResourceQuota],
      ['v1', 'Secret', Secret],
      ['v1', 'Service', Service],
      ['v1', 'ServiceAccount', ServiceAccount],
      ['apps/v1', 'ControllerRevision', ControllerRevision],
      ['apps/v1', 'DaemonSet', DaemonSet],
      ['apps/v1', 'Deployment', Deployment],
      ['apps/v1', 'ReplicaSet', ReplicaSet],
      ['apps/v1', 'StatefulSet', StatefulSet],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', HorizontalPodAutoscaler],
      ['batch/v1', 'CronJob', CronJob],
      ['batch/v1', 'Job', Job],
      ['networking.k8s.io/v1', 'Ingress', Ingress],
      ['networking.k8s.io/v1', 'IngressClass', IngressClass],
      ['networking.k8s.io/v1', 'NetworkPolicy', NetworkPolicy],
      ['policy/v1', 'PodDisruptionBudget', PodDisruptionBudget],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole', ClusterRole],
      ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', ClusterRoleBinding],
      ['rbac.authorization.k8s.io/v1', 'Role', Role],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding', RoleBinding],
      ['scheduling.k8s.io/v1', 'PriorityClass', PriorityClass],
      ['storage.k8s.io/v1', 'StorageClass', StorageClass],
    ] as [string, string, ModelClass][]
  ).map(([apiVersion, kind, model]) => [`${apiVersion}/${kind}`, model]),
);

/** Core API groups whose kinds a cluster always serves; an unknown kind in one of them is a typo, not a CRD. */
const BUILT_IN_GROUP_VERSIONS = new Set([...MODELS.keys()].map((key) => key.slice(0, key.lastIndexOf('/'))));

export interface ModelProblem {
  /** Key path inside the object, e.g. ['spec', 'replicas']. */
  path: (string | number)[];
  message: string;
}

export type ModelCheck =
  | { status: 'valid' }
  | { status: 'invalid'; problems: ModelProblem[] }
  /** No offline model for this apiVersion/kind (a CRD or a kind this list does not carry). */
  | { status: 'unchecked'; builtInGroup: boolean };

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Validates one object against the Kubernetes OpenAPI model of its apiVersion/kind, offline. */
export function checkAgainstModel(object: { apiVersion: string; kind: string }): ModelCheck {
  const Model = MODELS.get(`${object.apiVersion}/${object.kind}`);
  if (!Model) return { status: 'unchecked', builtInGroup: BUILT_IN_GROUP_VERSIONS.has(object.apiVersion) };
  try {
    new Model(object as never).validate();
    return { status: 'valid' };
  } catch (error) {
    const errors = (error as { errors?: AjvLikeError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return { status: 'invalid', problems: dedupe(errors.filter((e) => !isBranchNoise(e)).map(describe)) };
  }
}

export function hasModel(apiVersion: string, kind: string): boolean {
  return MODELS.has(`${apiVersion}/${kind}`);
}

function isBranchNoise(error: AjvLikeError): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if';
}

function describe(error: AjvLikeError): ModelProblem {
  const path = pathFromPointer(error.instancePath ?? '');
  const params = error.params ?? {};
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing required field "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: `unknown field "${String(params.additionalProperty)}"` };
    case 'enum':
      return { path, message: `must be one of: ${((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { path, message: `must be of type ${String(params.type)}` };
    default:
      return { path, message: error.message ?? String(error.keyword) };
  }
}

/** One problem per key path: ajv reports an int-or-string mismatch as two type errors, merged here. */
function dedupe(problems: ModelProblem[]): ModelProblem[] {
  const byPath = new Map<string, ModelProblem>();
  for (const problem of problems) {
    const key = JSON.stringify(problem.path);
    const earlier = byPath.get(key);
    if (!earlier) byPath.set(key, { ...problem });
    else if (earlier.message.startsWith('must be of type ') && problem.message.startsWith('must be of type ')) {
      earlier.message += ` or ${problem.message.slice('must be of type '.length)}`;
    } else if (!earlier.message.includes(problem.message)) earlier.message += `; ${problem.message}`;
  }
  return [...byPath.values()];
}

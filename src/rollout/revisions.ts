import { isDeepStrictEqual } from 'node:util';
import type { KubeClient } from '../k8s/client.js';
import { selectorArgument, selectorOf } from '../k8s/selector.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { findCondition } from './status.js';

/**
 * `kubectl rollout undo` without kubectl (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go): a workload's revisions
 * are the ReplicaSets a Deployment owns (`deployment.kubernetes.io/revision`) or the ControllerRevisions a StatefulSet
 * or DaemonSet owns (`revision`); undo writes an earlier one back into the workload.
 */
export interface Revision {
  number: number;
  /** The ReplicaSet's or ControllerRevision's name. */
  name: string;
  /** The pod template the revision holds (a ReplicaSet's without its `pod-template-hash` label). */
  template: unknown;
  /** Ready pods running this revision now: proof that it works. */
  readyPods: number;
  /** The object itself (ReplicaSet or ControllerRevision). */
  object: KubernetesObject;
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
/** Annotations kubectl keeps from the Deployment rather than copying them from the ReplicaSet (annotationsToSkip). */
const DEPLOYMENT_OWN_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const isControlledBy = (object: KubernetesObject, owner: KubernetesObject) =>
  Array.isArray(object.metadata.ownerReferences) &&
  (object.metadata.ownerReferences as { uid?: string; controller?: boolean }[]).some((o) => o.controller === true && o.uid === owner.metadata.uid);

/** A Deployment's revisions: the ReplicaSets it controls, by its selector (kubectl's deploymentRevision). */
export async function replicaSetRevisions(deployment: KubernetesObject, kube: KubeClient): Promise<Revision[]> {
  const selector = selectorOf(deployment);
  if (!selector) return [];
  const namespace = deployment.metadata.namespace;
  const { items } = await kube.list(
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', ...(namespace ? { namespace } : {}) },
    { labelSelector: selectorArgument(selector) },
  );
  return items
    .filter((rs) => isControlledBy(rs, deployment))
    .flatMap((rs) => {
      const number = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
      if (!Number.isInteger(number)) return [];
      const available = (rs.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0;
      return [
        {
          number,
          name: rs.metadata.name,
          template: withoutHashLabel((rs.spec as { template?: unknown } | undefined)?.template),
          readyPods: available,
          object: rs,
        },
      ];
    });
}

/** A StatefulSet's or DaemonSet's revisions: the ControllerRevisions it controls, with the Ready pods on each. */
export async function controllerRevisions(workload: KubernetesObject, kube: KubeClient): Promise<Revision[]> {
  const selector = selectorOf(workload);
  if (!selector) return [];
  const namespace = workload.metadata.namespace;
  const scope = namespace ? { namespace } : {};
  const labelSelector = selectorArgument(selector);
  const [{ items }, pods] = await Promise.all([
    kube.list({ apiVersion: 'apps/v1', kind: 'ControllerRevision', ...scope }, { labelSelector }),
    kube.list({ apiVersion: 'v1', kind: 'Pod', ...scope }, { labelSelector }),
  ]);
  const readyByHash = new Map<string, number>();
  for (const pod of pods.items) {
    const hash = pod.metadata.labels?.['controller-revision-hash'];
    if (hash && findCondition(pod, 'Ready')?.status === 'True') readyByHash.set(hash, (readyByHash.get(hash) ?? 0) + 1);
  }
  return items
    .filter((revision) => isControlledBy(revision, workload))
    .map((revision) => {
      // A StatefulSet's pods name the ControllerRevision; a DaemonSet's carry its controller-revision-hash label.
      const hash = revision.metadata.labels?.['controller-revision-hash'];
      const readyPods = (readyByHash.get(revision.metadata.name) ?? 0) + (hash && hash !== revision.metadata.name ? (readyByHash.get(hash) ?? 0) : 0);
      return { number: Number(revision.revision), name: revision.metadata.name, template: templateOfData(revision.data), readyPods, object: revision };
    });
}

export type RevisionChoice =
  { found: 'revision'; revision: Revision; why: string } | { found: 'none'; why: string } | { found: 'current'; revision: Revision; why: string };

/**
 * Which revision undo returns to: the newest earlier revision whose pods are Ready now (known to work), else the one
 * before the newest, as `kubectl rollout undo` does. `current` when that revision's template already is the live one
 * (kubectl: "skipped rollback").
 */
export function chooseRevision(kind: string, name: string, revisions: readonly Revision[], liveTemplate: unknown): RevisionChoice {
  const sorted = [...revisions].sort((a, b) => b.number - a.number);
  const [newest, previous] = sorted;
  if (!newest || !previous) {
    return { found: 'none', why: kind === 'Deployment' ? `no rollout history found for deployment "${name}"` : 'no last revision to roll back to' };
  }
  const working = sorted.slice(1).find((revision) => revision.readyPods > 0);
  const chosen = working ?? previous;
  const why = working ? `revision ${working.number} (${working.name}), whose pods are Ready` : `the previous revision ${previous.number} (${previous.name})`;
  if (sameTemplate(chosen.template, liveTemplate))
    return { found: 'current', revision: chosen, why: `current template already matches revision ${chosen.number}` };
  return { found: 'revision', revision: chosen, why };
}

/** The patch kubectl sends for a Deployment: the ReplicaSet's template and the annotations of that revision. */
export function deploymentUndoPatch(deployment: KubernetesObject, revision: Revision): unknown[] {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) if (DEPLOYMENT_OWN_ANNOTATIONS.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(revision.object.metadata.annotations ?? {})) if (!DEPLOYMENT_OWN_ANNOTATIONS.has(key)) annotations[key] = value;
  return [
    { op: 'replace', path: '/spec/template', value: revision.template },
    // `add` replaces the annotations as kubectl's `replace` does, and also works on a Deployment that has none.
    { op: 'add', path: '/metadata/annotations', value: annotations },
  ];
}

/** A ControllerRevision's `data` is a strategic-merge patch `{spec: {template: {$patch: replace, …}}}`: its template. */
function templateOfData(data: unknown): unknown {
  const template = (data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!template) return undefined;
  const { $patch: _patch, ...rest } = template;
  return rest;
}

function withoutHashLabel(template: unknown): unknown {
  const copy = structuredClone(template) as { metadata?: { labels?: Record<string, string> } } | undefined;
  if (copy?.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

/** kubectl's equalIgnoreHash: the same template apart from the `pod-template-hash` label. */
export function sameTemplate(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(withoutHashLabel(a), withoutHashLabel(b));
}

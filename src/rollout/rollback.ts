import { isDeepStrictEqual } from 'node:util';
import { valueAt } from '../apply/objects.js';
import { KubeApiError } from '../k8s/api-error.js';
import type { KubeClient, ObjectRef } from '../k8s/client.js';
import { belongsToService, idOf, type KubernetesObject } from '../manifests/resource.js';
import { leftInPlaceBy, loadRelease, ReleaseStoreError, type ReleaseStoreOptions } from './releases.js';
import { selectorMatches, selectorOf, selectorArgument } from '../k8s/selector.js';
import { computeStatus, conditionsOf, findCondition, intField, stringField } from './status.js';
import {
  refKey,
  refLabel,
  type RollbackMode,
  type TemplatesBefore,
  type RollbackReport,
  type RollbackWorkload,
  type WorkloadRef,
  type WorkloadResult,
} from './types.js';
import { chooseRevision, controllerRevisions, deploymentUndoPatch, replicaSetRevisions } from './revisions.js';
import { waitForWorkloads, type RolloutDeps, type WaitOptions } from './waiter.js';
import { builtInKind } from '../k8s/kinds.js';

/**
 * Why `rollout undo` must not run for a workload that FAILED to become ready, or undefined when it may. Undo restores the revision before
 * the CURRENT one; when this deploy did not change the pod template (replicas-only change, re-applied unchanged, a
 * pod that died on its own), the current revision is the last good rollout and undo would revert it — and a forced
 * StatefulSet rollback would then delete pods that are on the good revision.
 */
export function undoRefusal(live: KubernetesObject | undefined): string | undefined {
  if (!live) return undefined;
  if (live.kind === 'Deployment') {
    const progressing = conditionsOf(live).find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'NewReplicaSetAvailable' && intField(live, 'status.replicas', 0) === intField(live, 'status.updatedReplicas', -1)) {
      return `its pod template did not change in this deploy (${progressing.message ?? 'the current ReplicaSet had already rolled out'})`;
    }
  } else if (live.kind === 'StatefulSet') {
    const current = stringField(live, 'status.currentRevision');
    const partition = intField(live, 'spec.updateStrategy.rollingUpdate.partition', 0);
    if (current && partition === 0 && current === stringField(live, 'status.updateRevision')) {
      return `its pod template did not change in this deploy (currentRevision = updateRevision = ${current})`;
    }
  }
  return undefined;
}
/** The field manager of a restored template: k8sapp's own, so prune does not take its rollback for someone else's edit. */
export const ROLLBACK_FIELD_MANAGER = 'k8sapp-rollback';
/** Polls for the StatefulSet controller to observe the reverted template before pods are deleted. */
export const OBSERVE_ATTEMPTS = 15;
const UNDOABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface ReapplyResult {
  ok: boolean;
  message: string;
}

/** Re-applies manifests during a release rollback. */
export type Reapply = (manifests: string, deps: { kube: KubeClient }) => Promise<ReapplyResult>;

/**
 * SEAM `reapply`: server-side apply of each object, forced (so fields a rollback took over come back to k8sapp). The
 * deploy pipeline passes the apply engine (src/apply/) here instead, to get its immutable-field recovery and reporting.
 */
export const reapply: Reapply = async (manifests, { kube }) => {
  const applied: string[] = [];
  // The rollback hands the release over as one JSON object per line.
  for (const line of manifests.split('\n').filter((l) => l.trim())) {
    const object = JSON.parse(line) as KubernetesObject;
    try {
      await kube.apply(object, { force: true });
      applied.push(`${object.kind}/${object.metadata.name}`);
    } catch (error) {
      if (!(error instanceof KubeApiError)) throw error;
      return { ok: false, message: `${object.kind}/${object.metadata.name}: ${error.message}` };
    }
  }
  return { ok: true, message: `${applied.length} object(s) applied` };
};

export interface RollbackRequest {
  mode: RollbackMode;
  environment: string;
  /** Failed (or timed-out) workloads that may be rolled back. */
  workloads: readonly WorkloadResult[];
  /** Services whose objects a release rollback re-applies; undefined = the whole release. */
  services?: ReadonlySet<string>;
  releaseStore?: Omit<ReleaseStoreOptions, 'environment'>;
  /** The pod templates the apply read before changing them: the revisions `undo` returns to. */
  templatesBefore?: TemplatesBefore;
  /** Objects the failed deploy applied: those not in the restored release are reported as left in place. */
  applied?: readonly KubernetesObject[];
  wait: WaitOptions;
}

export type RollbackDeps = RolloutDeps & { kube: KubeClient; reapply?: Reapply };

/** The API reference of a workload: its apiVersion from the built-in kinds (src/k8s/kinds.ts). */
export function workloadRef(ref: WorkloadRef): ObjectRef {
  const apiVersion = builtInKind(ref.kind)?.apiVersion;
  if (!apiVersion) throw new Error(`bug: ${ref.kind} is not a workload kind`);
  return { apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
}

/** The live object, or undefined when it is gone or the server refused to answer (a refusal is retried by the caller). */
async function readLive(ref: WorkloadRef, kube: KubeClient): Promise<KubernetesObject | undefined> {
  try {
    return await kube.get(workloadRef(ref));
  } catch (error) {
    if (error instanceof KubeApiError) return undefined;
    throw error;
  }
}

/**
 * Kubernetes' "forced rollback" for a StatefulSet stuck on a broken pod (OrderedReady never gets past a pod that is
 * never Ready): once the controller has observed the reverted template, delete the pods still on the bad revision
 * (label controller-revision-hash) so it recreates them from the good one. Only Pods are deleted — never PVCs.
 */
export async function forceStatefulSetRollback(
  ref: WorkloadRef,
  badRevision: string | undefined,
  deps: { kube: KubeClient } & Pick<RolloutDeps, 'clock' | 'logger'>,
  intervalSeconds: number,
): Promise<{ deleted: string[]; note: string }> {
  if (!badRevision) return { deleted: [], note: 'no bad revision known' };
  let live: KubernetesObject | undefined;
  for (let attempt = 0; attempt < OBSERVE_ATTEMPTS; attempt++) {
    live = await readLive(ref, deps.kube);
    if (live && intField(live, 'metadata.generation', 0) === intField(live, 'status.observedGeneration', -1)) break;
    live = undefined;
    await deps.clock.sleep(intervalSeconds * 1000);
  }
  if (!live) return { deleted: [], note: 'the controller did not observe the reverted template in time; no pods deleted' };
  if (stringField(live, 'status.updateRevision') === badRevision) {
    return { deleted: [], note: `the template still is revision ${badRevision}; no pods deleted` };
  }
  const selector = selectorOf(live);
  if (!selector) return { deleted: [], note: 'StatefulSet has no selector' };
  const namespace = live.metadata.namespace ?? ref.namespace;
  const pods = await listOrWarn({ apiVersion: 'v1', kind: 'Pod', ...(namespace ? { namespace } : {}) }, selectorArgument(selector), deps);
  const deleted: string[] = [];
  for (const pod of pods) {
    if (!selectorMatches(selector, pod.metadata.labels)) continue;
    if (pod.metadata.labels?.['controller-revision-hash'] !== badRevision) continue;
    // A Ready pod on the bad revision does not block the controller: it rolls it back itself, one at a time.
    // Deleting it too would take several replicas (a database quorum) down at once.
    if (findCondition(pod, 'Ready')?.status === 'True') continue;
    try {
      // Only this incarnation: a pod the controller has already recreated from the good revision is left alone.
      const uid = typeof pod.metadata.uid === 'string' ? { uid: pod.metadata.uid } : {};
      const outcome = await deps.kube.delete({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, ...(namespace ? { namespace } : {}) }, uid);
      if (outcome === 'deleted') deleted.push(pod.metadata.name);
    } catch (error) {
      if (!(error instanceof KubeApiError)) throw error;
      deps.logger.warning(`could not delete pod ${pod.metadata.name}: ${error.message}`);
    }
  }
  return {
    deleted,
    note: deleted.length ? `deleted pod(s) on bad revision ${badRevision}: ${deleted.join(', ')}` : `no pod was on bad revision ${badRevision}`,
  };
}

/** A LIST by label selector; a refusal is logged and reads as nothing found (the rollback goes on without it). */
async function listOrWarn(
  kind: { apiVersion: string; kind: string; namespace?: string },
  labelSelector: string,
  deps: { kube: KubeClient } & Pick<RolloutDeps, 'logger'>,
): Promise<KubernetesObject[]> {
  try {
    return (await deps.kube.list(kind, { labelSelector })).items;
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    deps.logger.warning(`could not list ${kind.kind}s (${labelSelector}): ${error.message}`);
    return [];
  }
}

function entry(result: WorkloadResult, action: RollbackWorkload['action'], message: string, deletedPods: string[] = []): RollbackWorkload {
  return {
    kind: result.kind,
    ...(result.namespace ? { namespace: result.namespace } : {}),
    name: result.name,
    action,
    message,
    deletedPods,
    diagnosis: [],
  };
}

/** Rolls back failed workloads (`undo` or `release`), waits for the rollback itself, and reports it. */
export async function rollbackWorkloads(request: RollbackRequest, deps: RollbackDeps): Promise<RollbackReport> {
  const { logger } = deps;
  const interval = request.wait.pollIntervalSeconds ?? 2;
  if (request.mode === 'never' || !request.workloads.length) {
    return { mode: request.mode, workloads: [], status: 'none' };
  }
  const entries: RollbackWorkload[] = [];
  let release: number | undefined;
  let leftInPlace: string[] = [];
  if (request.mode === 'undo') {
    for (const result of request.workloads) {
      const undone = await undoWorkload(result, request, deps, interval);
      logger.info(undone.message);
      entries.push(undone);
    }
  } else {
    let loaded;
    try {
      loaded = await loadRelease({ environment: request.environment, ...request.releaseStore, which: 'latest' }, deps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { mode: request.mode, status: 'failed', message, workloads: request.workloads.map((w) => entry(w, 'error', message)) };
    }
    release = loaded.record.revision;
    const chosen = loaded.objects.filter((object) => !request.services || [...request.services].some((service) => belongsToService(object, service)));
    const inRelease = (w: WorkloadResult) =>
      chosen.some((o) => o.kind === w.kind && o.metadata.name === w.name && (o.metadata.namespace ?? w.namespace) === w.namespace);
    const badRevisions = new Map(
      request.workloads.filter((w) => w.kind === 'StatefulSet' && w.live).map((w) => [refLabel(w), stringField(w.live, 'status.updateRevision') || undefined]),
    );
    const ofServices = (object: KubernetesObject) => !request.services || [...request.services].some((service) => belongsToService(object, service));
    leftInPlace = leftInPlaceBy(loaded, (request.applied ?? []).filter(ofServices).map(idOf));
    if (leftInPlace.length) logger.info(`not in release ${release}, left in place (a rollback never deletes): ${leftInPlace.join(', ')}`);
    const manifests = chosen.map((object) => JSON.stringify(object)).join('\n');
    const applied = chosen.length
      ? await (deps.reapply ?? reapply)(manifests, deps)
      : { ok: false, message: 'nothing of the failed services is in the release' };
    logger.info(`re-applied release ${release} (${chosen.length} objects, sha ${loaded.record.sha}): ${applied.ok ? 'ok' : applied.message}`);
    for (const result of request.workloads) {
      if (!inRelease(result)) {
        entries.push(entry(result, 'not-in-release', `${refLabel(result)} is not part of release ${release}; left as it is`));
      } else if (!applied.ok) {
        entries.push(entry(result, 'error', `re-applying release ${release} failed: ${applied.message}`));
      } else if (result.kind === 'StatefulSet') {
        const { deleted, note } = await forceStatefulSetRollback(result, badRevisions.get(refLabel(result)), deps, interval);
        logger.info(`${refLabel(result)}: ${note}`);
        entries.push(entry(result, 'reapplied', `release ${release} re-applied; ${note}`, deleted));
      } else {
        entries.push(entry(result, 'reapplied', `release ${release} re-applied`));
      }
    }
  }

  const toWait = entries.filter((e) => e.action === 'undone' || e.action === 'reapplied');
  if (toWait.length) {
    logger.info(`waiting for the rollback of ${toWait.map(refLabel).join(', ')}`);
    await waitForRollback(toWait, request.wait, deps);
  }
  const succeeded = entries.length > 0 && entries.every((e) => (e.action === 'undone' || e.action === 'reapplied') && e.status === 'succeeded');
  return {
    mode: request.mode,
    workloads: entries,
    status: succeeded ? 'succeeded' : 'failed',
    ...(release !== undefined ? { release } : {}),
    ...(leftInPlace.length ? { leftInPlace } : {}),
  };
}

/** The pod template a failed workload returns to, and where k8sapp learnt that it was good. */
type KnownGood = { found: 'template'; template: unknown; source: string } | { found: 'nothing-to-undo'; why: string } | { found: 'unknown'; why: string };

/**
 * `undo` for one workload: return it to the pod template k8sapp knows was good — the live template read before this
 * deploy applied, or (a separate `k8sapp rollout` run) the environment's last good release. Only when neither is
 * known does it fall back to what `kubectl rollout undo` does (an earlier revision) and the controller's status.
 */
async function undoWorkload(result: WorkloadResult, request: RollbackRequest, deps: RollbackDeps, interval: number): Promise<RollbackWorkload> {
  const label = refLabel(result);
  if (!UNDOABLE_KINDS.has(result.kind)) return entry(result, 'not-supported', `${label}: a ${result.kind} has no revisions to undo; fix it and deploy again`);
  const good = await knownGoodTemplate(result, request, deps);
  if (good.found === 'nothing-to-undo') return entry(result, 'nothing-to-undo', `${label}: not rolled back: ${good.why}`);
  if (good.found === 'unknown') return revisionUndo(result, good.why, deps, interval);
  return restoreTemplate(result, good, deps, interval);
}

async function knownGoodTemplate(result: WorkloadResult, request: RollbackRequest, deps: RollbackDeps): Promise<KnownGood> {
  const before = request.templatesBefore?.get(refKey(result));
  if (before) {
    if (before.template === undefined) return { found: 'nothing-to-undo', why: 'this deploy created it, so there is no earlier revision to return to' };
    if (!before.changed) {
      return {
        found: 'nothing-to-undo',
        why: 'this deploy did not change its pod template (k8sapp compared it with the live template before applying), so the running revision is the last good one',
      };
    }
    return { found: 'template', template: before.template, source: 'the pod template it had before this deploy' };
  }
  return knownGoodFromRelease(result, request, deps);
}

/** The last good release's template for this workload, as the server would store it (a server-side dry run). */
async function knownGoodFromRelease(result: WorkloadResult, request: RollbackRequest, deps: RollbackDeps): Promise<KnownGood> {
  let loaded;
  try {
    loaded = await loadRelease({ environment: request.environment, ...request.releaseStore, which: 'latest' }, deps);
  } catch (error) {
    if (!(error instanceof ReleaseStoreError)) throw error;
    return { found: 'unknown', why: error.message };
  }
  const release = `release ${loaded.record.revision} (sha ${loaded.record.sha})`;
  const recorded = loaded.objects.find(
    (o) => o.kind === result.kind && o.metadata.name === result.name && (o.metadata.namespace ?? result.namespace) === result.namespace,
  );
  if (!recorded) return { found: 'unknown', why: `it is not part of ${release}` };
  let template: unknown;
  try {
    const manifest = {
      ...recorded,
      metadata: { ...recorded.metadata, ...(result.namespace && !recorded.metadata.namespace ? { namespace: result.namespace } : {}) },
    };
    template = valueAt(await deps.kube.apply(manifest, { dryRun: true }), ['spec', 'template']);
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return { found: 'unknown', why: `the server's dry run of its manifest in ${release} failed: ${error.message}` };
  }
  if (template === undefined) return { found: 'unknown', why: `the server's dry run of its manifest in ${release} returned no pod template` };
  if (isDeepStrictEqual(valueAt(result.live, ['spec', 'template']), template)) {
    return { found: 'nothing-to-undo', why: `its pod template is the one of ${release}, the last good deploy, so there is nothing to return to` };
  }
  return { found: 'template', template, source: `the pod template of ${release}` };
}

/**
 * Puts the known-good pod template back (what `kubectl rollout undo` does with a revision's template): the
 * controllers recognise it as their earlier revision and return to it; a stuck StatefulSet is then forced off the
 * bad revision. The next deploy's forced server-side apply takes the fields back.
 */
async function restoreTemplate(
  result: WorkloadResult,
  good: Extract<KnownGood, { found: 'template' }>,
  deps: RollbackDeps,
  interval: number,
): Promise<RollbackWorkload> {
  const label = refLabel(result);
  const badRevision = result.kind === 'StatefulSet' ? await observedUpdateRevision(result, deps) : undefined;
  const patch = [{ op: 'replace', path: '/spec/template', value: good.template }];
  try {
    await deps.kube.patch(workloadRef(result), patch, { type: 'json', fieldManager: ROLLBACK_FIELD_MANAGER });
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return entry(result, 'error', `${label}: restoring ${good.source} failed: ${error.message}`);
  }
  return undone(result, `${label}: restored ${good.source}`, badRevision, deps, interval);
}

/** The StatefulSet's update revision once the controller has seen its current template (the bad one). */
async function observedUpdateRevision(ref: WorkloadResult, deps: RollbackDeps): Promise<string | undefined> {
  const live = (await readLive(ref, deps.kube)) ?? ref.live;
  if (!live) return undefined;
  return stringField(live, 'status.updateRevision') || undefined;
}

/**
 * Neither this run nor a release knows the good template: what `kubectl rollout undo` does, if status allows — an
 * earlier revision (a Deployment's ReplicaSet, a StatefulSet's or DaemonSet's ControllerRevision) written back into
 * the workload. It aims at the newest earlier revision whose pods are Ready, else the previous one.
 */
async function revisionUndo(result: WorkloadResult, unknown: string, deps: RollbackDeps, interval: number): Promise<RollbackWorkload> {
  const label = refLabel(result);
  // A workload that did roll out (rollback after a failed post-deploy migration) is undone as asked.
  const refusal = result.status === 'succeeded' ? undefined : undoRefusal(result.live);
  if (refusal) {
    return entry(
      result,
      'nothing-to-undo',
      `${label}: not rolled back: k8sapp does not know its last good revision (${unknown}) and ${refusal}; \`rollout undo\` could revert the previous, completed rollout`,
    );
  }
  try {
    const live = await deps.kube.get(workloadRef(result));
    if (!live) return entry(result, 'error', `${label}: rollout undo failed: it no longer exists`);
    if (result.kind === 'Deployment' && (live.spec as { paused?: boolean } | undefined)?.paused === true) {
      return entry(result, 'error', `${label}: rollout undo failed: a paused Deployment cannot be rolled back; resume it first`);
    }
    const revisions = result.kind === 'Deployment' ? await replicaSetRevisions(live, deps.kube) : await controllerRevisions(live, deps.kube);
    const choice = chooseRevision(result.kind, result.name, revisions, valueAt(live, ['spec', 'template']));
    if (choice.found === 'none')
      return entry(result, 'nothing-to-undo', `${label}: first deployment, there is no previous revision to roll back to (${choice.why})`);
    if (choice.found === 'current') {
      return entry(result, 'nothing-to-undo', `${label}: the previous revision equals the current one, nothing was rolled back (${choice.why})`);
    }
    const badRevision = result.kind === 'StatefulSet' ? stringField(live, 'status.updateRevision') || undefined : undefined;
    const ref = workloadRef(result);
    if (result.kind === 'Deployment') {
      await deps.kube.patch(ref, deploymentUndoPatch(live, choice.revision), { type: 'json', fieldManager: ROLLBACK_FIELD_MANAGER });
    } else {
      // As kubectl: the ControllerRevision's data is a strategic-merge patch that replaces spec.template.
      await deps.kube.patch(ref, choice.revision.object.data, { type: 'strategic', fieldManager: ROLLBACK_FIELD_MANAGER });
    }
    return undone(result, `${label}: rolled back to ${choice.why} (rollout undo: ${unknown})`, badRevision, deps, interval);
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return entry(result, 'error', `${label}: rollout undo failed: ${error.message}`);
  }
}

/** The entry of an undone workload; a StatefulSet is first forced off its bad revision (the note says how). */
async function undone(
  result: WorkloadResult,
  message: string,
  badRevision: string | undefined,
  deps: RollbackDeps,
  interval: number,
): Promise<RollbackWorkload> {
  if (result.kind !== 'StatefulSet') return entry(result, 'undone', message);
  const { deleted, note } = await forceStatefulSetRollback(result, badRevision, deps, interval);
  return entry(result, 'undone', `${message}; ${note}`, deleted);
}

export interface ReleaseRollbackRequest {
  environment: string;
  releaseStore?: Omit<ReleaseStoreOptions, 'environment'>;
  /** Release to restore; default: the one before the newest (undo the last successful deploy). */
  revision?: number;
  wait: WaitOptions;
}

/**
 * On-demand release rollback (`k8sapp rollback`): re-applies a recorded release through the `reapply` seam, forces
 * StatefulSets that were stuck (not ready before) off their bad revision, and waits for every workload of it.
 */
export async function rollbackToRelease(request: ReleaseRollbackRequest, deps: RollbackDeps): Promise<RollbackReport> {
  const { logger } = deps;
  const loaded = await loadRelease(
    {
      environment: request.environment,
      ...request.releaseStore,
      ...(request.revision !== undefined ? { revision: request.revision } : { which: 'previous' as const }),
    },
    deps,
  );
  const release = loaded.record.revision;
  const leftInPlace = loaded.newest.revision === release ? [] : leftInPlaceBy(loaded, loaded.newest.inventory ?? []);
  if (leftInPlace.length) logger.info(`not in release ${release}, left in place (a rollback never deletes): ${leftInPlace.join(', ')}`);
  const workloads: WorkloadRef[] = loaded.objects
    .filter((o) => UNDOABLE_KINDS.has(o.kind) || o.kind === 'Job')
    .map((o) => ({ kind: o.kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name }));
  const badRevisions = new Map<string, string>();
  for (const ref of workloads.filter((w) => w.kind === 'StatefulSet')) {
    const live = await readLive(ref, deps.kube);
    if (live && computeStatus(live).state !== 'Current') {
      const revision = stringField(live, 'status.updateRevision');
      if (revision) badRevisions.set(refLabel(ref), revision);
    }
  }
  const applied = await (deps.reapply ?? reapply)(loaded.objects.map((o) => JSON.stringify(o)).join('\n'), deps);
  logger.info(`re-applied release ${release} (sha ${loaded.record.sha}, ${loaded.objects.length} objects): ${applied.ok ? 'ok' : applied.message}`);
  const base = (ref: WorkloadRef): RollbackWorkload => ({
    ...ref,
    action: 'reapplied',
    message: `release ${release} re-applied`,
    deletedPods: [],
    diagnosis: [],
  });
  if (!applied.ok) {
    return {
      mode: 'release',
      release,
      status: 'failed',
      message: `re-applying release ${release} failed: ${applied.message}`,
      workloads: workloads.map((ref) => ({ ...base(ref), action: 'error', message: applied.message })),
    };
  }
  const entries = workloads.map(base);
  for (const item of entries.filter((e) => e.kind === 'StatefulSet')) {
    const { deleted, note } = await forceStatefulSetRollback(item, badRevisions.get(refLabel(item)), deps, request.wait.pollIntervalSeconds ?? 2);
    item.deletedPods = deleted;
    if (badRevisions.has(refLabel(item))) item.message += `; ${note}`;
  }
  await waitForRollback(entries, request.wait, deps);
  return {
    mode: 'release',
    release,
    status: entries.every((e) => e.status === 'succeeded') ? 'succeeded' : 'failed',
    workloads: entries,
    ...(leftInPlace.length ? { leftInPlace } : {}),
  };
}

/** Waits for rolled-back workloads and records each one's outcome on its entry. */
async function waitForRollback(entries: RollbackWorkload[], wait: WaitOptions, deps: RolloutDeps): Promise<void> {
  const waited = await waitForWorkloads(entries, { ...wait, afterRollback: true }, deps);
  waited.forEach((result, index) => {
    const target = entries[index] as RollbackWorkload;
    target.status = result.status;
    target.seconds = result.seconds;
    target.diagnosis = result.diagnosis;
  });
}

import { firstLine } from '../errors.js';
import type { ObjectRef, PropagationPolicy } from '../k8s/client.js';
import { isConflict, KubeApiError } from '../k8s/api-error.js';
import { API_CONCURRENCY, mapLimit } from '../k8s/concurrency.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import { idOf, type KubernetesObject } from '../manifests/resource.js';
import { isCurrent } from '../rollout/status.js';
import { ApplyAbort, clip, type ApplyContext } from './context.js';
import { credentialProblemOf, credentialSentence } from './errors.js';
import { describe, ownerUids, selectorArgument, selectorMatches, selectorOf, uidOf, valueAt, type LabelSelector } from './objects.js';
import type { Planned } from './plan.js';
import type { Recreation } from './types.js';

/**
 * Re-creation of what the server refused because of immutable fields: delete exactly the objects it named (workloads
 * with orphan cascade, so their pods keep serving; never a PersistentVolumeClaim), apply each once more, then retire
 * the orphans a changed selector leaves without an owner once the new workload is ready.
 */

/** Kinds whose delete orphans their children (pods, ReplicaSets) instead of taking them along. */
export const ORPHANING_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet']);

/** The API's propagation policy of each cascade; the reports show these names. */
export const POLICY: Record<Recreation['cascade'], PropagationPolicy> = { orphan: 'Orphan', foreground: 'Foreground', background: 'Background' };

interface OrphanPlan {
  childKind: 'pod' | 'replicaset';
  namespace?: string;
  oldUid: string;
  oldSelector: LabelSelector;
  orphaned: string[];
  preserved: string[];
}

export function newRecreation(context: ApplyContext, entry: Planned, status: Recreation['status']): Recreation {
  const object = entry.object;
  const cascade: Recreation['cascade'] = object.kind === 'Job' ? 'foreground' : object.kind === 'Service' ? 'background' : 'orphan';
  const recreation: Recreation = {
    ...idOf(object),
    status,
    fields: entry.fields ?? [],
    serverMessage: context.redact(clip(entry.error?.message ?? '')),
    cascade,
    preserved: [],
    orphansRemoved: [],
    orphansLeft: [],
  };
  if (object.kind === 'Service') {
    const before = valueAt(entry.live, ['spec', 'clusterIP']);
    recreation.warning = `Service re-created: its clusterIP changes${typeof before === 'string' ? ` (was ${before})` : ''}; clients that resolved or cached the old address must reconnect.`;
  }
  if (object.kind === 'Job') recreation.warning = 'Job re-created: it runs again from the start (its old pods were deleted first).';
  return recreation;
}

/** Plan mode: what a re-creation would keep, from the live object alone. */
export function predictedPreservation(entry: Planned): string[] {
  if (!entry.live || !ORPHANING_KINDS.has(entry.object.kind)) return [];
  const keeps = selectorKeepsPods(entry.object, entry.live);
  const preserved = [keeps ? 'running pods (adopted by the new object)' : 'running pods until the new object is ready'];
  if (entry.object.kind === 'StatefulSet') preserved.push('PersistentVolumeClaims (never deleted)');
  return preserved;
}

/** Whether the new selector selects the pods the old object's template made. */
export function selectorKeepsPods(desired: KubernetesObject, live: KubernetesObject): boolean {
  const labels = valueAt(live, ['spec', 'template', 'metadata', 'labels']) as Record<string, string> | undefined;
  return selectorMatches(selectorOf(desired), labels);
}

export async function recreate(context: ApplyContext, entries: Planned[]): Promise<void> {
  const deleted: { entry: Planned; recreation: Recreation; orphans: OrphanPlan | undefined }[] = [];
  for (const entry of entries) {
    const recreation = newRecreation(context, entry, 'recreated');
    context.report.recreated.push(recreation);
    const id = describe(idOf(entry.object));
    const orphans = entry.live ? await planOrphans(context, entry.object, entry.live) : undefined;
    if (orphans) recreation.preserved.push(...orphans.preserved);
    context.logger.info(`Re-creating ${id}: ${entry.reason}`);
    const what = `deleting ${id} (cascade ${recreation.cascade}) to re-create it`;
    const failure = await deleteAndWait(context, entry, POLICY[recreation.cascade], what);
    if (failure) {
      recreation.status = 'failed';
      const reason = `${entry.reason}; then ${what} failed: ${failure}`;
      context.record(entry.object, 'failed', reason);
      context.fail(`${id}: ${reason}`);
      continue;
    }
    deleted.push({ entry, recreation, orphans });
  }
  if (deleted.length === 0) return;

  // Exactly one more apply of each deleted object: no loops.
  const answers = await mapLimit(deleted, API_CONCURRENCY, ({ entry }) =>
    context.ask(`re-applying ${describe(idOf(entry.object))}`, entry.object, () => context.kube.apply(entry.object)),
  );
  for (const [index, { entry, recreation, orphans }] of deleted.entries()) {
    const id = describe(idOf(entry.object));
    const second = answers[index]?.error;
    if (second) {
      recreation.status = 'failed';
      const reason = `still refused after re-creation. First: ${entry.reason}. After deleting it: "${context.redact(clip(second.message))}". It is now absent from the cluster; fix the manifest and deploy again.`;
      context.record(entry.object, 'failed', reason);
      context.fail(`${id}: ${reason}`);
      continue;
    }
    context.record(entry.object, 'recreated', entry.reason);
    if (recreation.warning) context.warn(`${id}: ${recreation.warning}`);
    if (orphans && orphans.orphaned.length > 0) await cleanupOrphans(context, entry.object, recreation, orphans);
  }
}

/**
 * Deletes the live object the server refused (by its uid: a same-named object created since is left alone) and waits
 * until it is gone, so the re-apply creates a new object instead of patching one that is being deleted. Returns why
 * it failed, or undefined.
 */
async function deleteAndWait(context: ApplyContext, entry: Planned, propagationPolicy: PropagationPolicy, what: string): Promise<string | undefined> {
  const ref = refOfLive(entry);
  const uid = uidOf(entry.live);
  try {
    await context.call(what, () => context.kube.delete(ref, { propagationPolicy, ...(uid ? { uid } : {}) }));
  } catch (error) {
    if (isConflict(error)) return undefined; // the uid precondition: that incarnation is already gone
    if (error instanceof KubeApiError) return `"${context.redact(clip(error.message))}"`;
    throw error;
  }
  const gone = await poll(context, `${describe(idOf(entry.object))} to be deleted`, context.readyTimeoutMs, 1000, async () => {
    const current = await context.call(`waiting for ${describe(idOf(entry.object))} to be deleted`, () => context.kube.get(ref));
    return !current || (uid !== undefined && uidOf(current) !== uid);
  });
  return gone ? undefined : `it was still being deleted after ${Math.round(context.readyTimeoutMs / 1000)}s`;
}

function refOfLive(entry: Planned): ObjectRef {
  const namespace = entry.object.metadata.namespace ?? entry.live?.metadata.namespace;
  return { apiVersion: entry.object.apiVersion, kind: entry.object.kind, name: entry.object.metadata.name, ...(namespace ? { namespace } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Orphans: cascade orphan keeps pods running; if the new selector does not select them, nothing adopts them.

async function planOrphans(context: ApplyContext, desired: KubernetesObject, live: KubernetesObject): Promise<OrphanPlan | undefined> {
  if (!ORPHANING_KINDS.has(desired.kind)) return undefined;
  const oldSelector = selectorOf(live);
  const oldUid = uidOf(live);
  if (!oldSelector || !oldUid) return undefined;
  const childKind = desired.kind === 'Deployment' ? 'replicaset' : 'pod';
  const namespace = desired.metadata.namespace ?? live.metadata.namespace;
  const what = `listing the ${childKind}s of ${describe(idOf(desired))}`;
  const all = await context.call(what, () => listChildren(context, childKind, namespace, oldSelector));
  const children = all.filter((child) => ownerUids(child).includes(oldUid));
  const newSelector = selectorOf(desired);
  const adopted = children.filter((child) => selectorMatches(newSelector, child.metadata.labels));
  const orphaned = children.filter((child) => !adopted.includes(child));
  const preserved = adopted.map((child) => `${childKind}/${child.metadata.name} (adopted by the new ${desired.kind})`);
  if (desired.kind === 'StatefulSet') preserved.push(...claimNames(live, children).map((claim) => `persistentvolumeclaim/${claim} (never deleted)`));
  return { childKind, ...(namespace ? { namespace } : {}), oldUid, oldSelector, orphaned: orphaned.map((child) => child.metadata.name), preserved };
}

/** The children the old selector selects: one LIST, read again before anything of them is deleted. */
async function listChildren(
  context: ApplyContext,
  childKind: OrphanPlan['childKind'],
  namespace: string | undefined,
  selector: LabelSelector,
): Promise<KubernetesObject[]> {
  const kind = childKind === 'replicaset' ? { apiVersion: 'apps/v1', kind: 'ReplicaSet' } : { apiVersion: 'v1', kind: 'Pod' };
  const { items } = await context.kube.list({ ...kind, ...(namespace ? { namespace } : {}) }, { labelSelector: selectorArgument(selector) });
  return items;
}

async function cleanupOrphans(context: ApplyContext, desired: KubernetesObject, recreation: Recreation, plan: OrphanPlan): Promise<void> {
  const id = describe(idOf(desired));
  await context.logger.group(`Orphans of ${id}`, async () => {
    if (desired.kind === 'StatefulSet') await replaceStatefulSetOrphans(context, desired, recreation, plan);
    else await retireOrphans(context, desired, recreation, plan);
  });
}

/** The unowned pod web-0 blocks the new web-0: replace them one at a time, in ordinal order. */
async function replaceStatefulSetOrphans(context: ApplyContext, desired: KubernetesObject, recreation: Recreation, plan: OrphanPlan): Promise<void> {
  const id = describe(idOf(desired));
  const pods = [...plan.orphaned].sort((a, b) => ordinal(a) - ordinal(b));
  // Ordinals the new StatefulSet will never create (it has fewer replicas): delete those orphans, wait for nothing.
  const spec = (desired.spec ?? {}) as { replicas?: number; ordinals?: { start?: number } };
  const first = Number(spec.ordinals?.start ?? 0);
  const wanted = (pod: string) => ordinal(pod) >= first && ordinal(pod) < first + Number(spec.replicas ?? 1);
  for (const [index, pod] of pods.entries()) {
    context.logger.info(`Replacing orphaned pod ${pod} so the new StatefulSet can create its own`);
    const outcome = await deleteStatefulSetOrphan(context, pod, plan);
    if (outcome.failed) {
      leaveOrphans(
        context,
        recreation,
        pods.slice(index).map((name) => `pod/${name}`),
        `deleting pod ${pod} failed: ${outcome.failed}`,
      );
      return;
    }
    if (outcome.removed) recreation.orphansRemoved.push(`pod/${pod}`);
    if (!wanted(pod)) continue;
    const ref = { apiVersion: 'v1', kind: 'Pod', name: pod, ...(plan.namespace ? { namespace: plan.namespace } : {}) };
    const ready = await waitFor(context, `pod ${pod} of the new StatefulSet ${id} to be ready`, ref, (replacement) => {
      const owners = replacement ? ownerUids(replacement) : [];
      return !!replacement && !owners.includes(plan.oldUid) && owners.length > 0 && isCurrent(replacement);
    });
    if (!ready) {
      leaveOrphans(
        context,
        recreation,
        pods.slice(index + 1).map((name) => `pod/${name}`),
        `pod ${pod} of the new StatefulSet did not become ready in time`,
      );
      return;
    }
  }
}

/**
 * Deletes one orphaned StatefulSet pod while it is still an orphan. Its name is reused: once it is gone the new
 * controller creates a pod of the same name, so the pod is re-read (by LIST with the old selector) and deleted only
 * by its uid: the new controller's pod is never deleted, even when the client retries the request.
 */
async function deleteStatefulSetOrphan(context: ApplyContext, pod: string, plan: OrphanPlan): Promise<{ removed: boolean; failed?: string }> {
  let found: KubernetesObject | undefined;
  try {
    found = (await listChildren(context, 'pod', plan.namespace, plan.oldSelector)).find((child) => child.metadata.name === pod);
  } catch (error) {
    return { removed: false, failed: failureText(context, `re-reading orphaned pod ${pod}`, error) };
  }
  const owners = found ? ownerUids(found).filter((uid) => uid !== plan.oldUid) : [];
  const uid = uidOf(found);
  if (!found || owners.length > 0 || !uid) {
    context.logger.info(`pod ${pod} is ${found ? 'owned by a controller now' : 'already gone'}; not deleting it`);
    return { removed: false };
  }
  const ref = { apiVersion: 'v1', kind: 'Pod', name: pod, ...(plan.namespace ? { namespace: plan.namespace } : {}) };
  try {
    return { removed: (await context.kube.delete(ref, { uid })) === 'deleted' };
  } catch (error) {
    // The uid precondition failed: the pod of that name is a new one now, not the orphan.
    if (isConflict(error)) return { removed: false };
    return { removed: false, failed: failureText(context, `deleting orphaned pod ${pod}`, error) };
  }
}

/**
 * Once the new workload is ready (kstatus Current: the rollout waiter's rule), delete the old children that are still
 * unowned (anything adopted meanwhile stays).
 */
async function retireOrphans(context: ApplyContext, desired: KubernetesObject, recreation: Recreation, plan: OrphanPlan): Promise<void> {
  const id = describe(idOf(desired));
  const ref = { apiVersion: desired.apiVersion, kind: desired.kind, name: desired.metadata.name, ...(plan.namespace ? { namespace: plan.namespace } : {}) };
  const ready = await waitFor(context, `the new ${id} to be ready`, ref, isCurrent);
  const refs = plan.orphaned.map((name) => `${plan.childKind}/${name}`);
  if (!ready) {
    leaveOrphans(context, recreation, refs, `the new ${desired.kind} did not become ready in time; the old ${plan.childKind}s keep serving`);
    return;
  }
  const children = await context.call(`re-reading the orphans of ${id}`, () => listChildren(context, plan.childKind, plan.namespace, plan.oldSelector));
  const stillOrphaned = children.filter((child) => plan.orphaned.includes(child.metadata.name) && ownerUids(child).length === 0);
  for (const child of stillOrphaned) {
    const childRef = `${plan.childKind}/${child.metadata.name}`;
    const uid = uidOf(child);
    try {
      const outcome = await context.kube.delete(
        { apiVersion: child.apiVersion, kind: child.kind, name: child.metadata.name, ...(plan.namespace ? { namespace: plan.namespace } : {}) },
        { ...(uid ? { uid } : {}), ...(plan.childKind === 'replicaset' ? { propagationPolicy: 'Background' as const } : {}) },
      );
      if (outcome === 'deleted') recreation.orphansRemoved.push(childRef);
    } catch (error) {
      if (isConflict(error)) continue;
      leaveOrphans(context, recreation, [childRef], `deleting ${childRef} failed: ${failureText(context, `deleting orphaned ${childRef}`, error)}`);
    }
  }
}

/** A failed cleanup request as quoted text (the orphans are reported, not lost); credentials still stop the run. */
function failureText(context: ApplyContext, what: string, error: unknown): string {
  const credentials = credentialProblemOf(error);
  if (credentials) throw new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
  if (error instanceof KubeApiError || error instanceof ClusterUnreachableError) return `"${context.redact(firstLine(error.message))}"`;
  throw error;
}

function leaveOrphans(context: ApplyContext, recreation: Recreation, refs: string[], why: string): void {
  recreation.orphansLeft.push(...refs);
  if (refs.length === 0) return;
  context.fail(
    `${describe(recreation)}: orphaned ${refs.join(', ')} still running without an owner: ${why}. Delete them once the new ${recreation.kind} is ready (kubectl delete ${refs.join(' ')}${recreation.namespace ? ` -n ${recreation.namespace}` : ''}).`,
  );
}

/** Polls one object (GET) until `done`, within the ready timeout, through the injected clock. */
async function waitFor(context: ApplyContext, what: string, ref: ObjectRef, done: (current: KubernetesObject | undefined) => boolean): Promise<boolean> {
  return poll(context, what, context.readyTimeoutMs, 2000, async () => done(await context.call(`waiting for ${what}`, () => context.kube.get(ref))));
}

export async function poll(context: ApplyContext, what: string, limitMs: number, intervalMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const { clock, logger } = context;
  const start = clock.now().getTime();
  let polls = 0;
  for (;;) {
    if (await check()) return true;
    const elapsed = clock.now().getTime() - start;
    if (elapsed >= limitMs) return false;
    if (polls++ % 5 === 0) logger.info(`Waiting for ${what} (${Math.round(elapsed / 1000)}s of ${Math.round(limitMs / 1000)}s)`);
    await clock.sleep(intervalMs);
  }
}

function claimNames(live: KubernetesObject, pods: KubernetesObject[]): string[] {
  const templates = (valueAt(live, ['spec', 'volumeClaimTemplates']) as { metadata?: { name?: string } }[] | undefined) ?? [];
  return templates.flatMap((template) => pods.map((pod) => `${template.metadata?.name ?? ''}-${pod.metadata.name}`));
}

function ordinal(pod: string): number {
  const match = /-(\d+)$/.exec(pod);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

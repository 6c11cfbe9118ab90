import { isDeepStrictEqual } from 'node:util';
import { API_CONCURRENCY, mapLimit } from '../k8s/concurrency.js';
import { idOf, type KubernetesObject } from '../manifests/resource.js';
import { refKey } from '../rollout/types.js';
import { clip, type Answer, type ApplyContext } from './context.js';
import { allowedStatefulSetFields, classifyObjectError, type ObjectError } from './errors.js';
import { readLive, readLivePlaced } from './live.js';
import { appliedClientSide, describe, differences, hasDrifted, keyOf, parseFieldPath, valueAt } from './objects.js';

/**
 * The plan of one stage: what the server would do with each object, from the live state and one server-side dry run
 * per object, judged under the environment's immutable-field policy. Nothing here changes the cluster.
 */

export type Prediction = 'create' | 'configure' | 'unchanged' | 'recreate' | 'blocked' | 'rejected';

export interface Planned {
  object: KubernetesObject;
  live?: KubernetesObject;
  prediction: Prediction;
  reason?: string;
  error?: ObjectError;
  fields?: string[];
}

/** Workloads whose pod template a rollback restores. */
const TEMPLATED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export async function planStage(context: ApplyContext, objects: KubernetesObject[]): Promise<Planned[]> {
  const live = await readLive(context, objects);
  const answers = await dryRun(context, objects);
  const unplaced = objects.filter((object) => !object.metadata.namespace && !live.has(keyOf(object)));
  const placed = await readLivePlaced(context, unplaced, (object) => answers.get(keyOf(object))?.result?.metadata.namespace);
  for (const [key, object] of placed) live.set(key, object);

  for (const object of objects) rememberTemplate(context, object, live.get(keyOf(object)), answers.get(keyOf(object))?.result);
  return objects.map((object) => predict(context, object, live.get(keyOf(object)), answers.get(keyOf(object))));
}

/** One server-side dry run per object (16 in flight): every answer, refusal included, is about that object alone. */
async function dryRun(context: ApplyContext, objects: KubernetesObject[]): Promise<Map<string, Answer>> {
  const answers = await mapLimit(objects, API_CONCURRENCY, (object) =>
    context.ask(`server-side dry run of ${describe(idOf(object))}`, object, () => context.kube.apply(object, { dryRun: true })),
  );
  return new Map(answers.map((answer) => [keyOf(answer.object), answer]));
}

function predict(context: ApplyContext, object: KubernetesObject, current: KubernetesObject | undefined, answer: Answer | undefined): Planned {
  if (answer?.error) return judge(context, object, current, answer.error);
  if (!current) return { object, prediction: 'create' };
  const result = answer?.result;
  if (!result) return { object, live: current, prediction: 'rejected', reason: 'the server-side dry run returned no result for this object' };
  if (object.kind === 'Service' && valueAt(current, ['spec', 'clusterIP']) === 'None' && valueAt(object, ['spec', 'clusterIP']) === undefined) {
    context.warn(
      `${describe(idOf(object))} stays headless (clusterIP: None): its manifest no longer sets clusterIP, but the server keeps a Service's clusterIP, so applying cannot give it a virtual IP. If that is intended, delete the Service by hand and deploy again; otherwise put "clusterIP: None" back into the manifest.`,
    );
  }
  // Last applied client-side: kubectl-client-side-apply may still own fields the manifest dropped while the dry run
  // looks equal, so the object counts as changed (see appliedClientSide).
  const changes = hasDrifted(current, result) || appliedClientSide(current);
  return { object, live: current, prediction: changes ? 'configure' : 'unchanged' };
}

/**
 * Keeps a workload's live pod template from before the apply: the revision a failed rollout goes back to. Without
 * a dry-run result (the server refused the object: it is re-created) the template counts as changed, so a
 * rollback may restore it; restoring an equal template changes nothing.
 */
function rememberTemplate(context: ApplyContext, object: KubernetesObject, current: KubernetesObject | undefined, dryRun: KubernetesObject | undefined): void {
  if (!TEMPLATED_KINDS.has(object.kind)) return;
  const key = refKey(idOf(object));
  const before = valueAt(current, ['spec', 'template']);
  if (!current || before === undefined) {
    context.report.templatesBefore.set(key, { changed: true });
    return;
  }
  const after = dryRun ? valueAt(dryRun, ['spec', 'template']) : undefined;
  context.report.templatesBefore.set(key, { template: before, changed: !dryRun || !isDeepStrictEqual(before, after) });
}

/** What a refusal means for this object under the environment's policy. */
export function judge(context: ApplyContext, object: KubernetesObject, live: KubernetesObject | undefined, error: ObjectError): Planned {
  const serverSays = `server: "${context.redact(clip(error.message))}"`;
  const fields = blockingFields(error, object, live);
  const fieldText = fields.join(', ');
  const id = describe(idOf(object));
  const refused = (reason: string): Planned => ({ object, live, error, fields, prediction: 'blocked', reason });
  switch (classifyObjectError(error)) {
    case 'recreatable':
      if (context.policy === 'recreate')
        return { object, live, error, fields, prediction: 'recreate', reason: `immutable field ${fieldText} changed; ${serverSays}` };
      return refused(
        `immutable field ${fieldText} of ${id} blocks the change and immutable_recovery is "fail"; change it back or recreate ${id} deliberately; ${serverSays}`,
      );
    case 'pvc':
      return refused(`${pvcGuidance(error, fieldText)} ${serverSays}`);
    case 'immutable':
      return refused(`field ${fieldText} cannot change and k8sapp never re-creates a ${object.kind}: ${immutableGuidance(object.kind)} ${serverSays}`);
    default:
      if (error.reason === 'UnknownKind') return { object, live, error, prediction: 'rejected', reason: error.message };
      return { object, live, error, prediction: 'rejected', reason: `the server rejected it: "${context.redact(clip(error.message))}"` };
  }
}

/** Which field(s) an immutable error is about, with old → new values where the manifest shows them. */
export function blockingFields(error: ObjectError, desired: KubernetesObject, live: KubernetesObject | undefined): string[] {
  const fields: string[] = [];
  const secret = desired.kind === 'Secret';
  const show = (difference: { path: string; desired: unknown; live: unknown }) => {
    const scalar = (value: unknown): value is string | number | boolean | bigint | null | undefined =>
      value === undefined || value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
    if (secret || !scalar(difference.desired) || !scalar(difference.live)) return difference.path;
    const text = `${String(difference.live ?? '(unset)')} → ${String(difference.desired)}`;
    return text.length > 80 ? difference.path : `${difference.path} (${text})`;
  };
  for (const cause of error.causes) {
    if (!live) {
      if (cause.field) fields.push(cause.field);
      continue;
    }
    const allowed = error.kind === 'StatefulSet' && cause.field === 'spec' ? allowedStatefulSetFields(cause.detail) : [];
    let found: { path: string; desired: unknown; live: unknown }[];
    if (allowed.length > 0) {
      const spec = { ...((desired.spec as Record<string, unknown>) ?? {}) };
      for (const key of allowed) delete spec[key];
      found = differences(spec, live.spec, 'spec');
    } else {
      const path = parseFieldPath(cause.field);
      found = differences(valueAt(desired, path), valueAt(live, path), cause.field);
    }
    if (found.length === 0) fields.push(cause.field || '(unknown field)');
    else fields.push(...found.slice(0, 5).map(show));
  }
  return [...new Set(fields)];
}

function pvcGuidance(error: ObjectError, fields: string): string {
  const shrink = error.causes.some((cause) => cause.field === 'spec.resources.requests.storage');
  const advice = shrink
    ? 'a PersistentVolumeClaim can only grow: restore the previous size, or create a new claim and migrate the data'
    : 'a PersistentVolumeClaim only allows resources.requests to grow (on a bound claim whose StorageClass allows expansion); storageClassName, accessModes and the rest cannot change: restore the previous value, or create a new claim under a new name and migrate the data';
  return `${fields} cannot change: ${advice}. k8sapp never deletes a PersistentVolumeClaim (its data would be lost).`;
}

function immutableGuidance(kind: string): string {
  if (kind === 'ConfigMap' || kind === 'Secret') {
    return `an immutable ${kind} cannot be edited; give it a new name (e.g. a kustomize generator with a hash suffix) or remove "immutable: true" and delete it by hand.`;
  }
  if (kind === 'Pod') return 'a bare Pod cannot change this field; manage it with a Deployment or delete the Pod by hand.';
  return `delete ${kind} by hand if re-creating it is safe.`;
}

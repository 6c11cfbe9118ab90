import { valueAt } from '../apply/objects.js';
import { credentialProblemOf, credentialSentence } from '../apply/errors.js';
import { firstLine } from '../errors.js';
import { KubeApiError } from '../k8s/api-error.js';
import { FIELD_MANAGER, groupOfApiVersion, type KindRef, type KubeClient, type ObjectRef } from '../k8s/client.js';
import { builtInKindOf } from '../k8s/kinds.js';
import type { Clock, Logger } from '../log.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { DEFAULT_RELEASE_NAMESPACE, listReleases, type ReleaseRecord } from '../rollout/releases.js';
import { entryKey, entryObject, PRUNE_ANNOTATION, PRUNE_ALLOW, type InventoryEntry } from './inventory.js';

/**
 * Prune: after a deploy that fully succeeded and was recorded, delete what the previous release's inventory holds and
 * this deploy no longer renders — only objects k8sapp still owns, in the reverse order of apply, never the data.
 * Pure core: cluster calls through `kube`, time through `clock`. See docs/deploy.md "Prune".
 */

export type PruneAction = 'pruned' | 'would-prune' | 'kept' | 'left-alone' | 'gone' | 'failed';

export interface PruneRow {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  action: PruneAction;
  /** Why it was kept or left alone, what went wrong, or what a pruned object left behind. */
  reason?: string;
}

export interface PruneReport {
  /**
   * succeeded: every candidate was handled (pruned, kept, left alone or already gone); planned: dry run; skipped: there
   * was nothing to compare with (no earlier release, or one that predates the inventory); failed: a deletion failed
   * or did not finish in time.
   */
  status: 'succeeded' | 'planned' | 'skipped' | 'failed';
  message: string;
  /** The release whose inventory was compared with this deploy. */
  previousRevision?: number;
  objects: PruneRow[];
}

export interface PruneRequest {
  environment: string;
  /** The newest release before this deploy. */
  previous: ReleaseRecord | undefined;
  /** Every object the overlay rendered this time, all services (not only the deployed ones). */
  rendered: readonly KubernetesObject[];
  /** The deploy's service selection (apply's `serviceSelection`): a reason when an object's service is not deployed. */
  notDeployed: (object: KubernetesObject) => string | undefined;
  dryRun: boolean;
  /** Bound on waiting for one stage's deletions to finish (default 120 s). */
  timeoutSeconds?: number;
  /** Poll interval while waiting (default 2 s). */
  pollSeconds?: number;
}

export interface PruneDependencies {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
}

/** Deletion order: the reverse of apply. Each stage's deletions finish (objects gone) before the next starts. */
export const PRUNE_STAGES: readonly { name: string; kinds: ReadonlySet<string> | 'rest' }[] = [
  { name: 'workloads', kinds: new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet', 'Pod']) },
  { name: 'Services', kinds: new Set(['Service']) },
  { name: 'ConfigMaps, Secrets and the rest', kinds: 'rest' },
  { name: 'CustomResourceDefinitions and Namespaces', kinds: new Set(['CustomResourceDefinition', 'Namespace']) },
];

/** Kinds prune never deletes unless the manifest in the previous release carried `k8sapp.io/prune: allow`. */
export const PROTECTED_KINDS: ReadonlySet<string> = new Set(['PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'CustomResourceDefinition']);
/** Never deleted, whatever any annotation says: the data lives there. */
const NEVER_DELETED = 'PersistentVolumeClaim';

/**
 * Field managers whose entries do not make an object someone else's: the control plane's own (they write status and
 * bookkeeping such as a Deployment's revision annotation or a claim's binding) and k8sapp's other managers (release
 * and migration records, prefixed `k8sapp-`). Entries on the `status` subresource never count.
 */
export const SYSTEM_MANAGERS: ReadonlySet<string> = new Set(['kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-apiserver']);

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
}

/**
 * Whether the live object is still k8sapp's, decided from metadata.managedFields: an entry of the field manager
 * `k8sapp` on the main resource, and no entry of any other manager on it (status-subresource entries, the control
 * plane's managers and k8sapp's own `k8sapp-…` managers aside). Returns why not, or undefined when it is k8sapp's.
 */
export function notOwnedBecause(live: KubernetesObject): string | undefined {
  const entries = (valueAt(live, ['metadata', 'managedFields']) as ManagedFieldsEntry[] | undefined) ?? [];
  const main = entries.filter((entry) => !entry.subresource);
  if (!main.some((entry) => entry.manager === FIELD_MANAGER)) {
    return `not applied by k8sapp any more (no "${FIELD_MANAGER}" field manager on it)`;
  }
  const others = entries
    .filter((entry) => entry.subresource !== 'status')
    .map((entry) => entry.manager ?? '(unnamed)')
    .filter((manager) => manager !== FIELD_MANAGER && !manager.startsWith(`${FIELD_MANAGER}-`) && !SYSTEM_MANAGERS.has(manager));
  if (others.length === 0) return undefined;
  return `edited by ${[...new Set(others)].join(', ')}`;
}

export async function prune(request: PruneRequest, deps: PruneDependencies): Promise<PruneReport> {
  const { previous, environment } = request;
  if (!previous) return { status: 'skipped', message: `No earlier release of ${environment} is recorded: nothing to prune.`, objects: [] };
  const base = { previousRevision: previous.revision };
  if (previous.inventoryVersion === undefined || !Array.isArray(previous.inventory)) {
    return {
      ...base,
      status: 'skipped',
      message:
        `Release ${previous.revision} of ${environment} was recorded before k8sapp kept an inventory: nothing is pruned this time (there is no ` +
        `inventory to trust yet). ${request.dryRun ? 'The next real deploy records one' : 'This deploy recorded one'}, so the deploy after it can prune.`,
      objects: [],
    };
  }
  const rendered = new Set(
    request.rendered.map((object) =>
      entryKey({ kind: object.kind, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}), name: object.metadata.name }),
    ),
  );
  // Objects of services this deploy did not deploy (--service, disabled) are not candidates: their deploy decides.
  const candidates = previous.inventory.filter((entry) => !rendered.has(entryKey(entry)) && request.notDeployed(entryObject(entry)) === undefined);
  if (candidates.length === 0) {
    return {
      ...base,
      status: request.dryRun ? 'planned' : 'succeeded',
      message: `Nothing to prune: every object of release ${previous.revision} is still rendered (or belongs to a service not deployed this time).`,
      objects: [],
    };
  }
  return new PruneRun(request, deps).run(candidates, base.previousRevision);
}

class PruneRun {
  private readonly rows = new Map<InventoryEntry, PruneRow>();

  constructor(
    private readonly request: PruneRequest,
    private readonly deps: PruneDependencies,
  ) {}

  async run(candidates: InventoryEntry[], previousRevision: number): Promise<PruneReport> {
    const live = await this.readLive(candidates);
    const toDelete: InventoryEntry[] = [];
    for (const entry of candidates) {
      if (this.rows.has(entry)) continue;
      const object = live.get(entry);
      const verdict = object ? await this.judge(entry, object) : { action: 'gone' as const, reason: 'already deleted' };
      if (verdict) this.row(entry, verdict.action, verdict.reason);
      else toDelete.push(entry);
    }
    if (this.request.dryRun) {
      for (const entry of toDelete) this.row(entry, 'would-prune', this.leavesBehind(entry, live.get(entry)));
    } else {
      for (const stage of PRUNE_STAGES) {
        const batch = toDelete.filter((entry) => stageOf(entry.kind) === stage);
        if (batch.length > 0) await this.deps.logger.group(`Prune ${stage.name} (${batch.length})`, () => this.deleteStage(batch, live));
      }
    }
    const objects = candidates.map((entry) => this.rows.get(entry) as PruneRow);
    const failed = objects.filter((row) => row.action === 'failed');
    const counts = countRows(objects);
    return {
      status: failed.length ? 'failed' : this.request.dryRun ? 'planned' : 'succeeded',
      message: `${this.request.dryRun ? 'Prune plan' : 'Prune'} against release ${previousRevision}: ${counts}.`,
      previousRevision,
      objects,
    };
  }

  /**
   * One LIST per kind and namespace (managedFields come with it), never a GET per name: a single candidate is listed
   * with a `metadata.name` field selector. The objects are matched to the entries by name.
   */
  private async readLive(candidates: InventoryEntry[]): Promise<Map<InventoryEntry, KubernetesObject>> {
    const live = new Map<InventoryEntry, KubernetesObject>();
    for (const entries of groupByKind(candidates)) {
      const first = entries[0] as InventoryEntry;
      let items: KubernetesObject[];
      try {
        items = await this.listOf(entries);
      } catch (error) {
        this.abortOnCredentials(error, `reading ${describeKind(first)} ${entries.map((e) => e.name).join(', ')}`);
        for (const entry of entries) this.row(entry, 'failed', `could not be read, so it was not pruned: ${describeError(error)}`);
        continue;
      }
      for (const entry of entries) {
        const found = items.find((item) => item.metadata.name === entry.name);
        if (found) live.set(entry, found);
      }
    }
    return live;
  }

  /** The live objects of one kind and namespace that these entries (all of that kind and namespace) may be. */
  private async listOf(entries: InventoryEntry[]): Promise<KubernetesObject[]> {
    const first = entries[0] as InventoryEntry;
    const kind: KindRef = { apiVersion: this.apiVersionOf(first), kind: first.kind, ...(first.namespace ? { namespace: first.namespace } : {}) };
    const names = new Set(entries.map((entry) => entry.name));
    const list = await this.deps.kube.list(kind, names.size === 1 ? { fieldSelector: `metadata.name=${first.name}` } : {});
    return list.items.filter((item) => names.has(item.metadata.name));
  }

  /**
   * The inventory keeps the API group, not the version: the version this deploy renders for that kind, else the
   * built-in kind's, else `v1` (a custom resource no longer rendered; discovery says whether the server serves it).
   */
  private apiVersionOf(entry: InventoryEntry): string {
    const rendered = this.request.rendered.find((object) => object.kind === entry.kind && groupOfApiVersion(object.apiVersion) === entry.group);
    if (rendered) return rendered.apiVersion;
    const builtIn = builtInKindOf(entry.group, entry.kind);
    if (builtIn) return builtIn.apiVersion;
    return entry.group ? `${entry.group}/v1` : 'v1';
  }

  private refOf(entry: InventoryEntry): ObjectRef {
    return { apiVersion: this.apiVersionOf(entry), kind: entry.kind, name: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) };
  }

  /** Why an object is not deleted (kept, left alone, gone), or undefined when it may be. */
  private async judge(entry: InventoryEntry, live: KubernetesObject): Promise<{ action: PruneAction; reason: string } | undefined> {
    if (live.metadata.deletionTimestamp) return { action: 'gone', reason: 'already being deleted' };
    if (entry.kind === NEVER_DELETED) {
      return {
        action: 'kept',
        reason: 'protected: k8sapp never deletes a PersistentVolumeClaim (its data would be lost); delete it by hand once the data is not needed',
      };
    }
    if (PROTECTED_KINDS.has(entry.kind) && !entry.pruneAllowed) {
      return {
        action: 'kept',
        reason: `protected: a ${entry.kind} is never pruned unless its manifest carried the annotation ${PRUNE_ANNOTATION}: ${PRUNE_ALLOW} when it was last deployed`,
      };
    }
    const foreign = notOwnedBecause(live);
    if (foreign) return { action: 'left-alone', reason: foreign };
    const deleteClaims = valueAt(live, ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted']);
    if (entry.kind === 'StatefulSet' && deleteClaims === 'Delete') {
      return {
        action: 'kept',
        reason:
          'protected: its persistentVolumeClaimRetentionPolicy.whenDeleted is Delete, so deleting it would delete its PersistentVolumeClaims; set it to Retain (or delete it by hand) first',
      };
    }
    if (entry.kind === 'Namespace') {
      let names: string[];
      try {
        const claims = await this.deps.kube.list({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: entry.name });
        names = claims.items.map((claim) => claim.metadata.name);
      } catch (error) {
        this.abortOnCredentials(error, `listing the PersistentVolumeClaims of Namespace ${entry.name}`);
        return { action: 'kept', reason: `protected: cannot tell whether it holds PersistentVolumeClaims (${describeError(error)})` };
      }
      if (names.length > 0) {
        return { action: 'kept', reason: `protected: deleting it would delete its PersistentVolumeClaims ${names.join(', ')}, and k8sapp never deletes one` };
      }
    }
    return undefined;
  }

  /** What a deletion leaves behind on purpose (the summary says so). */
  private leavesBehind(entry: InventoryEntry, live: KubernetesObject | undefined): string | undefined {
    if (entry.kind !== 'StatefulSet' || !live) return undefined;
    const templates = (valueAt(live, ['spec', 'volumeClaimTemplates']) as { metadata?: { name?: string } }[] | undefined) ?? [];
    if (templates.length === 0) return undefined;
    const replicas = Number(valueAt(live, ['spec', 'replicas']) ?? 1);
    const claims = templates.flatMap((t) => Array.from({ length: Math.max(replicas, 1) }, (_, i) => `${t.metadata?.name ?? ''}-${entry.name}-${i}`));
    return `its PersistentVolumeClaims stay (${claims.join(', ')}): k8sapp never deletes them; delete them by hand once the data is not needed`;
  }

  /**
   * Deletes a stage (background cascade: pods go with their workload; only the incarnation that was judged, by uid)
   * and waits, bounded, until every object is gone.
   */
  private async deleteStage(batch: InventoryEntry[], live: Map<InventoryEntry, KubernetesObject>): Promise<void> {
    const { kube, logger, clock } = this.deps;
    const requested: InventoryEntry[] = [];
    for (const entry of batch) {
      if (entry.kind === NEVER_DELETED) throw new Error(`bug: prune was about to delete PersistentVolumeClaim ${entry.name}`);
      const uid = live.get(entry)?.metadata.uid;
      try {
        await kube.delete(this.refOf(entry), { propagationPolicy: 'Background', ...(typeof uid === 'string' ? { uid } : {}) });
      } catch (error) {
        this.abortOnCredentials(error, `deleting ${describeEntry(entry)}`);
        this.row(entry, 'failed', `delete failed: ${describeError(error)}`);
        continue;
      }
      logger.info(`deleted ${describeEntry(entry)}`);
      requested.push(entry);
    }
    const limitMs = (this.request.timeoutSeconds ?? 120) * 1000;
    const start = clock.now().getTime();
    let pending = requested;
    for (let poll = 0; pending.length > 0; poll++) {
      pending = await this.stillThere(pending);
      if (pending.length === 0) break;
      const elapsed = clock.now().getTime() - start;
      if (elapsed >= limitMs) break;
      if (poll % 5 === 0)
        logger.info(
          `waiting for ${pending.length} deletion(s) to finish: ${pending.map(describeEntry).join(', ')} (${Math.round(elapsed / 1000)} s of ${limitMs / 1000} s)`,
        );
      await clock.sleep((this.request.pollSeconds ?? 2) * 1000);
    }
    for (const entry of requested) {
      if (pending.includes(entry)) {
        this.row(
          entry,
          'failed',
          `deletion requested but the object was still there after ${limitMs / 1000} s (a finalizer may hold it); the next stages went ahead`,
        );
      } else {
        this.row(entry, 'pruned', this.leavesBehind(entry, live.get(entry)));
      }
    }
  }

  private async stillThere(entries: InventoryEntry[]): Promise<InventoryEntry[]> {
    const left: InventoryEntry[] = [];
    for (const group of groupByKind(entries)) {
      try {
        const items = await this.listOf(group);
        left.push(...group.filter((entry) => items.some((item) => item.metadata.name === entry.name)));
      } catch {
        // Cannot tell (a read that failed even after the client's retries): still there, until the bound says otherwise.
        left.push(...group);
      }
    }
    return left;
  }

  private abortOnCredentials(error: unknown, what: string): void {
    const credentials = credentialProblemOf(error);
    if (credentials) throw new PruneAbort(`${what}: ${credentialSentence(credentials)}`);
  }

  private row(entry: InventoryEntry, action: PruneAction, reason?: string): void {
    this.rows.set(entry, {
      group: entry.group,
      kind: entry.kind,
      ...(entry.namespace ? { namespace: entry.namespace } : {}),
      name: entry.name,
      action,
      ...(reason ? { reason } : {}),
    });
  }
}

/** Credentials or permissions stop the prune at once: nothing after it would fare better. */
export class PruneAbort extends Error {
  override name = 'PruneAbort';
}

function stageOf(kind: string): (typeof PRUNE_STAGES)[number] {
  return (
    PRUNE_STAGES.find((stage) => stage.kinds !== 'rest' && stage.kinds.has(kind)) ??
    (PRUNE_STAGES.find((stage) => stage.kinds === 'rest') as (typeof PRUNE_STAGES)[number])
  );
}

function describeEntry(entry: { kind: string; namespace?: string; name: string }): string {
  return `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name}`;
}

/** Entries grouped by API group, kind and namespace (one LIST each), in their first order. */
function groupByKind(entries: readonly InventoryEntry[]): InventoryEntry[][] {
  const groups = new Map<string, InventoryEntry[]>();
  for (const entry of entries) {
    const key = `${entry.group}\u0000${entry.kind}\u0000${entry.namespace ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.values()];
}

/** `deployments.apps in apps`, for messages. */
function describeKind(entry: InventoryEntry): string {
  return `${entry.kind}${entry.group ? `.${entry.group}` : ''}${entry.namespace ? ` in ${entry.namespace}` : ''}`;
}

/** The server's reason and message (`Forbidden: …`), or the error's own message; one line, clipped. */
function describeError(error: unknown): string {
  const text = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
  return firstLine(text);
}

/** `2 pruned, 1 kept` — for messages. */
export function countRows(rows: readonly PruneRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.action, (counts.get(row.action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} ${action}`).join(', ') || 'nothing';
}

/** What reading the release store takes (the release store's own dependencies). */

/**
 * The dry run of prune against the newest recorded release: what `k8sapp plan` and a deploy's dry run show. Reads
 * only (the release record and the candidates' live objects).
 */
export async function planPrune(
  request: Omit<PruneRequest, 'previous' | 'dryRun'> & { releaseNamespace?: string },
  deps: PruneDependencies & { kube: KubeClient },
): Promise<PruneReport> {
  const { releaseNamespace, ...rest } = request;
  const [newest] = await listReleases({ environment: request.environment, namespace: releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE }, deps);
  return prune({ ...rest, previous: newest, dryRun: true }, deps);
}

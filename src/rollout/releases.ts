import { createHash } from 'node:crypto';
import { credentialProblemOf, credentialSentence } from '../apply/errors.js';
import { EnvironmentError } from '../errors.js';
import { isAlreadyExists, isConflict, KubeApiError } from '../k8s/api-error.js';
import type { KubeClient } from '../k8s/client.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubernetesObject } from '../manifests/resource.js';
import { entryKey, INVENTORY_VERSION, inventoryEntry, uniqueEntries, type InventoryEntry } from '../prune/inventory.js';

/**
 * Release records: after each successful rollout the rendered manifests (Secrets stripped entirely) are kept in the
 * cluster, in one ConfigMap per environment, so `rollback: release` can restore ConfigMaps/Services/… that
 * `rollout undo` does not touch. Layout: data["releases.json"] = index (newest first); binaryData["r<N>.yaml.gz"] =
 * the gzip'd YAML stream.
 */
export interface ReleaseRecord {
  revision: number;
  /** Git commit the release was rendered from. */
  sha: string;
  /** ISO time it was recorded. */
  time: string;
  /** sha256 of the stored (Secret-free) manifest stream. */
  digest: string;
  /** Objects stored. */
  objects: number;
  /** `namespace/name` of Secrets left out (values are never recorded). */
  strippedSecrets: string[];
  /** Compressed bytes stored for it. */
  bytes: number;
  /** Images pinned by the preflight (pin_digests): as written → the digest deployed. */
  images?: { image: string; digest: string }[];
  /**
   * Marks a record that carries an inventory (INVENTORY_VERSION); absent on records written before prune existed,
   * which prune does not trust.
   */
  inventoryVersion?: number;
  /** Identities of every object the deploy left in the cluster, Secrets included (identities only, never values). */
  inventory?: InventoryEntry[];
}

export interface ReleaseStoreOptions {
  environment: string;
  /** Namespace of the ConfigMap; default `default`. */
  namespace?: string;
  /** ConfigMap name; default `k8sapp-releases-<environment>`. */
  name?: string;
}

/** Releases kept per environment (oldest dropped first). */
export const DEFAULT_KEEP_RELEASES = 10;
/**
 * Budget for the ConfigMap's data + binaryData (base64 as sent), below the API server's 1 MiB limit on a
 * ConfigMap's contents so metadata and managedFields still fit.
 */
export const RELEASE_BYTES_LIMIT = 900 * 1024;
export const DEFAULT_RELEASE_NAMESPACE = 'default';
const INDEX_KEY = 'releases.json';
const RELEASE_FIELD_MANAGER = 'k8sapp-releases';

/** The release store (a ConfigMap in the cluster) cannot be read or written, or holds no usable release. */
export class ReleaseStoreError extends EnvironmentError {
  constructor(message: string) {
    super(message, 'release-store');
    this.name = 'ReleaseStoreError';
  }
}

export function releaseConfigMapName(options: ReleaseStoreOptions): string {
  return options.name ?? `k8sapp-releases-${options.environment}`;
}

const releaseKey = (revision: number) => `r${revision}.yaml.gz`;

/**
 * Removes every Secret from a rendered YAML stream; returns the rest, the Secrets left out and the inventory of all of
 * them (Secrets by identity).
 */
export function stripSecrets(manifests: string | readonly KubernetesObject[]): {
  manifests: string;
  objects: KubernetesObject[];
  stripped: string[];
  inventory: InventoryEntry[];
} {
  const kept: KubernetesObject[] = [];
  const stripped: string[] = [];
  const inventory: InventoryEntry[] = [];
  const visit = (object: KubernetesObject) => {
    if (object.kind === 'List' && Array.isArray((object as { items?: unknown }).items)) {
      for (const item of (object as unknown as { items: KubernetesObject[] }).items) visit(item);
      return;
    }
    if (object.metadata?.name) inventory.push(inventoryEntry(object));
    if (object.kind === 'Secret') {
      stripped.push(`${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`.replace(/^\//, ''));
    } else {
      kept.push(object);
    }
  };
  // Objects the pipeline already holds are taken as they are (no YAML round trip); a stream (CLI, action input) is parsed.
  if (typeof manifests !== 'string') for (const object of manifests) visit(object);
  else
    for (const document of parseAllDocuments(manifests)) {
      if (document.errors.length) throw new ReleaseStoreError(`cannot parse manifests: ${document.errors[0]?.message}`);
      const value = document.toJS() as KubernetesObject | null;
      if (value && typeof value === 'object' && typeof value.kind === 'string') visit(value);
    }
  return { manifests: kept.map((object) => stringify(object)).join('---\n'), objects: kept, stripped, inventory: uniqueEntries(inventory) };
}

interface StoredConfigMap {
  index: ReleaseRecord[];
  binaryData: Record<string, string>;
  /** The ConfigMap as read (its metadata.resourceVersion is the write's precondition); absent when there is none yet. */
  object?: KubernetesObject;
}

/** Attempts to record a release when another writer changed the ConfigMap between our read and our write. */
export const RECORD_ATTEMPTS = 3;

const storeRef = (options: ReleaseStoreOptions) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: releaseConfigMapName(options),
  namespace: options.namespace ?? DEFAULT_RELEASE_NAMESPACE,
});

/** A refusal of the release store as one sentence: rejected credentials or RBAC say so; no answer at all is one sentence. */
function storeFailure(error: unknown, what: string, notDone: string): Error {
  if (error instanceof ClusterUnreachableError) return new ClusterUnreachableError(error.unreachable, notDone);
  if (!(error instanceof KubeApiError)) return error instanceof Error ? error : new Error(String(error));
  const credentials = credentialProblemOf(error);
  return new ReleaseStoreError(`${what}: ${credentials ? credentialSentence(credentials) : error.message}`);
}

async function readStore(options: ReleaseStoreOptions, kube: KubeClient): Promise<StoredConfigMap> {
  let configMap: KubernetesObject | undefined;
  try {
    configMap = await kube.get(storeRef(options));
  } catch (error) {
    throw storeFailure(error, 'cannot read release records', `no release record of ${options.environment} was read`);
  }
  if (!configMap) return { index: [], binaryData: {} };
  const { data, binaryData } = configMap as { data?: Record<string, string>; binaryData?: Record<string, string> };
  const index = JSON.parse(data?.[INDEX_KEY] ?? '[]') as ReleaseRecord[];
  return { index, binaryData: binaryData ?? {}, object: configMap };
}

/**
 * Writes the store with the read as precondition: created when there was none (AlreadyExists: someone created it
 * first), else replaced with the resourceVersion read (Conflict: someone wrote in between). Either is a
 * ReleaseConflict, so the caller reads again and merges again.
 */
async function writeStore(configMap: KubernetesObject, store: StoredConfigMap, kube: KubeClient, revision: number): Promise<void> {
  try {
    if (store.object) await kube.replace(configMap, { fieldManager: RELEASE_FIELD_MANAGER });
    else await kube.create(configMap, { fieldManager: RELEASE_FIELD_MANAGER });
  } catch (error) {
    if (isConflict(error) || isAlreadyExists(error)) throw new ReleaseConflict(`cannot record release ${revision}: ${error.message}`);
    throw storeFailure(error, `cannot record release ${revision}`, `release ${revision} was not recorded`);
  }
}

export interface RecordReleaseRequest extends ReleaseStoreOptions {
  sha: string;
  /** The applied objects (Secrets are kept by identity only), or a YAML stream of them. */
  manifests: string | readonly KubernetesObject[];
  time: Date;
  keep?: number;
  maxBytes?: number;
  /** Images pinned to digests in this release (pin_digests), listed on the record. */
  images?: readonly { image: string; digest: string }[];
  /**
   * Entries of the previous release's inventory to keep in this one although this deploy did not apply them: the
   * objects of services it did not deploy (a `--service` run or a disabled service), so a later deploy of theirs can
   * still prune what was removed from them.
   */
  carryForward?: (entry: InventoryEntry) => boolean;
}

export interface RecordReleaseResult {
  record: ReleaseRecord;
  /** Revisions dropped to stay within `keep` and the size budget. */
  dropped: number[];
  configMap: string;
  /** The newest release before this one (the inventory prune compares with); absent on the first release. */
  previous?: ReleaseRecord;
}

/** Stores a successful release; drops the oldest releases first to stay within `keep` and the 1 MiB limit. */
export async function recordRelease(request: RecordReleaseRequest, deps: { kube: KubeClient }): Promise<RecordReleaseResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordReleaseOnce(request, deps);
    } catch (error) {
      if (!(error instanceof ReleaseConflict) || attempt >= RECORD_ATTEMPTS)
        throw error instanceof ReleaseConflict ? new ReleaseStoreError(error.message) : error;
    }
  }
}

class ReleaseConflict extends Error {}

async function recordReleaseOnce(request: RecordReleaseRequest, deps: { kube: KubeClient }): Promise<RecordReleaseResult> {
  const { manifests, objects, stripped, inventory: applied } = stripSecrets(request.manifests);
  const keep = Math.max(1, request.keep ?? DEFAULT_KEEP_RELEASES);
  const limit = request.maxBytes ?? RELEASE_BYTES_LIMIT;
  const store = await readStore(request, deps.kube);
  const compressed = gzipSync(Buffer.from(manifests, 'utf8'), { level: 9 }).toString('base64');
  const previous = store.index[0];
  const revision = (previous?.revision ?? 0) + 1;
  const carried = request.carryForward ? (previous?.inventory ?? []).filter(request.carryForward) : [];
  const record: ReleaseRecord = {
    revision,
    sha: request.sha,
    time: request.time.toISOString(),
    digest: `sha256:${createHash('sha256').update(manifests).digest('hex')}`,
    objects: objects.length,
    strippedSecrets: stripped,
    bytes: compressed.length,
    ...(request.images?.length ? { images: request.images.map(({ image, digest }) => ({ image, digest })) } : {}),
    inventoryVersion: INVENTORY_VERSION,
    inventory: uniqueEntries([...applied, ...carried]),
  };
  const index = [record, ...store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== undefined)];
  const binaryData: Record<string, string> = { ...store.binaryData, [releaseKey(revision)]: compressed };
  const dropped: number[] = [];
  const size = () =>
    JSON.stringify(index).length +
    INDEX_KEY.length +
    index.reduce((sum, r) => sum + releaseKey(r.revision).length + (binaryData[releaseKey(r.revision)]?.length ?? 0), 0);
  while (index.length > keep || (index.length > 1 && size() > limit)) {
    const oldest = index.pop() as ReleaseRecord;
    dropped.push(oldest.revision);
  }
  if (size() > limit) {
    throw new ReleaseStoreError(
      `release ${revision} is ${compressed.length} bytes compressed, more than the ${limit}-byte budget of ConfigMap ${releaseConfigMapName(request)}; it was not recorded`,
    );
  }
  const kept = new Set(index.map((r) => releaseKey(r.revision)));
  // managedFields left out: the server keeps tracking them itself (sent back, they would overwrite its record).
  const { managedFields: _managed, ...read } = store.object?.metadata ?? { name: '' };
  const configMap: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      // What others put on it (annotations, labels) stays; resourceVersion is the precondition of the replace.
      ...read,
      name: releaseConfigMapName(request),
      namespace: request.namespace ?? DEFAULT_RELEASE_NAMESPACE,
      labels: { ...read.labels, 'app.kubernetes.io/managed-by': 'k8sapp', 'k8sapp.io/environment': request.environment },
    },
    data: { [INDEX_KEY]: JSON.stringify(index) },
    binaryData: Object.fromEntries(Object.entries(binaryData).filter(([key]) => kept.has(key))),
  };
  await writeStore(configMap, store, deps.kube, revision);
  return { record, dropped, configMap: `${configMap.metadata.namespace ?? ''}/${configMap.metadata.name}`, ...(previous ? { previous } : {}) };
}

/** The recorded releases, newest first. */
export async function listReleases(options: ReleaseStoreOptions, deps: { kube: KubeClient }): Promise<ReleaseRecord[]> {
  const store = await readStore(options, deps.kube);
  return store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== undefined);
}

export interface LoadedRelease {
  record: ReleaseRecord;
  /** The stored YAML stream (no Secrets). */
  manifests: string;
  objects: KubernetesObject[];
  /** The newest release recorded (what k8sapp last deployed), to tell what a rollback leaves in place. */
  newest: ReleaseRecord;
}

/**
 * One release: `revision` when given, else the newest (`which: 'latest'`, the last good one after a failed
 * deploy) or the one before it (`which: 'previous'`, to undo the last successful deploy).
 */
export async function loadRelease(
  options: ReleaseStoreOptions & { revision?: number; which?: 'latest' | 'previous' },
  deps: { kube: KubeClient },
): Promise<LoadedRelease> {
  const store = await readStore(options, deps.kube);
  const available = store.index.filter((r) => store.binaryData[releaseKey(r.revision)] !== undefined);
  const where = `ConfigMap ${options.namespace ?? DEFAULT_RELEASE_NAMESPACE}/${releaseConfigMapName(options)}`;
  const newest = available[0];
  if (!newest) throw new ReleaseStoreError(`no release is recorded for environment ${options.environment} (${where})`);
  let record: ReleaseRecord | undefined;
  if (options.revision !== undefined) {
    record = available.find((r) => r.revision === options.revision);
    if (!record) {
      throw new ReleaseStoreError(
        `release ${options.revision} is not recorded for ${options.environment}; available: ${available.map((r) => r.revision).join(', ')}`,
      );
    }
  } else if (options.which === 'previous') {
    record = available[1];
    if (!record) throw new ReleaseStoreError(`only one release is recorded for ${options.environment}: there is no previous release to go back to`);
  } else {
    record = newest;
  }
  const manifests = gunzipSync(Buffer.from(store.binaryData[releaseKey(record.revision)] as string, 'base64')).toString('utf8');
  const objects = parseAllDocuments(manifests)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => !!object && typeof object === 'object');
  return { record, manifests, objects, newest: available[0] as ReleaseRecord };
}

/** `Kind/namespace/name` (entryKey) of every object of a release: its inventory, else its manifests and the Secrets left out. */
export function releaseIdentities(loaded: Pick<LoadedRelease, 'record' | 'objects'>): Set<string> {
  if (loaded.record.inventory) return new Set(loaded.record.inventory.map(entryKey));
  const keys = loaded.objects.map((o) =>
    entryKey({ kind: o.kind, ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata?.name ?? '' }),
  );
  for (const secret of loaded.record.strippedSecrets) {
    const [namespace, name] = secret.includes('/') ? secret.split('/') : [undefined, secret];
    keys.push(entryKey({ kind: 'Secret', ...(namespace ? { namespace } : {}), name: name ?? '' }));
  }
  return new Set(keys);
}

/**
 * What a rollback to `restored` leaves in place: objects of the newest release (what exists now, as k8sapp deployed
 * it) that the restored release does not have. A rollback never deletes them; it reports them.
 */
export function leftInPlaceBy(
  restored: Pick<LoadedRelease, 'record' | 'objects'>,
  now: readonly { kind: string; namespace?: string; name: string }[],
): string[] {
  const kept = releaseIdentities(restored);
  return now.filter((id) => !kept.has(entryKey(id))).map((id) => `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`);
}

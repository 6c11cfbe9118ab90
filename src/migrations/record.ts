import { isAlreadyExists, isConflict, KubeApiError } from '../k8s/api-error.js';
import type { KubeClient, ObjectRef } from '../k8s/client.js';
import type { KubernetesObject } from '../manifests/resource.js';

/** One execution of a migration, as kept in the cluster: the answer to "what was done to this cluster, when". */
export interface MigrationRunRecord {
  id: string;
  phase: 'pre' | 'post';
  component?: string;
  /** ISO time the run started. */
  startedAt: string;
  durationMs: number;
  outcome: 'succeeded' | 'failed' | 'timed-out';
  /** The git commit deployed (GITHUB_SHA), or "unknown". */
  sha: string;
  /** The error, for failed runs (shortened). */
  error?: string;
}

export const RECORD_FIELD_MANAGER = 'k8sapp-migrations';
/** Runs kept per migration id; a migration runs at most a few times in a cluster's life, so this is the whole history. */
export const RUNS_KEPT = 20;

/** `k8sapp-migrations-<env>`, lowercased and reduced to what a ConfigMap name allows. */
export function recordName(environment: string): string {
  const safe = environment
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `k8sapp-migrations-${safe || 'default'}`.slice(0, 253);
}

export interface RecordTarget {
  environment: string;
  namespace: string;
}

export class RecordError extends Error {
  override name = 'RecordError';
}

/**
 * Adds runs to the environment's record ConfigMap: reads it (GET), merges the runs into its data (earlier runs kept),
 * then creates it or replaces it with the read's resourceVersion as the precondition. A concurrent writer's record
 * (Conflict on replace, AlreadyExists on create) is read again and merged once more, a bounded number of times —
 * never silently overwritten. Each data key is a migration id holding a JSON list of its runs, oldest first.
 */
export async function appendRunRecords(kube: KubeClient, target: RecordTarget, runs: readonly MigrationRunRecord[]): Promise<void> {
  if (runs.length === 0) return;
  const name = recordName(target.environment);
  for (let attempt = 1; ; attempt++) {
    try {
      await writeRunRecords(kube, target, runs);
      return;
    } catch (error) {
      // Another run wrote the record between our read and our write: read it again and merge once more.
      const lostRace = isConflict(error) || isAlreadyExists(error);
      if (lostRace && attempt < RECORD_ATTEMPTS) continue;
      if (error instanceof RecordError) throw error;
      throw new RecordError(`writing ${name} failed: ${describeError(error)}`, { cause: error });
    }
  }
}

const RECORD_ATTEMPTS = 3;

function recordRef(target: RecordTarget): ObjectRef {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: recordName(target.environment), namespace: target.namespace };
}

async function readRecord(kube: KubeClient, target: RecordTarget): Promise<KubernetesObject | undefined> {
  try {
    return await kube.get(recordRef(target));
  } catch (error) {
    throw new RecordError(`reading ${recordName(target.environment)} failed: ${describeError(error)}`, { cause: error });
  }
}

async function writeRunRecords(kube: KubeClient, target: RecordTarget, runs: readonly MigrationRunRecord[]): Promise<void> {
  const name = recordName(target.environment);
  const live = await readRecord(kube, target);
  const data: Record<string, string> = { ...((live?.data as Record<string, string> | undefined) ?? {}) };
  for (const run of runs) {
    let history: MigrationRunRecord[] = [];
    try {
      const parsed = JSON.parse(data[run.id] ?? '[]') as unknown;
      if (Array.isArray(parsed)) history = parsed as MigrationRunRecord[];
    } catch {
      history = [];
    }
    history.push(run);
    data[run.id] = JSON.stringify(history.slice(-RUNS_KEPT));
  }
  const labels = {
    'app.kubernetes.io/part-of': 'k8sapp',
    'k8sapp.io/record': 'migrations',
    'k8sapp.io/environment': name.slice('k8sapp-migrations-'.length),
  };
  if (!live) {
    await kube.create(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: target.namespace, labels }, data },
      { fieldManager: RECORD_FIELD_MANAGER },
    );
    return;
  }
  // The whole live object goes back (labels and annotations others set are kept); its resourceVersion is the
  // precondition: a Conflict instead of silently dropping runs another deploy recorded meanwhile.
  const { managedFields: _managedFields, ...metadata } = live.metadata as KubernetesObject['metadata'] & { managedFields?: unknown };
  await kube.replace(
    { ...live, apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...metadata, labels: { ...(live.metadata.labels ?? {}), ...labels } }, data },
    { fieldManager: RECORD_FIELD_MANAGER },
  );
}

/** Reads the record back: every run per migration id (for `k8sapp migrations` and audits). */
export async function readRunRecords(kube: KubeClient, target: RecordTarget): Promise<Record<string, MigrationRunRecord[]>> {
  const live = await readRecord(kube, target);
  if (!live) return {};
  const data = (live.data as Record<string, string> | undefined) ?? {};
  const records: Record<string, MigrationRunRecord[]> = {};
  for (const [id, text] of Object.entries(data)) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) records[id] = parsed as MigrationRunRecord[];
    } catch {
      // a key someone else wrote; not ours to interpret
    }
  }
  return records;
}

/** The server's reason and message (`Forbidden: configmaps "…" is forbidden: …`), or the error's own message. */
function describeError(error: unknown): string {
  if (error instanceof KubeApiError) return `${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

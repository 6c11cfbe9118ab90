import type { Kubectl } from '../k8s/kubectl.js';

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
 * Adds runs to the environment's record ConfigMap: reads it (so earlier runs are kept: server-side apply drops
 * fields its manager no longer sends), then server-side applies the merged data. Each data key is a migration id
 * holding a JSON list of its runs, oldest first.
 */
export async function appendRunRecords(kubectl: Kubectl, target: RecordTarget, runs: readonly MigrationRunRecord[]): Promise<void> {
  if (runs.length === 0) return;
  for (let attempt = 1; ; attempt++) {
    const written = await writeRunRecords(kubectl, target, runs);
    if (written === 'written') return;
    // Another run wrote the record between our read and our write: read it again and merge once more.
    if (attempt >= RECORD_ATTEMPTS) throw new RecordError(`writing ${recordName(target.environment)} failed: ${written.conflict}`);
  }
}

const RECORD_ATTEMPTS = 3;
const CONFLICT = /\(Conflict\)|the object has been modified/i;

async function writeRunRecords(kubectl: Kubectl, target: RecordTarget, runs: readonly MigrationRunRecord[]): Promise<'written' | { conflict: string }> {
  const name = recordName(target.environment);
  const current = await kubectl.get([`configmap/${name}`], { namespace: target.namespace, ignoreNotFound: true });
  if (current.exitCode !== 0) throw new RecordError(`reading ${name} failed: ${current.stderr.trim()}`);
  const data: Record<string, string> = {};
  let resourceVersion: string | undefined;
  if (current.stdout.trim()) {
    const live = JSON.parse(current.stdout) as { metadata?: { resourceVersion?: string }; data?: Record<string, string> };
    Object.assign(data, live.data ?? {});
    resourceVersion = live.metadata?.resourceVersion;
  }
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
  const manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: target.namespace,
      labels: {
        'app.kubernetes.io/part-of': 'k8sapp',
        'k8sapp.io/record': 'migrations',
        'k8sapp.io/environment': recordName(target.environment).slice('k8sapp-migrations-'.length),
      },
      // Precondition: a Conflict instead of silently dropping runs another deploy recorded meanwhile.
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    data,
  };
  const result = await kubectl.apply(JSON.stringify(manifest), { fieldManager: RECORD_FIELD_MANAGER, forceConflicts: true });
  if (result.exitCode !== 0 && CONFLICT.test(result.stderr)) return { conflict: result.stderr.trim() };
  if (result.exitCode !== 0) throw new RecordError(`writing ${name} failed: ${(result.stderr || result.stdout).trim()}`);
  return 'written';
}

/** Reads the record back: every run per migration id (for `k8sapp migrations` and audits). */
export async function readRunRecords(kubectl: Kubectl, target: RecordTarget): Promise<Record<string, MigrationRunRecord[]>> {
  const name = recordName(target.environment);
  const current = await kubectl.get([`configmap/${name}`], { namespace: target.namespace, ignoreNotFound: true });
  if (current.exitCode !== 0) throw new RecordError(`reading ${name} failed: ${current.stderr.trim()}`);
  if (!current.stdout.trim()) return {};
  const data = (JSON.parse(current.stdout) as { data?: Record<string, string> }).data ?? {};
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

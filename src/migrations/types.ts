/**
 * The published migration interface: `import type { Migration } from 'k8sapp/migrations'`.
 *
 * This file holds types only (no runtime imports or values), so a user's `.ts` migration can import it with
 * `import type` and Node's type stripping erases the import completely.
 */

export type MigrationPhase = 'pre' | 'post';

import type { KubernetesObject } from '../manifests/resource.js';

/**
 * Any Kubernetes object as the API server returns it; narrow it with your own interface where you need fields.
 * The published name of k8sapp's one object type (manifests/resource.ts `KubernetesObject`).
 */
export type KubeObject = KubernetesObject;

/** For a custom resource: its apiVersion (`cert-manager.io/v1`), with the Kind as `kind`. Built-in kinds need none. */
export interface KubeKindOptions {
  apiVersion?: string;
}

export interface KubeGetOptions extends KubeKindOptions {
  namespace?: string;
}

export interface KubeListOptions extends KubeKindOptions {
  /** Default: the kubeconfig context's namespace (as kubectl). */
  namespace?: string;
  /** Label selector, e.g. `app.kubernetes.io/name=postgres,backup=pre-upgrade`. */
  selector?: string;
  fieldSelector?: string;
}

export interface KubePatchOptions extends KubeKindOptions {
  namespace?: string;
  /** Default `merge` (JSON merge patch). */
  type?: 'merge' | 'json' | 'strategic';
  /** `status` or `scale`. */
  subresource?: 'status' | 'scale';
}

export interface KubeDeleteOptions extends KubeKindOptions {
  namespace?: string;
  /**
   * Default `orphan` for workloads (StatefulSet, Deployment, DaemonSet, ReplicaSet), so their pods keep running;
   * `background` otherwise.
   */
  cascade?: 'background' | 'foreground' | 'orphan';
}

/**
 * The typed Kubernetes client a migration gets. Every call goes straight to the API server through k8sapp's client
 * (same kubeconfig, request timeout and retry policy as the deploy). In dry-run, `patch` and `delete` are server dry
 * runs (`dryRun=All`): the API server validates them and changes nothing. PersistentVolumeClaims, PersistentVolumes
 * and Namespaces cannot be deleted through it. A refused call throws an error naming the call with the server's
 * reason (`error.reason`, e.g. `Forbidden`) and message. After the migration's timeout every call throws.
 */
export interface KubeClient {
  readonly dryRun: boolean;
  /**
   * One object, or `undefined` when it does not exist. `kind` as kubectl spells a built-in kind (`statefulset`, `pvc`,
   * `jobs.batch`, `StatefulSet`); a custom resource by its Kind plus `{ apiVersion }`.
   */
  get<T extends KubeObject = KubeObject>(kind: string, name: string, options?: KubeGetOptions): Promise<T | undefined>;
  /** All objects of a kind in a namespace (or the kubeconfig's default namespace), optionally filtered. */
  list<T extends KubeObject = KubeObject>(kind: string, options?: KubeListOptions): Promise<T[]>;
  /** Patches one object and returns it as the server stored it (or would store it, in dry-run). */
  patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: unknown, options?: KubePatchOptions): Promise<T>;
  /** Deletes one object; a missing object is not an error. */
  delete(kind: string, name: string, options?: KubeDeleteOptions): Promise<void>;
}

/** Where a migration's lines go: the deploy log (and the job summary for warnings). */
export interface MigrationLog {
  info(message: string): void;
  warning(message: string): void;
}

export interface MigrationContext {
  /** The Kubernetes client; read the cluster's actual state with it. */
  kube: KubeClient;
  /** The environment being deployed, as named in deploy-control.yaml (dev, test, prod …). */
  environment: string;
  /** Every component (deploy-control service) this deploy is about to apply. */
  components: readonly string[];
  /** For a component-specific migration: the component whose apply/rollout this call belongs to. */
  component?: string;
  /**
   * The rendered objects of this deploy (kustomize output). Secret `data`/`stringData` values are removed: a
   * migration sees which Secrets and keys exist, never their values.
   */
  manifests: readonly KubeObject[];
  log: MigrationLog;
  /** Aborted when the migration's timeout passes; pass it on to anything long-running. */
  signal: AbortSignal;
  /** True in plan/dry-run mode: `run` is not called, and the client's mutating calls are server dry runs. */
  dryRun: boolean;
}

export interface MigrationDeprecation {
  /** Why and when this migration can go, e.g. "every cluster runs PostgreSQL 18 since 2026-03". */
  note: string;
  /** An ISO date (`2026-06-30`) or a release (`v2.0.0`) after which the migration should be deleted. */
  after: string;
}

/**
 * One migration: a module in the migrations folder whose default export is this object.
 *
 * It decides from the cluster's actual state (never from versions) whether work remains (`isNeeded`), and does
 * that work (`run`). Once a cluster is migrated, `isNeeded` returns false after one cheap read, for ever after.
 */
export interface Migration {
  /** Unique, stable, used in the record: letters, digits, `.`, `_`, `-`. */
  id: string;
  description: string;
  /** `pre`: before apply (generic: before anything; component: just before that component). `post`: after rollout. */
  phase: MigrationPhase;
  /** deploy-control service names this migration belongs to; empty = generic (runs whatever is deployed). */
  components: readonly string[];
  deprecated?: MigrationDeprecation;
  /** Overrides `global.migrations.timeout_seconds` for this migration. */
  timeoutSeconds?: number;
  isNeeded(context: MigrationContext): Promise<boolean>;
  run(context: MigrationContext): Promise<void>;
}

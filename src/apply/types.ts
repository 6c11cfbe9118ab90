import type { ImmutableRecovery, LoadedDeployControl } from '../config/deploy-control.js';
import type { KubeClient } from '../k8s/client.js';
import type { Kubectl } from '../k8s/kubectl.js';
import type { Clock, Logger } from '../log.js';
import type { ResourceId } from '../manifests/resource.js';
import type { TemplateBefore } from '../rollout/types.js';
import type { SecretValues } from './secrets.js';

export type ResourceAction = 'created' | 'configured' | 'unchanged' | 'recreated' | 'failed' | 'skipped';

export interface ApplyRequest {
  environment: string;
  control: LoadedDeployControl;
  /** Values for Secret placeholders (see docs/apply.md "Secret values"); never logged. */
  secrets: SecretValues;
  /** Services the gate allowed; empty or absent = every service enabled for the environment. */
  services?: readonly string[];
  /** Plan mode: server-side dry run only, nothing changes. */
  dryRun: boolean;
  /** Called with every secret value and derived form before anything is logged (core.setSecret at the edge). */
  registerSecret: (value: string) => void;
  /** Overrides deploy-control `immutable_recovery` (default there: recreate). */
  immutableRecovery?: ImmutableRecovery;
  /** Bound on waiting for a re-created workload before its orphans are removed (default: rollout_timeout, else 300). */
  readyTimeoutSeconds?: number;
  /** Bound on waiting for new CustomResourceDefinitions to be established (default 60). */
  crdTimeoutSeconds?: number;
  /**
   * Already rendered manifests (a YAML stream) to apply instead of building the overlay: the deploy pipeline renders
   * once (its migrations need the objects before the apply), and a release rollback re-applies a recorded release.
   * `origin` names them in messages and findings.
   */
  manifests?: { yaml: string; origin: string };
}

export interface ApplyDependencies {
  /** Every read and write of the apply (live state, dry runs, applies, deletes, waits). */
  kube: KubeClient;
  /** Only for `kubectl kustomize`, when the request carries no rendered manifests. */
  kubectl?: Kubectl;
  clock: Clock;
  logger: Logger;
}

export interface ResourceResult extends ResourceId {
  action: ResourceAction;
  /** Why, for recreated/failed/skipped (and for planned changes the field that forces a re-creation). */
  reason?: string;
}

export interface Recreation extends ResourceId {
  /** `planned` in plan mode; `recreated` when done; `failed` when the re-apply failed too. */
  status: 'planned' | 'recreated' | 'failed';
  /** The immutable field(s) that forced it, e.g. `spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)`. */
  fields: string[];
  /** The server's refusal, verbatim (secret values redacted). */
  serverMessage: string;
  /** How the old object was deleted: orphan (workloads), foreground (Job), background (Service). */
  cascade: 'orphan' | 'foreground' | 'background';
  /** What survived: adopted pods, PersistentVolumeClaims, … */
  preserved: string[];
  /** Orphans left by the re-creation that k8sapp removed after the new workload was ready. */
  orphansRemoved: string[];
  /** Orphans still running (cleanup timed out or failed); an error is reported with them. */
  orphansLeft: string[];
  warning?: string;
}

export interface PlaceholderReport {
  secret: string;
  namespace?: string;
  key: string;
  field: 'data' | 'stringData';
}

export interface ApplyReport {
  environment: string;
  mode: 'apply' | 'plan';
  /** False when anything failed or (plan) would be refused. */
  ok: boolean;
  resources: ResourceResult[];
  recreated: Recreation[];
  placeholders: PlaceholderReport[];
  /** Each names the resource and quotes the server. */
  errors: string[];
  warnings: string[];
  /** Workloads created, configured or re-created: what the rollout step waits for. */
  workloads: ResourceId[];
  /**
   * The pod template of each applied workload as it was live before this apply (by rollout `refKey`), so a rollback
   * returns to exactly that revision. Not part of the JSON report.
   */
  templatesBefore: Map<string, TemplateBefore>;
}

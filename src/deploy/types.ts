import type { ApplyReport, Recreation, ResourceResult } from '../apply/types.js';
import type { SecretValues } from '../apply/secrets.js';
import type { LoadedDeployControl } from '../config/deploy-control.js';
import type { ApprovalCheck } from '../config/deploy-control.js';
import type { ApprovalResult } from '../gate/approval.js';
import type { Decision, Trigger } from '../gate/decide.js';
import type { DeploymentsApi } from './record.js';
import type { KubeClient } from '../k8s/client.js';
import type { Kubectl } from '../k8s/kubectl.js';
import type { Clock, Logger } from '../log.js';
import type { LoadedMigration } from '../migrations/loader.js';
import type { MigrationReport } from '../migrations/runner.js';
import type { PruneReport } from '../prune/prune.js';
import type { ReleaseRecord } from '../rollout/releases.js';
import type { RollbackReport, RolloutReport } from '../rollout/types.js';
import type { WaitOptions } from '../rollout/waiter.js';
import type { CredentialStore } from '../preflight/credentials.js';
import type { PinnedImage, PreflightReport } from '../preflight/preflight.js';
import type { FetchLike } from '../preflight/registry.js';

export type DeployStatus = 'skipped' | 'succeeded' | 'failed' | 'rolled-back';

/** The pipeline's phases, in the order they run; each is one log group and one row of the phase table. */
export type PhaseName =
  'gate' | 'build' | 'connect' | 'preflight' | 'migrations-pre' | 'apply' | 'rollout' | 'migrations-post' | 'rollback' | 'release' | 'prune';

export type PhaseOutcome = 'succeeded' | 'failed' | 'blocked' | 'planned' | 'rolled-back' | 'skipped' | 'error';

export interface PhaseTiming {
  name: PhaseName;
  seconds: number;
  outcome: PhaseOutcome;
}

export interface DeployRequest {
  environment: string;
  control: LoadedDeployControl;
  trigger: Trigger;
  /** Services to deploy; absent or empty: every service the gate allows. */
  services?: readonly string[];
  emergencyReason?: string;
  /** Values for Secret placeholders (`toJSON(secrets)`); never logged, redacted from everything reported. */
  secrets: SecretValues;
  /** Plan only: apply as a server-side dry run, migrations listed, no rollout, no release, no deployment record. */
  dryRun: boolean;
  git: { sha: string; ref: string };
  /** Link to the run, kept on the GitHub deployment status. */
  runUrl?: string;
  /** Migrations to run; absent: the control file's built-ins and migrations folder are loaded. */
  migrations?: readonly LoadedMigration[];
  /** Namespace of the release-record ConfigMap (default `default`). */
  releaseNamespace?: string;
  /** The API server the (checked) kubeconfig points at, named when the cluster cannot be reached. */
  server?: string;
  /** Rollout wait tuning (poll interval, fail-fast thresholds); tests and benchmarks set it. */
  wait?: Omit<WaitOptions, 'timeoutSeconds'>;
  /** Registry credentials (`registry-credentials` / `--registry-config`, Docker config.json) for the image preflight. */
  registryCredentials?: CredentialStore;
}

export interface DeployDependencies {
  /** Every cluster call of the pipeline goes through this client. */
  kube: KubeClient;
  /** `kubectl kustomize`: the offline build of the overlay (no kubeconfig, no cluster). */
  kustomize: Kubectl;
  clock: Clock;
  logger: Logger;
  /** core.setSecret at the action edge; a no-op in the CLI (the core redacts what it reports). */
  registerSecret: (value: string) => void;
  /**
   * Confirms the GitHub environment's required reviewers (the action: GitHub's environments API). Absent (the CLI):
   * approval is left to the GitHub environment and the report says so.
   */
  checkApproval?: (request: { environment: string; mode: ApprovalCheck }) => Promise<ApprovalResult>;
  /** Records the deployment on the Environments page; absent: not recorded. */
  deployments?: DeploymentsApi;
  /** Where the deployment recorder's notices go (default: logger.warning). */
  notice?(message: string): void;
  /** Migration timeouts (tests inject); default AbortSignal.timeout. */
  timer?: (ms: number) => AbortSignal;
  /**
   * How the image preflight reaches registries (globalThis.fetch at the edges). Absent: the preflight is not run and
   * the report's notes say so.
   */
  fetch?: FetchLike;
  /** Per registry request; default 10 s. */
  registryTimeoutMs?: number;
}

export interface DeployReport {
  environment: string;
  trigger: Trigger;
  dryRun: boolean;
  status: DeployStatus;
  /** One line saying what happened, for logs, the step's failure message and the CLI. */
  message: string;
  decision: Decision;
  /** When the gate decided (ISO 8601). */
  decidedAt: string;
  /** The GitHub environment check; null when it was not run (blocked, not required, or the CLI). */
  approval: ApprovalResult | null;
  /** Things the user should know that are not failures (e.g. approval left to GitHub). */
  notes: string[];
  /** Components (services) in this deploy. */
  components: string[];
  resources: ResourceResult[];
  recreated: Recreation[];
  /** The whole apply report (secret values redacted); null when the apply did not run. */
  apply: ApplyReport | null;
  rollout: RolloutReport | null;
  /** The rollback that ran: the rollout's (failed workloads) or after a failed post migration; null when none ran. */
  rollback: RollbackReport | null;
  release: { recorded?: ReleaseRecord; dropped?: number[]; error?: string } | null;
  /** What prune did (or, in a dry run, would do); null when prune is off for the environment or did not get to run. */
  prune: PruneReport | null;
  migrations: MigrationReport | null;
  /** The image preflight (every image resolved before apply) and the digests pinned; null when it did not run. */
  preflight: (PreflightReport & { pinned: PinnedImage[] }) | null;
  deployment: { id: number } | null;
  phases: PhaseTiming[];
  /** Failures that are not in the apply or rollout report (a failed migration, a thrown error). */
  errors: string[];
}

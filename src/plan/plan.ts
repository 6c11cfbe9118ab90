import { relative } from 'node:path';
import { stringify } from 'yaml';
import { applyEnvironment, serviceSelection } from '../apply/engine.js';
import { type SecretValues } from '../apply/secrets.js';
import { redactor } from '../secrets/mask.js';
import type { ApplyReport } from '../apply/types.js';
import { environmentSettings, imagePreflightSettings, overlayPath, type LoadedDeployControl } from '../config/deploy-control.js';
import { redactDeep, redactingLogger } from '../deploy/pipeline.js';
import type { SourceLocation } from '../errors.js';
import { decide } from '../gate/decide.js';
import type { KubeClient } from '../k8s/client.js';
import type { Kubectl } from '../k8s/kubectl.js';
import type { Clock, Logger } from '../log.js';
import { renderOverlay } from '../manifests/render.js';
import type { KubernetesObject } from '../manifests/resource.js';
import type { LoadedMigration } from '../migrations/loader.js';
import { deployComponents, loadAllMigrations } from '../migrations/prepare.js';
import { runMigrations, type MigrationReport } from '../migrations/runner.js';
import { migrationSettings } from '../migrations/settings.js';
import type { CredentialStore } from '../preflight/credentials.js';
import type { FetchLike } from '../preflight/registry.js';
import { environmentPreflightRequest, preflightObjects } from '../preflight/run.js';
import { planPrune, PruneAbort, type PruneReport } from '../prune/prune.js';
import { ReleaseStoreError } from '../rollout/releases.js';
import { planSucceeded, type PlanSection, type PlannedPreflight } from './markdown.js';

/**
 * The plan of one environment as the pull-request comment shows it: what a merge would do, with the deploy's own
 * phases in read-only form — the image preflight (registries only), every migration's isNeeded (the runner's `plan`
 * mode: nothing runs, nothing is recorded), the apply as a server-side dry run, the prune plan, and the gate for a
 * merge. Nothing here writes to the cluster.
 */
export interface PlanRequest {
  environment: string;
  control: LoadedDeployControl;
  /** Values for Secret placeholders, substituted in memory; every free text of the plan is redacted of them. */
  secrets: SecretValues;
  /** Only these services (empty: every service the environment enables), as `k8sapp plan --service`. */
  services: readonly string[];
  /** From `--registry-config`: used for every image after the pods' pull secrets, as in the deploy. */
  registryCredentials?: CredentialStore;
  /** File locations in the plan are shown relative to this folder (the workspace). */
  relativeTo: string;
}

/** The inputs of a plan, read and checked before the first cluster call (like the deploy's input checks). */
export interface PreparedPlan {
  request: PlanRequest;
  overlay: string;
  yaml: string;
  objects: KubernetesObject[];
  migrations: LoadedMigration[];
  components: string[];
  /** deploy-control's `prune` for the environment: whether the plan includes the prune plan. */
  prune: boolean;
}

export interface PlanDependencies {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  /** The registries' HTTP client of the image preflight. */
  fetch: FetchLike;
  registerSecret: (value: string) => void;
  registryTimeoutMs?: number;
  /** Migration timeouts; default AbortSignal.timeout. */
  timer?: (ms: number) => AbortSignal;
}

export interface PlanResult {
  section: PlanSection;
  /** False when a merge would fail: the apply, prune, the image preflight (enforce) or a migration's isNeeded. */
  ok: boolean;
}

/** Loads the migrations and builds the overlay offline: a user error is a ConfigurationError before any cluster call. */
export async function preparePlan(request: PlanRequest, deps: { kustomize: Kubectl; logger: Logger }): Promise<PreparedPlan> {
  // An unknown environment is a ConfigurationError naming the known ones, before anything is loaded or built.
  const { prune } = environmentSettings(request.control.config, request.environment);
  const migrations = await loadAllMigrations(migrationSettings(request.control));
  const overlay = overlayPath(request.control, request.environment);
  deps.logger.info(`kubectl kustomize ${overlay}`);
  const built = await renderOverlay(deps.kustomize, overlay);
  const objects = built.resources.map((resource) => resource.object);
  const components = deployComponents(request.control, request.environment, objects, request.services);
  return { request, overlay, yaml: built.yaml, objects, migrations, components, prune };
}

/** Preflight → migrations (plan) → apply (dry run) → prune (plan) → gate, in the deploy's order; nothing is changed. */
export async function planEnvironment(prepared: PreparedPlan, deps: PlanDependencies): Promise<PlanResult> {
  const { request } = prepared;
  const redact = redactor(request.secrets);
  const logger = redactingLogger(deps.logger, redact);
  const { preflight, objects, yaml } = await planPreflight(prepared, deps, logger);
  const migrations = await planMigrations(prepared, objects, deps, logger);
  const report = await applyEnvironment(
    {
      environment: request.environment,
      control: request.control,
      secrets: request.secrets,
      services: request.services,
      dryRun: true,
      registerSecret: deps.registerSecret,
      manifests: { yaml, origin: prepared.overlay },
    },
    { kube: deps.kube, clock: deps.clock, logger },
  );
  const prune = prepared.prune
    ? await planPruneOf(report, request.control, request.environment, request.services, { kube: deps.kube, clock: deps.clock, logger })
    : undefined;
  const gate = decide(request.control.config, { environment: request.environment, services: request.services, trigger: 'auto' }, deps.clock.now());
  const section: PlanSection = {
    report,
    ...(prune ? { prune } : {}),
    gate,
    // Free text that came from outside (registries, migrations' own messages) loses every supplied secret value.
    preflight: redactDeep(preflight, redact),
    migrations: redactDeep(migrations, redact),
  };
  return { section, ok: planSucceeded(section) };
}

/**
 * The deploy's image preflight on the same objects: the environment's `image_preflight` mode, the pods' pull secrets
 * read from the cluster (get only), `pin_digests` applied so the dry run sees the images a merge would deploy.
 */
async function planPreflight(
  prepared: PreparedPlan,
  deps: PlanDependencies,
  logger: Logger,
): Promise<{ preflight: PlannedPreflight; objects: readonly KubernetesObject[]; yaml: string }> {
  const { request } = prepared;
  const settings = imagePreflightSettings(request.control.config, request.environment);
  if (settings.mode === 'off') return { preflight: { mode: 'off' }, objects: prepared.objects, yaml: prepared.yaml };
  const result = await logger.group(`Image preflight (${settings.mode}${settings.pinDigests ? ', pin digests' : ''})`, () =>
    preflightObjects(
      environmentPreflightRequest(prepared, { mode: settings.mode as 'enforce' | 'warn', pinDigests: settings.pinDigests }, request.registryCredentials),
      {
        fetch: deps.fetch,
        kube: deps.kube,
        registerSecret: deps.registerSecret,
        logger,
        ...(deps.registryTimeoutMs ? { timeoutMs: deps.registryTimeoutMs } : {}),
      },
    ),
  );
  const where = (location: SourceLocation | undefined) =>
    location ? { ...location, file: relative(request.relativeTo, location.file) || location.file } : undefined;
  const preflight: PlannedPreflight = {
    ...result.report,
    images: result.report.images.map((check) => ({
      ...check,
      usedBy: check.usedBy.map(({ location, ...user }) => ({ ...user, ...(location ? { location: where(location)! } : {}) })),
    })),
    findings: result.report.findings.map(({ location, ...finding }) => ({ ...finding, ...(location ? { location: where(location)! } : {}) })),
    pinned: result.pinned,
  };
  if (result.pinned.length === 0) return { preflight, objects: prepared.objects, yaml: prepared.yaml };
  const objects = [...result.objects];
  return { preflight, objects, yaml: objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n') };
}

/** Every migration's isNeeded at all four points, in the runner's plan mode: nothing runs and nothing is recorded. */
function planMigrations(prepared: PreparedPlan, objects: readonly KubernetesObject[], deps: PlanDependencies, logger: Logger): Promise<MigrationReport> {
  const { request } = prepared;
  const settings = migrationSettings(request.control);
  return runMigrations(
    {
      environment: request.environment,
      components: prepared.components,
      manifests: objects,
      migrations: prepared.migrations,
      mode: 'plan',
      timeoutSeconds: settings.timeoutSeconds,
      slowSeconds: settings.slowSeconds,
    },
    { kube: deps.kube, clock: deps.clock, logger, ...(deps.timer ? { timer: deps.timer } : {}) },
  );
}

/** The prune rows of a plan: the newest release's inventory against what this plan rendered (every service). */
export async function planPruneOf(
  report: ApplyReport,
  control: LoadedDeployControl,
  environment: string,
  services: readonly string[],
  deps: { kube: KubeClient; clock: Clock; logger: Logger },
): Promise<PruneReport> {
  const rendered = report.resources.map((r) => ({
    apiVersion: 'v1',
    kind: r.kind,
    metadata: { name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) },
  }));
  try {
    return await planPrune({ environment, rendered, notDeployed: serviceSelection(control.config, environment, services) }, deps);
  } catch (error) {
    if (!(error instanceof PruneAbort) && !(error instanceof ReleaseStoreError)) throw error;
    return { status: 'failed', message: error.message, objects: [] };
  }
}

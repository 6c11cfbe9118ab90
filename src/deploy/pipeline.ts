import { stringify } from 'yaml';
import { applyEnvironment, serviceSelection } from '../apply/engine.js';
import { redactor, secretForms } from '../secrets/mask.js';
import type { ApplyReport, ResourceAction } from '../apply/types.js';
import { DEFAULTS, environmentSettings, imagePreflightSettings } from '../config/deploy-control.js';
import { environmentPreflightRequest, preflightObjects } from '../preflight/run.js';
import type { ApprovalResult } from '../gate/approval.js';
import { decide, verdictOf } from '../gate/decide.js';
import { startDeploymentRecord, type DeploymentRecorder } from './record.js';
import type { Logger } from '../log.js';
import { credentialProblemOf, credentialSentence } from '../apply/errors.js';
import { ensureServerReachable } from '../k8s/reachable.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import { idOf, resourceKey, type KubernetesObject } from '../manifests/resource.js';
import { createMigrationSession, type MigrationSession } from '../migrations/runner.js';
import { migrationSettings } from '../migrations/settings.js';
import { rolloutSettings } from '../rollout/config.js';
import { entryObject } from '../prune/inventory.js';
import { planPrune, prune, PruneAbort, type PruneReport } from '../prune/prune.js';
import { DEFAULT_RELEASE_NAMESPACE, recordRelease, ReleaseStoreError, type ReleaseRecord } from '../rollout/releases.js';
import { rollbackWorkloads, type Reapply } from '../rollout/rollback.js';
import { publicReport, rollbackEligible, runRollout, workloadService, type RolloutResult } from '../rollout/rollout.js';
import { prepareDeploy, type CheckedPlan } from './prepare.js';
import type { DeployDependencies, DeployReport, DeployRequest, DeployStatus, PhaseName, PhaseOutcome } from './types.js';

/** Objects the apply left in the cluster as the repository says: these make up a release. */
const IN_CLUSTER: ReadonlySet<ResourceAction> = new Set(['created', 'configured', 'unchanged', 'recreated']);

/**
 * The whole deployment of one environment — gate → check inputs and build → (deployment record) → connect → pre
 * migrations → apply → rollout (→ rollback) → post migrations → release record — used by both the deploy action and
 * `k8sapp deploy`. Two halves: the input checks (prepare.ts: pure, no cluster or GitHub client) return a checked plan
 * or throw one ConfigurationError listing every problem; only then is anything recorded or the cluster contacted.
 * Every cluster call goes through `deps.kube`, time through `deps.clock`, output through `deps.logger`; a cluster
 * that cannot be reached stops the run at the first call with one sentence.
 */
export async function runDeploy(request: DeployRequest, deps: DeployDependencies): Promise<DeployReport> {
  return new DeployRun(request, deps).execute();
}

class DeployRun {
  private readonly redact: (text: string) => string;
  private readonly logger: Logger;
  private readonly report: DeployReport;
  private recorder: DeploymentRecorder | undefined;
  private prepared: CheckedPlan | undefined;

  constructor(
    private readonly request: DeployRequest,
    private readonly deps: DeployDependencies,
  ) {
    for (const value of Object.values(request.secrets)) {
      if (value === '') continue;
      for (const form of secretForms(value)) deps.registerSecret(form);
    }
    this.redact = redactor(request.secrets);
    this.logger = redactingLogger(deps.logger, this.redact);
    this.report = {
      environment: request.environment,
      trigger: request.trigger,
      dryRun: request.dryRun,
      status: 'failed',
      message: '',
      // Replaced by the gate phase before anything reads it.
      decision: undefined as unknown as DeployReport['decision'],
      decidedAt: '',
      approval: null,
      notes: [],
      components: [],
      resources: [],
      recreated: [],
      apply: null,
      rollout: null,
      rollback: null,
      release: null,
      prune: null,
      migrations: null,
      preflight: null,
      deployment: null,
      phases: [],
      errors: [],
    };
  }

  async execute(): Promise<DeployReport> {
    const allowed = await this.gate();
    if (!allowed) return this.finish('skipped', this.blockedMessage());

    // Every input check, before the first cluster call and before anything is recorded.
    const checked = await this.phase(
      'build',
      `Check inputs and build ${this.request.environment}`,
      () => this.build(),
      () => 'succeeded',
    );
    const unreachable = await this.connectOrExplain();
    if (unreachable) return this.finish('failed', unreachable);
    // Images are input too: a missing tag refuses the deploy before any record or change.
    const prepared = await this.preflight(checked);
    if (!prepared) return this.finish('failed', this.preflightMessage());
    if (!this.request.dryRun) {
      this.recorder = await startDeploymentRecord(
        this.deps.deployments,
        {
          ref: this.request.git.sha || this.request.git.ref,
          environment: this.request.environment,
          description: `k8sapp deploy of ${shortSha(this.request.git.sha)} to ${this.request.environment}`,
          production: /^prod(uction)?$/i.test(this.request.environment),
          ...(this.request.runUrl ? { logUrl: this.request.runUrl } : {}),
        },
        (message) => (this.deps.notice ?? ((text: string) => this.logger.warning(text)))(message),
      );
      if (this.recorder.id !== undefined) this.report.deployment = { id: this.recorder.id };
    }
    let finished: DeployReport | undefined;
    try {
      finished = await this.deployTo(prepared);
      return finished;
    } finally {
      const status = finished?.status;
      await this.recorder?.finish(
        status === 'succeeded' ? 'success' : 'failure',
        status === 'succeeded'
          ? `Deployed ${shortSha(this.request.git.sha)} to ${this.request.environment}`
          : `Deploy ${status ?? 'failed'}: ${finished?.message ?? 'error'}`.slice(0, 140),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async gate(): Promise<boolean> {
    const { request } = this;
    return this.phase(
      'gate',
      `Gate ${request.environment} (${request.trigger}${request.dryRun ? ', dry run' : ''})`,
      async () => {
        const at = this.deps.clock.now();
        this.report.decidedAt = at.toISOString();
        const decision = decide(
          request.control.config,
          {
            environment: request.environment,
            trigger: request.trigger,
            ...(request.services?.length ? { services: request.services } : {}),
            ...(request.emergencyReason?.trim() ? { emergencyReason: request.emergencyReason } : {}),
          },
          at,
        );
        this.report.decision = decision;
        for (const reason of decision.reasons) this.logger.info(`${reason.code}: ${reason.message}`);
        for (const service of decision.services) {
          this.logger.info(`service ${service.name}: ${service.allowed ? 'deploys' : 'left out'} (${service.reasons.map((r) => r.code).join(', ')})`);
        }
        let approval: ApprovalResult | null = null;
        if (decision.allowed && decision.requiresApproval) {
          if (this.deps.checkApproval) {
            const mode = request.control.config.environments[request.environment]?.approval_check ?? DEFAULTS.approvalCheck;
            approval = await this.deps.checkApproval({ environment: request.environment, mode });
            this.report.approval = approval;
            this.logger.info(`${approval.code}: ${approval.message}`);
          } else {
            this.note(
              `Approval for ${request.environment} is required by deploy-control; it is enforced by the required reviewers of the GitHub ` +
                `environment "${request.environment}" when the deploy runs as a workflow job, and was not checked here.`,
            );
          }
        }
        if (decision.emergencyOverride && decision.allowed) {
          this.logger.warning(`Emergency override of ${decision.emergencyOverride.overrides.join(', ')}: ${decision.emergencyOverride.reason}`);
        }
        return decision.allowed && (approval?.passes ?? true);
      },
      (allowed) => (allowed ? 'succeeded' : 'blocked'),
    );
  }

  private blockedMessage(): string {
    const blocking: string[] = this.report.decision.reasons.filter((r) => verdictOf(r.code) === 'block').map((r) => r.code);
    if (this.report.approval && !this.report.approval.passes) blocking.push(this.report.approval.code);
    return `Not deploying ${this.request.environment}: ${blocking.join(', ') || 'blocked'}.`;
  }

  private async build(): Promise<CheckedPlan> {
    const plan = await prepareDeploy(this.request, this.report.decision, {
      kustomize: this.deps.kustomize,
      logger: this.logger,
      registerSecret: this.deps.registerSecret,
    });
    this.report.components = plan.components;
    return plan;
  }

  /**
   * The first cluster call: can the API server be reached at all, with these credentials? When not, the run stops
   * here with one sentence (server, cause, what was not done) — no migration is blamed. Transient failures (a refused
   * connection while the API server restarts, 429, 5xx) were already retried by the client's one retry policy.
   */
  private async connect(): Promise<string | undefined> {
    try {
      await ensureServerReachable(this.deps.kube, `nothing was changed in ${this.request.environment} (no migration, no apply)`, this.request.server);
      return undefined;
    } catch (error) {
      const credentials = credentialProblemOf(error);
      if (!credentials) throw error;
      return `Cannot use the Kubernetes API server${this.request.server ? ` ${this.request.server}` : ''}: ${credentialSentence(credentials)}; nothing was changed in ${this.request.environment}.`;
    }
  }

  /** The connect phase; a sentence saying why the cluster cannot be used, or undefined when it can. */
  private async connectOrExplain(): Promise<string | undefined> {
    try {
      return await this.phase(
        'connect',
        `Connect to the cluster of ${this.request.environment}`,
        () => this.connect(),
        (problem) => (problem ? 'failed' : 'succeeded'),
      );
    } catch (error) {
      if (error instanceof ClusterUnreachableError) {
        // Logged once here; the action turns the report's message into the one error annotation.
        this.logger.info(error.message);
        return error.message;
      }
      throw error;
    }
  }

  /**
   * Every image resolved in its registry before the first mutating call (and before migrations): refused under
   * `image_preflight: enforce` when an image is missing or the cluster has no credentials for it. With
   * `pin_digests: true` the manifests to apply are rewritten to image@sha256:…. Undefined: refused.
   */
  private async preflight(prepared: CheckedPlan): Promise<CheckedPlan | undefined> {
    const { request, deps } = this;
    const settings = imagePreflightSettings(request.control.config, request.environment);
    if (settings.mode === 'off') return prepared;
    if (!deps.fetch) {
      this.note('Image preflight not run: no registry client in this context.');
      return prepared;
    }
    const fetch = deps.fetch;
    const result = await this.phase(
      'preflight',
      `Image preflight (${settings.mode}${settings.pinDigests ? ', pin digests' : ''})`,
      () =>
        preflightObjects(
          environmentPreflightRequest(prepared, { mode: settings.mode as 'enforce' | 'warn', pinDigests: settings.pinDigests }, request.registryCredentials),
          {
            fetch,
            kube: this.deps.kube,
            registerSecret: deps.registerSecret,
            logger: this.inner(),
            ...(deps.registryTimeoutMs ? { timeoutMs: deps.registryTimeoutMs } : {}),
          },
        ),
      (r) => (r.report.refused ? 'failed' : 'succeeded'),
    );
    this.report.preflight = { ...result.report, pinned: result.pinned };
    if (result.report.refused) return undefined;
    if (result.pinned.length === 0) return prepared;
    const objects = [...result.objects];
    return { ...prepared, objects, yaml: objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n') };
  }

  private preflightMessage(): string {
    const errors = this.report.preflight?.findings.filter((f) => f.severity === 'error') ?? [];
    for (const finding of errors) this.report.errors.push(finding.message);
    return `Image preflight refused the deploy; nothing was applied: ${errors[0]?.message ?? 'see the errors'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;
  }

  private async deployTo(prepared: CheckedPlan): Promise<DeployReport> {
    const { request, deps } = this;
    this.prepared = prepared;
    const plan = request.dryRun;
    const session = createMigrationSession(
      {
        environment: request.environment,
        components: this.report.components,
        manifests: prepared.objects,
        migrations: prepared.migrations,
        mode: plan ? 'plan' : 'run',
        timeoutSeconds: migrationSettings(request.control).timeoutSeconds,
        slowSeconds: migrationSettings(request.control).slowSeconds,
        sha: request.git.sha,
      },
      { kube: this.deps.kube, clock: deps.clock, logger: this.inner(), ...(deps.timer ? { timer: deps.timer } : {}) },
    );

    const preFailed = await this.phase(
      'migrations-pre',
      `Migrations before apply${plan ? ' (plan)' : ''}`,
      async () => {
        let failed = (await session.genericPre()).failed;
        for (const component of this.report.components) {
          if (failed && !plan) break;
          failed = (await session.componentPre(component)).failed || failed;
        }
        return failed;
      },
      (failed) => (failed ? 'failed' : plan ? 'planned' : 'succeeded'),
    );
    this.report.migrations = session.report();
    if (preFailed && !plan) return this.finish('failed', `A pre-deploy migration failed; nothing was applied. ${this.migrationFailures()}`);

    const apply = await this.phase(
      'apply',
      `${plan ? 'Plan' : 'Apply'} ${request.environment}`,
      () =>
        applyEnvironment(
          {
            environment: request.environment,
            control: request.control,
            secrets: request.secrets,
            services: prepared.services,
            dryRun: plan,
            registerSecret: deps.registerSecret,
            manifests: { yaml: prepared.yaml, origin: prepared.overlay },
          },
          { kube: this.deps.kube, clock: deps.clock, logger: this.inner() },
        ),
      (report) => (!report.ok ? 'failed' : plan ? 'planned' : 'succeeded'),
    );
    this.report.apply = apply;
    this.report.resources = apply.resources;
    this.report.recreated = apply.recreated;

    if (plan) {
      await this.phase(
        'migrations-post',
        'Migrations after rollout (plan)',
        () => this.postMigrations(session),
        (failed) => (failed ? 'failed' : 'planned'),
      );
      this.report.migrations = session.report();
      if (this.pruneEnabled()) await this.prunePhase(prepared, undefined);
      const ok = apply.ok && this.report.migrations.status === 'succeeded';
      return this.finish(
        ok ? 'succeeded' : 'failed',
        ok
          ? `Plan for ${request.environment}: ${countActions(apply, true)}; nothing was changed.`
          : `Plan for ${request.environment} found problems: ${firstError(apply) ?? this.migrationFailures()}`,
      );
    }

    const settings = rolloutSettings(request.control, request.environment, {});
    const releaseStore = { namespace: request.releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE };
    if (!apply.ok) {
      // What did change still gets waited for and, per deploy-control, rolled back: a half-applied deploy is not left broken.
      if (apply.workloads.length > 0) await this.rollout(apply, settings, releaseStore);
      return this.finish('failed', `Apply failed: ${firstError(apply) ?? 'see the errors'}`);
    }

    const rollout = await this.rollout(apply, settings, releaseStore);
    if (rollout.status !== 'succeeded') {
      return this.finish(
        rollout.status,
        rollout.status === 'rolled-back' ? `Rollout failed and was rolled back (${rollout.rollback.mode}).` : 'Rollout failed.',
      );
    }

    const postFailed = await this.phase(
      'migrations-post',
      'Migrations after rollout',
      () => this.postMigrations(session),
      (failed) => (failed ? 'failed' : 'succeeded'),
    );
    this.report.migrations = session.report();
    if (postFailed) {
      const rolledBack = await this.rollbackAfterPostMigration(rollout, settings, releaseStore);
      return this.finish(
        rolledBack ? 'rolled-back' : 'failed',
        `A post-deploy migration failed${rolledBack ? '; rolled back' : ''}. ${this.migrationFailures()}`,
      );
    }

    const notDeployed = serviceSelection(request.control.config, request.environment, prepared.services);
    const recorded = await this.phase(
      'release',
      'Record release',
      async () => {
        try {
          const recorded = await recordRelease(
            {
              environment: request.environment,
              ...releaseStore,
              sha: request.git.sha || 'unknown',
              manifests: releaseObjects(prepared.objects, apply),
              time: deps.clock.now(),
              images: this.report.preflight?.pinned ?? [],
              // Objects of services not deployed this time stay in the inventory: their own deploy prunes them.
              carryForward: (entry) => notDeployed(entryObject(entry)) !== undefined,
            },
            { kube: this.deps.kube },
          );
          this.report.release = { recorded: recorded.record, dropped: recorded.dropped };
          this.logger.info(`recorded release ${recorded.record.revision} in ${recorded.configMap} (${recorded.record.objects} objects)`);
          return { previous: recorded.previous };
        } catch (error) {
          // The workloads are up; an unrecorded release only weakens a later `rollback: release`.
          const message = error instanceof Error ? error.message : String(error);
          this.report.release = { error: message };
          this.logger.warning(`release not recorded: ${message}`);
          return undefined;
        }
      },
      (recorded) => (recorded ? 'succeeded' : 'failed'),
    );
    const deployed = `Deployed ${shortSha(request.git.sha)} to ${request.environment}: ${countActions(apply, false)}.`;
    if (!this.pruneEnabled()) return this.finish('succeeded', deployed);
    if (!recorded) {
      this.note('Nothing was pruned: prune runs only after the release is recorded (its inventory is what the next prune compares with).');
      return this.finish('succeeded', deployed);
    }
    const pruned = await this.prunePhase(prepared, recorded.previous ?? null);
    return this.finish('succeeded', pruned.status === 'failed' ? `${deployed} Prune failed: ${pruned.message}` : deployed);
  }

  private pruneEnabled(): boolean {
    return environmentSettings(this.request.control.config, this.request.environment).prune;
  }

  /**
   * Prune after a recorded release (`previous`: the release before it), or in a dry run (`previous` undefined: the
   * newest release is read). Objects of services this deploy did not deploy are never candidates.
   */
  private async prunePhase(prepared: CheckedPlan, previous: ReleaseRecord | null | undefined): Promise<PruneReport> {
    const { request, deps } = this;
    const plan = request.dryRun;
    const report = await this.phase(
      'prune',
      plan ? 'Prune (plan)' : 'Prune what the overlay no longer renders',
      async (): Promise<PruneReport> => {
        try {
          const common = {
            environment: request.environment,
            rendered: prepared.objects,
            notDeployed: serviceSelection(request.control.config, request.environment, prepared.services),
            timeoutSeconds: environmentSettings(request.control.config, request.environment).rolloutTimeoutSeconds,
          };
          const pruneDeps = { kube: this.deps.kube, clock: deps.clock, logger: this.inner() };
          const result =
            previous === undefined
              ? await planPrune({ ...common, releaseNamespace: request.releaseNamespace ?? DEFAULT_RELEASE_NAMESPACE }, { ...pruneDeps, kube: this.deps.kube })
              : await prune({ ...common, previous: previous ?? undefined, dryRun: false }, pruneDeps);
          for (const row of result.objects) {
            this.logger.info(`${row.action}: ${row.kind} ${row.namespace ? `${row.namespace}/` : ''}${row.name}${row.reason ? ` (${row.reason})` : ''}`);
          }
          this.logger.info(result.message);
          return result;
        } catch (error) {
          if (!(error instanceof PruneAbort) && !(error instanceof ReleaseStoreError)) throw error;
          return { status: 'failed', message: error.message, objects: [] };
        }
      },
      (r) => (r.status === 'failed' ? 'failed' : r.status === 'planned' ? 'planned' : r.status === 'skipped' ? 'skipped' : 'succeeded'),
    );
    if (report.status === 'failed') this.logger.warning(`prune: ${report.message}`);
    this.report.prune = report;
    return report;
  }

  private async rollout(apply: ApplyReport, settings: ReturnType<typeof rolloutSettings>, releaseStore: { namespace: string }): Promise<RolloutResult> {
    const { request, deps } = this;
    const result = await this.phase(
      'rollout',
      `Rollout of ${apply.workloads.length} workload(s) (timeout ${settings.timeoutSeconds} s)`,
      () =>
        runRollout(
          {
            environment: request.environment,
            workloads: apply.workloads,
            timeoutSeconds: settings.timeoutSeconds,
            rollback: settings.rollback,
            releaseStore,
            templatesBefore: apply.templatesBefore,
            applied: appliedObjects(this.prepared?.objects ?? [], apply),
            ...(request.wait ? { wait: request.wait } : {}),
          },
          { kube: this.deps.kube, clock: deps.clock, logger: this.inner(), reapply: this.engineReapply() },
        ),
      (r) => (r.status === 'succeeded' ? 'succeeded' : r.status === 'rolled-back' ? 'rolled-back' : 'failed'),
    );
    const { release: _release, ...report } = publicReport(result);
    this.report.rollout = report;
    if (report.rollback.status !== 'none') this.report.rollback = report.rollback;
    return result;
  }

  private async postMigrations(session: MigrationSession): Promise<boolean> {
    const plan = this.request.dryRun;
    let failed = false;
    for (const component of this.report.components) {
      failed = (await session.componentPost(component)).failed || failed;
      if (failed && !plan) return true;
    }
    return (await session.genericPost()).failed || failed;
  }

  /** deploy-control's rollback rules after a failed post migration: the workloads of its components (generic: all). */
  private async rollbackAfterPostMigration(
    rollout: RolloutResult,
    settings: ReturnType<typeof rolloutSettings>,
    releaseStore: { namespace: string },
  ): Promise<boolean> {
    const failedResults = (this.report.migrations?.results ?? []).filter((r) => r.status === 'failed' || r.status === 'timed-out');
    const generic = failedResults.some((r) => r.point === 'generic-post');
    const components = new Set(failedResults.map((r) => r.component).filter((c): c is string => Boolean(c)));
    const policy = settings.rollback;
    const candidates = rollout.results.filter((r) => generic || components.has(workloadService(r)));
    const eligible = candidates.filter((r) => rollbackEligible(r, policy));
    if (policy.mode === 'never' || eligible.length === 0) {
      this.note(
        candidates.length
          ? `Not rolled back: rollback_on_failure is not set for ${[...new Set(candidates.map(workloadService))].join(', ')}.`
          : 'Not rolled back: no workload of the failed migration changed in this deploy.',
      );
      return false;
    }
    const report = await this.phase(
      'rollback',
      `Rollback (${policy.mode}) after a failed post-deploy migration`,
      () =>
        rollbackWorkloads(
          {
            mode: policy.mode,
            environment: this.request.environment,
            workloads: eligible,
            ...(policy.services ? { services: new Set(eligible.map(workloadService)) } : {}),
            releaseStore,
            ...(this.report.apply
              ? { templatesBefore: this.report.apply.templatesBefore, applied: appliedObjects(this.prepared?.objects ?? [], this.report.apply) }
              : {}),
            wait: { ...this.request.wait, timeoutSeconds: settings.timeoutSeconds },
          },
          { kube: this.deps.kube, clock: this.deps.clock, logger: this.inner(), reapply: this.engineReapply() },
        ),
      (r) => (r.status === 'succeeded' ? 'rolled-back' : 'failed'),
    );
    this.report.rollback = report;
    return report.status === 'succeeded';
  }

  /**
   * The rollout's `reapply` seam, routed through the apply engine: a release rollback gets the same staging, honest
   * per-object results and immutable-field recovery as a deploy. Releases hold no Secrets, so no values are needed.
   */
  private engineReapply(): Reapply {
    return async (manifests) => {
      const report = await applyEnvironment(
        {
          environment: this.request.environment,
          control: this.request.control,
          secrets: {},
          dryRun: false,
          registerSecret: this.deps.registerSecret,
          manifests: { yaml: yamlStream(manifests), origin: `release of ${this.request.environment}` },
        },
        { kube: this.deps.kube, clock: this.deps.clock, logger: this.inner() },
      );
      const counts = countActions(report, false);
      return { ok: report.ok, message: report.ok ? counts : `${report.errors.join('; ')} (${counts})` };
    };
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** One log group per phase, titled with the phase and closed with its duration; a row in the phase table. */
  private async phase<T>(name: PhaseName, title: string, body: () => Promise<T>, outcomeOf: (value: T) => PhaseOutcome): Promise<T> {
    const started = this.deps.clock.now().getTime();
    let outcome: PhaseOutcome = 'error';
    try {
      return await this.deps.logger.group(`${name}: ${this.redact(title)}`, async () => {
        try {
          const value = await body();
          outcome = outcomeOf(value);
          return value;
        } finally {
          const seconds = (this.deps.clock.now().getTime() - started) / 1000;
          this.logger.info(`${name} ${outcome} in ${seconds.toFixed(1)} s`);
        }
      });
    } finally {
      const seconds = Math.round((this.deps.clock.now().getTime() - started) / 100) / 10;
      this.report.phases.push({ name, seconds, outcome });
    }
  }

  /** The building blocks' own groups become plain headings inside the phase's group (the runner cannot nest groups). */
  private inner(): Logger {
    const logger = this.logger;
    return {
      info: (message) => logger.info(message),
      warning: (message) => logger.warning(message),
      group: async (name, body) => {
        logger.info(`-- ${name}`);
        return body();
      },
    };
  }

  private note(message: string): void {
    this.report.notes.push(message);
    this.logger.info(message);
  }

  private migrationFailures(): string {
    return (this.report.migrations?.results ?? [])
      .filter((r) => r.status === 'failed' || r.status === 'timed-out')
      .map((r) => `${r.id}: ${r.error ?? r.status}`)
      .join('; ');
  }

  private finish(status: DeployStatus, message: string): DeployReport {
    this.report.status = status;
    this.report.message = message;
    if (status === 'failed' && this.report.migrations?.status === 'failed') {
      for (const failure of this.migrationFailures().split('; ').filter(Boolean)) this.report.errors.push(`migration ${failure}`);
    }
    // Anything quoted from the cluster (container logs above all) may echo a secret value.
    return redactDeep(this.report, this.redact);
  }
}

function shortSha(sha: string): string {
  return sha ? sha.slice(0, 12) : 'the working tree';
}

function firstError(apply: ApplyReport): string | undefined {
  return apply.errors[0]?.split('\n')[0];
}

function countActions(report: ApplyReport, plan: boolean): string {
  const counts = new Map<string, number>();
  for (const resource of report.resources) counts.set(resource.action, (counts.get(resource.action) ?? 0) + 1);
  const text = [...counts].map(([action, count]) => `${count} ${action}`).join(', ');
  return text ? `${plan ? 'would be ' : ''}${text}` : 'no resources';
}

/**
 * The release of a deploy: the rendered objects the apply left in the cluster as desired (Secrets reduced to their
 * identity, so the record lists them and never holds a value — not even a placeholder).
 */
export function releaseObjects(objects: readonly KubernetesObject[], apply: ApplyReport): KubernetesObject[] {
  return appliedObjects(objects, apply).map((object) =>
    object.kind === 'Secret'
      ? {
          apiVersion: object.apiVersion,
          kind: 'Secret',
          metadata: {
            name: object.metadata.name,
            ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
            // Labels are no secret, and the inventory needs the service ones (see prune/inventory.ts).
            ...(object.metadata.labels ? { labels: object.metadata.labels } : {}),
          },
        }
      : object,
  );
}

/** The rendered objects the apply left in the cluster as desired. */
export function appliedObjects(objects: readonly KubernetesObject[], apply: ApplyReport): KubernetesObject[] {
  const inCluster = new Set(apply.resources.filter((r) => IN_CLUSTER.has(r.action)).map((r) => resourceKey(r)));
  return objects.filter((object) => inCluster.has(resourceKey(idOf(object))));
}

/** The seam hands over JSON objects, one per line (rollback.ts); the engine reads YAML streams. */
export function yamlStream(manifests: string): string {
  const trimmed = manifests.trim();
  if (!trimmed.startsWith('{')) return manifests;
  return trimmed
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => stringify(JSON.parse(line), { lineWidth: 0 }))
    .join('---\n');
}

export function redactingLogger(logger: Logger, redact: (text: string) => string): Logger {
  return {
    info: (message) => logger.info(redact(message)),
    warning: (message) => logger.warning(redact(message)),
    group: (name, body) => logger.group(redact(name), body),
  };
}

/** A copy of `value` with `redact` applied to every string in it. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => redactDeep(item, redact)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) as T;
  }
  return value;
}

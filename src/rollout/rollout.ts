import { serviceOf, type KubernetesObject } from '../manifests/resource.js';
import { recordRelease, type ReleaseRecord, type ReleaseStoreOptions } from './releases.js';
import { rollbackWorkloads, type RollbackDeps } from './rollback.js';
import type { RollbackMode, RolloutReport, TemplatesBefore, WorkloadRef, WorkloadResult } from './types.js';
import { waitForWorkloads, type WaitOptions } from './waiter.js';

export interface RollbackPolicy {
  mode: RollbackMode;
  /**
   * Per service (deploy-control `services.<name>.rollback_on_failure`): only failed workloads of services set to
   * true are rolled back. Undefined = every failed workload (an explicit `rollback: undo|release`).
   */
  services?: Record<string, boolean>;
}

export interface RolloutRequest {
  environment: string;
  workloads: WorkloadRef[];
  timeoutSeconds: number;
  rollback: RollbackPolicy;
  /** Where release records live (namespace default `default`). */
  releaseStore?: Omit<ReleaseStoreOptions, 'environment'>;
  /** Record a release when every workload succeeded. */
  record?: { sha: string; manifests: string; keep?: number };
  wait?: Omit<WaitOptions, 'timeoutSeconds'>;
  /** The pod templates the apply read before it changed them (ApplyReport.templatesBefore): what `undo` restores. */
  templatesBefore?: TemplatesBefore;
  /** Objects the deploy applied; a release rollback lists those the release lacks (it never deletes them). */
  applied?: readonly KubernetesObject[];
}

export interface RolloutResult extends RolloutReport {
  /** Release recorded after success, or why recording failed (the rollout itself still succeeded). */
  release?: { recorded?: ReleaseRecord; dropped?: number[]; error?: string };
  /** Full per-workload results (with the last live object) for callers that need more than the report. */
  results: WorkloadResult[];
}

/** The service a workload belongs to, from its live labels (serviceOf) or its name when it was never seen. */
export function workloadService(result: WorkloadResult): string {
  const object: KubernetesObject = result.live ?? { apiVersion: '', kind: result.kind, metadata: { name: result.name } };
  return serviceOf(object);
}

/** The one rollback-eligibility rule: every failed workload, or with per-service settings only those set to roll back. */
export function rollbackEligible(result: WorkloadResult, rollback: { services?: Record<string, boolean> }): boolean {
  return !rollback.services || rollback.services[workloadService(result)] === true;
}

/**
 * Entry point for the deploy pipeline: waits for all workloads in parallel with fail-fast diagnosis, rolls back
 * failed ones per policy (and waits for that), records a release on success, and returns the Rollout report.
 */
export async function runRollout(request: RolloutRequest, deps: RollbackDeps): Promise<RolloutResult> {
  const { logger } = deps;
  const wait: WaitOptions = { ...request.wait, timeoutSeconds: request.timeoutSeconds };
  const results = await logger.group(`Wait for ${request.workloads.length} workload(s) (timeout ${request.timeoutSeconds} s)`, () =>
    waitForWorkloads(request.workloads, wait, deps),
  );
  const failed = results.filter((r) => r.status !== 'succeeded');
  const eligible = failed.filter((r) => rollbackEligible(r, request.rollback));
  for (const result of failed.filter((r) => !eligible.includes(r))) {
    logger.info(`${result.kind}/${result.name}: not rolled back (rollback_on_failure is not set for service ${workloadService(result)})`);
  }
  const services = request.rollback.services ? new Set(eligible.map(workloadService)) : undefined;
  const rollback =
    request.rollback.mode !== 'never' && eligible.length
      ? await logger.group(`Rollback (${request.rollback.mode})`, () =>
          rollbackWorkloads(
            {
              mode: request.rollback.mode,
              environment: request.environment,
              workloads: eligible,
              ...(services ? { services } : {}),
              ...(request.releaseStore ? { releaseStore: request.releaseStore } : {}),
              ...(request.templatesBefore ? { templatesBefore: request.templatesBefore } : {}),
              ...(request.applied ? { applied: request.applied } : {}),
              wait,
            },
            deps,
          ),
        )
      : { mode: request.rollback.mode, workloads: [], status: 'none' as const };

  const status: RolloutReport['status'] = !failed.length ? 'succeeded' : rollback.status === 'succeeded' ? 'rolled-back' : 'failed';
  const report: RolloutResult = {
    status,
    environment: request.environment,
    workloads: results.map((r) => ({
      kind: r.kind,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      name: r.name,
      status: r.status,
      seconds: r.seconds,
      reason: r.reason,
      message: r.message,
      diagnosis: r.diagnosis,
    })),
    rollback,
    results,
  };
  if (status === 'succeeded' && request.record) {
    try {
      const recorded = await recordRelease({ environment: request.environment, ...request.releaseStore, ...request.record, time: deps.clock.now() }, deps);
      report.release = { recorded: recorded.record, dropped: recorded.dropped };
      const stripped = recorded.record.strippedSecrets.length ? `; Secrets left out: ${recorded.record.strippedSecrets.join(', ')}` : '';
      logger.info(`recorded release ${recorded.record.revision} in ${recorded.configMap}${stripped}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.release = { error: message };
      logger.warning(`release not recorded: ${message}`);
    }
  }
  return report;
}

/** The JSON the CLI prints and the action outputs: the report without live objects. */
export function publicReport(result: RolloutResult): RolloutReport & { release?: RolloutResult['release'] } {
  const { results: _results, ...report } = result;
  return report;
}

import type { DeployReport } from './types.js';

/**
 * The JSON of `k8sapp deploy --json` (the contract: decision, resources, recreated, rollout, rollback, release,
 * status — plus what explains them). The full apply report is left out: `resources`/`recreated` carry its content.
 */
export function deployJson(report: DeployReport) {
  return {
    status: report.status,
    message: report.message,
    environment: report.environment,
    trigger: report.trigger,
    dryRun: report.dryRun,
    decision: report.decision,
    approval: report.approval,
    notes: report.notes,
    resources: report.resources,
    recreated: report.recreated,
    rollout: report.rollout,
    rollback: report.rollback,
    release: report.release,
    prune: report.prune,
    migrations: report.migrations,
    preflight: report.preflight,
    phases: report.phases,
    deployment: report.deployment,
    errors: [...(report.apply?.errors ?? []), ...report.errors],
    warnings: report.apply?.warnings ?? [],
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDeployControl, overlayPath, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { streamLogger, systemClock } from '../../log.js';
import { parseWorkloads, rolloutSettings, workloadsOf } from '../../rollout/config.js';
import { publicReport, runRollout } from '../../rollout/rollout.js';
import { diagnosisRows, diagnosisTable, formatTable, rollbackTable, rolloutTable, verdictLine } from '../../rollout/summary.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, kubectlFor, KUBECONFIG_OPTION, ensureReachable } from '../command.js';

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'Wait for an environment\'s workloads in parallel, diagnose failures fast, and roll back per deploy-control.',
  usage:
    '--env ENV [--kubeconfig FILE] [--workloads JSON|@FILE] [--timeout SECONDS] [--rollback auto|never|undo|release] [--manifests FILE --sha SHA] [--release-namespace NS]',
  options: {
    env: { type: 'string' },
    ...KUBECONFIG_OPTION,
    workloads: { type: 'string' },
    timeout: { type: 'string' },
    rollback: { type: 'string' },
    manifests: { type: 'string' },
    sha: { type: 'string' },
    'release-namespace': { type: 'string' },
  },
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('--env ENV is required');
    const controlFile = controlFileIn(context.root);
    const rollbackChoice = stringValue(context.values, 'rollback');
    const control = existsSync(controlFile) || (rollbackChoice ?? 'auto') === 'auto' ? await loadDeployControl(controlFile) : undefined;
    const timeout = stringValue(context.values, 'timeout');
    const settings = rolloutSettings(control, environment, { ...(timeout ? { timeout } : {}), ...(rollbackChoice ? { rollback: rollbackChoice } : {}) });
    const kubectl = kubectlFor(context);
    const workloadsArg = stringValue(context.values, 'workloads');
    let workloads;
    if (workloadsArg) {
      const text = workloadsArg.startsWith('@') ? await readFile(workloadsArg.slice(1), 'utf8') : workloadsArg;
      workloads = parseWorkloads(text, '--workloads');
    } else {
      if (!control) throw new ConfigurationError(`no --workloads and no ${controlFile} to render the overlay from`);
      const rendered = await kubectl.kustomize(overlayPath(control, environment));
      if (rendered.exitCode !== 0) throw new ConfigurationError(`kubectl kustomize failed: ${rendered.stderr.trim()}`);
      workloads = workloadsOf(rendered.stdout);
    }
    const manifests = stringValue(context.values, 'manifests');
    const record = manifests
      ? { sha: stringValue(context.values, 'sha') ?? context.env.GITHUB_SHA ?? 'unknown', manifests: await readFile(manifests, 'utf8') }
      : undefined;
    await ensureReachable(context, kubectl, 'no workload was waited for');
    const result = await runRollout(
      {
        environment,
        workloads,
        timeoutSeconds: settings.timeoutSeconds,
        rollback: settings.rollback,
        releaseStore: { namespace: stringValue(context.values, 'release-namespace') ?? 'default' },
        ...(record ? { record } : {}),
      },
      { kubectl, clock: { now: context.now, sleep: systemClock.sleep }, logger: streamLogger(context.err) },
    );
    const report = publicReport(result);
    if (context.json) {
      context.out(JSON.stringify(report, null, 2));
    } else {
      context.out(formatTable(rolloutTable(report)));
      const rows = diagnosisRows(report);
      if (rows.length) context.out(`\nDiagnosis:\n${formatTable(diagnosisTable(rows))}`);
      if (report.rollback.workloads.length) context.out(`\nRollback (${report.rollback.mode}): ${report.rollback.status}\n${formatTable(rollbackTable(report))}`);
      context.out(`\n${verdictLine(report)}`);
    }
    return report.status === 'succeeded' ? EXIT_OK : EXIT_FAILED;
  },
};

import { existsSync } from 'node:fs';
import { loadDeployControl, overlayPath, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { renderOverlay } from '../../manifests/render.js';
import { streamLogger, systemClock } from '../../log.js';
import { parseWorkloads, ROLLBACK_CHOICES, rolloutSettings, workloadsOf } from '../../rollout/config.js';
import { DEFAULT_RELEASE_NAMESPACE } from '../../rollout/releases.js';
import { publicReport, runRollout } from '../../rollout/rollout.js';
import { textTable } from '../../report/text.js';
import { diagnosisRows, diagnosisTable, rollbackTable, rolloutTable, verdictLine } from '../../rollout/summary.js';
import {
  ENV_OPTION,
  EXIT_FAILED,
  EXIT_OK,
  KUBECONFIG_OPTION,
  RELEASE_NAMESPACE_OPTION,
  TIMEOUT_OPTION,
  ensureReachable,
  kubeFor,
  kubectlFor,
  readOptionFile,
  stringValue,
  type Command,
} from '../command.js';

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: "Wait for an environment's workloads in parallel, diagnose failures fast, and roll back per deploy-control.",
  options: [
    ENV_OPTION,
    KUBECONFIG_OPTION,
    {
      name: 'workloads',
      value: 'JSON|@FILE',
      defaultText: "every workload (Deployment, StatefulSet, DaemonSet, Job) in the environment's overlay",
      description:
        'The workloads to wait for: a JSON array of {"kind","namespace","name"} (or the apply report, which has "workloads"), inline or read from FILE with @FILE.',
    },
    TIMEOUT_OPTION,
    {
      name: 'rollback',
      value: 'MODE',
      choices: ROLLBACK_CHOICES,
      default: 'auto',
      description:
        "What to do with a workload that fails: auto follows deploy-control.yaml (the environment's rollback mode, for services with rollback_on_failure: true); never leaves it; undo restores the template that ran before (else the newest earlier Ready revision, as kubectl rollout undo would); release re-applies the last recorded release.",
    },
    {
      name: 'manifests',
      value: 'FILE',
      description: 'The rendered manifests that were applied; when every workload is ready they are recorded as a new release (what k8sapp rollback restores).',
      defaultText: 'no release is recorded',
    },
    { name: 'sha', value: 'SHA', defaultText: '$GITHUB_SHA, else unknown', description: 'Commit recorded with the release, with --manifests.' },
    RELEASE_NAMESPACE_OPTION,
  ],
  notes:
    'Every workload is waited for in parallel; the wait stops within seconds on ImagePullBackOff, CrashLoopBackOff, FailedCreate, unschedulable pods or failed volume provisioning, with a diagnosis.',
  exitCodes: [
    [0, 'every workload is ready'],
    [1, 'a workload failed (rolled back or not)'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp rollout --env dev --kubeconfig dev.yaml', "wait for dev's workloads; roll back as deploy-control.yaml says"],
    [
      'k8sapp rollout --env dev --rollback never --workloads \'[{"kind":"Deployment","namespace":"web","name":"api"}]\'',
      'wait for one Deployment, never roll back',
    ],
    [
      'k8sapp rollout --env prod --kubeconfig prod.yaml --manifests rendered.yaml --sha "$(git rev-parse HEAD)"',
      'wait, then record rendered.yaml as a release',
    ],
  ],
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
      const text = workloadsArg.startsWith('@') ? await readOptionFile(context, 'workloads', workloadsArg.slice(1)) : workloadsArg;
      workloads = parseWorkloads(text, '--workloads');
    } else {
      if (!control) throw new ConfigurationError(`no --workloads and no ${controlFile} to render the overlay from`);
      workloads = workloadsOf((await renderOverlay(kubectl, overlayPath(control, environment))).yaml);
    }
    const manifests = stringValue(context.values, 'manifests');
    const record = manifests
      ? { sha: stringValue(context.values, 'sha') ?? context.env.GITHUB_SHA ?? 'unknown', manifests: await readOptionFile(context, 'manifests', manifests) }
      : undefined;
    await ensureReachable(context, 'no workload was waited for');
    const result = await runRollout(
      {
        environment,
        workloads,
        timeoutSeconds: settings.timeoutSeconds,
        rollback: settings.rollback,
        releaseStore: { namespace: stringValue(context.values, 'release-namespace') ?? DEFAULT_RELEASE_NAMESPACE },
        ...(record ? { record } : {}),
      },
      { kube: kubeFor(context), clock: { now: context.now, sleep: systemClock.sleep }, logger: streamLogger(context.err) },
    );
    const report = publicReport(result);
    if (context.json) {
      context.out(JSON.stringify(report, null, 2));
    } else {
      const { style } = context;
      context.out(textTable(rolloutTable(report), { style }));
      const rows = diagnosisRows(report);
      if (rows.length) context.out(`\nDiagnosis:\n${textTable(diagnosisTable(rows), { style, indent: '  ' })}`);
      if (report.rollback.workloads.length) {
        context.out(`\nRollback (${report.rollback.mode}): ${report.rollback.status}\n${textTable(rollbackTable(report), { style, indent: '  ' })}`);
      }
      context.out(`\n${report.status === 'succeeded' ? style.green(verdictLine(report)) : style.red(verdictLine(report))}`);
    }
    return report.status === 'succeeded' ? EXIT_OK : EXIT_FAILED;
  },
};

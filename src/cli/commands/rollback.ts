import { existsSync } from 'node:fs';
import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { streamLogger, systemClock } from '../../log.js';
import { rolloutSettings } from '../../rollout/config.js';
import { DEFAULT_RELEASE_NAMESPACE } from '../../rollout/releases.js';
import { rollbackToRelease } from '../../rollout/rollback.js';
import { textTable } from '../../report/text.js';
import { rollbackTable } from '../../rollout/summary.js';
import {
  ENV_OPTION,
  EXIT_FAILED,
  EXIT_OK,
  KUBECONFIG_OPTION,
  RELEASE_NAMESPACE_OPTION,
  TIMEOUT_OPTION,
  kubeFor,
  stringValue,
  type Command,
} from '../command.js';

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Re-apply a recorded release of an environment (default: the one before the newest) and wait for it.',
  options: [
    ENV_OPTION,
    KUBECONFIG_OPTION,
    {
      name: 'to',
      value: 'REVISION',
      defaultText: 'the release before the newest',
      description: 'The release revision to restore (k8sapp releases lists them).',
    },
    TIMEOUT_OPTION,
    RELEASE_NAMESPACE_OPTION,
  ],
  notes: 'Re-applies the recorded manifests (ConfigMaps and Services too; Secrets are never recorded, so they stay as they are) and waits for the workloads.',
  exitCodes: [
    [0, 'the release was re-applied and its workloads are ready'],
    [1, 'no such release, or the workloads did not become ready'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp rollback --env prod --kubeconfig prod.yaml', 'back to the release before the newest'],
    ['k8sapp rollback --env prod --kubeconfig prod.yaml --to 41 --timeout 900', 'back to release 41, waiting up to 15 minutes'],
  ],
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('--env ENV is required');
    const to = stringValue(context.values, 'to');
    if (to !== undefined && !/^\d+$/.test(to)) throw new ConfigurationError(`--to must be a release revision number (see k8sapp releases), got "${to}"`);
    const controlFile = controlFileIn(context.root);
    const control = existsSync(controlFile) ? await loadDeployControl(controlFile) : undefined;
    const timeout = stringValue(context.values, 'timeout');
    const settings = rolloutSettings(control, environment, { ...(timeout ? { timeout } : {}), rollback: 'release' });
    // A missing or unreadable release store, an unreachable cluster: main prints the one line (and the JSON error).
    const report = await rollbackToRelease(
      {
        environment,
        releaseStore: { namespace: stringValue(context.values, 'release-namespace') ?? DEFAULT_RELEASE_NAMESPACE },
        ...(to !== undefined ? { revision: Number(to) } : {}),
        wait: { timeoutSeconds: settings.timeoutSeconds },
      },
      { kube: kubeFor(context), clock: { now: context.now, sleep: systemClock.sleep }, logger: streamLogger(context.err) },
    );
    if (context.json) context.out(JSON.stringify(report, null, 2));
    else {
      const { style } = context;
      context.out(textTable(rollbackTable({ status: 'failed', workloads: [], rollback: report }), { style }));
      const status = report.status === 'succeeded' ? style.green(report.status) : style.red(report.status);
      context.out(`\nrollback to release ${report.release}: ${status}${report.message ? ` (${report.message})` : ''}`);
    }
    return report.status === 'succeeded' ? EXIT_OK : EXIT_FAILED;
  },
};

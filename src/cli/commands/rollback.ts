import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { streamLogger, systemClock } from '../../log.js';
import { rolloutSettings } from '../../rollout/config.js';
import { rollbackToRelease } from '../../rollout/rollback.js';
import { formatTable, rollbackTable } from '../../rollout/summary.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, kubectlFor, KUBECONFIG_OPTION } from '../command.js';

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Re-apply a recorded release of an environment (default: the one before the newest) and wait for it.',
  usage: '--env ENV [--kubeconfig FILE] [--to REVISION] [--timeout SECONDS] [--release-namespace NS]',
  options: {
    env: { type: 'string' },
    ...KUBECONFIG_OPTION,
    to: { type: 'string' },
    timeout: { type: 'string' },
    'release-namespace': { type: 'string' },
  },
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('--env ENV is required');
    const to = stringValue(context.values, 'to');
    if (to !== undefined && !/^\d+$/.test(to)) throw new ConfigurationError(`--to must be a release revision number (see k8sapp releases), got "${to}"`);
    const controlFile = controlFileIn(context.root);
    const control = existsSync(controlFile) ? await loadDeployControl(controlFile) : undefined;
    const timeout = stringValue(context.values, 'timeout');
    const settings = rolloutSettings(control, environment, { ...(timeout ? { timeout } : {}), rollback: 'release' });
    const kubectl = kubectlFor(context);
    // A missing or unreadable release store, an unreachable cluster: main prints the one line (and the JSON error).
    const report = await rollbackToRelease(
      {
        environment,
        releaseStore: { namespace: stringValue(context.values, 'release-namespace') ?? 'default' },
        ...(to !== undefined ? { revision: Number(to) } : {}),
        wait: { timeoutSeconds: settings.timeoutSeconds },
      },
      { kubectl, clock: { now: context.now, sleep: systemClock.sleep }, logger: streamLogger(context.err) },
    );
    if (context.json) context.out(JSON.stringify(report, null, 2));
    else {
      context.out(formatTable(rollbackTable({ status: 'failed', workloads: [], rollback: report })));
      context.out(`\nrollback to release ${report.release}: ${report.status}${report.message ? ` (${report.message})` : ''}`);
    }
    return report.status === 'succeeded' ? EXIT_OK : EXIT_FAILED;
  },
};

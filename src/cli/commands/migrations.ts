import { controlFileIn } from '../../config/deploy-control.js';
import { join } from 'node:path';
import { ConfigurationError, formatFinding } from '../../errors.js';
import { streamLogger, systemClock } from '../../log.js';
import { prepareMigrations } from '../../migrations/prepare.js';
import { formatDuration, runMigrations } from '../../migrations/runner.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command, kubectlFor, ensureReachable } from '../command.js';

export const migrationsCommand: Command = {
  name: 'migrations',
  summary: 'List the migrations in scope for an environment with their isNeeded answers; --run executes the needed ones.',
  usage: '--env ENV [--kubeconfig FILE] [--component NAME]... [--run] [--sha SHA]',
  options: {
    env: { type: 'string' },
    kubeconfig: { type: 'string' },
    component: { type: 'string', multiple: true },
    run: { type: 'boolean', default: false },
    sha: { type: 'string' },
  },
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('k8sapp migrations: --env ENV is required');
    const kubectl = kubectlFor(context);
    const components = (context.values.component as string[] | undefined) ?? [];
    const prepared = await prepareMigrations({
      controlFile: controlFileIn(context.root),
      environment,
      components,
      kubectl,
      sha: stringValue(context.values, 'sha') ?? context.env.GITHUB_SHA,
    });
    const logger = streamLogger(context.err);
    await ensureReachable(context, kubectl, 'no migration was asked or run');
    const report = await runMigrations(
      { ...prepared.request, mode: context.values.run === true ? 'run' : 'plan' },
      { kubectl, clock: { now: context.now, sleep: systemClock.sleep }, logger },
    );
    if (context.json) {
      context.out(JSON.stringify(report, null, 2));
    } else {
      for (const finding of report.findings) context.err(formatFinding(finding));
      if (report.results.length === 0) context.out(`No migrations in scope for ${environment}.`);
      for (const r of report.results) {
        const needed = r.needed === undefined ? '' : r.needed ? ' needed' : '';
        const where = `${r.point}${r.component ? `:${r.component}` : ''}`;
        context.out(`${r.status.padEnd(11)} ${r.id}  (${where}${needed}, ${formatDuration(r.durationMs)})${r.error ? `\n  ${r.error}` : ''}`);
      }
      if (report.outOfScope.length) context.out(`not in scope: ${report.outOfScope.join(', ')}`);
    }
    return report.status === 'failed' ? EXIT_FAILED : EXIT_OK;
  },
};

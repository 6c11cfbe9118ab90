import { controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError, formatFinding } from '../../errors.js';
import { streamLogger, systemClock } from '../../log.js';
import { prepareMigrations } from '../../migrations/prepare.js';
import { formatElapsed, runMigrations, type MigrationResult } from '../../migrations/runner.js';
import { textTable, type Style } from '../../report/text.js';
import { ENV_OPTION, EXIT_FAILED, EXIT_OK, KUBECONFIG_OPTION, ensureReachable, kubeFor, kubectlFor, listValue, stringValue, type Command } from '../command.js';

function migrationsTable(results: readonly MigrationResult[], style: Style): string {
  const rows = results.map((r) => [
    r.status === 'failed' ? style.red(r.status) : r.status,
    r.id,
    `${r.point}${r.component ? `:${r.component}` : ''}`,
    r.needed === undefined ? '-' : r.needed ? 'yes' : 'no',
    formatElapsed(r.durationMs),
    r.error ?? '',
  ]);
  return textTable([['STATUS', 'MIGRATION', 'POINT', 'NEEDED', 'TIME', 'ERROR'], ...rows], { style });
}

export const migrationsCommand: Command = {
  name: 'migrations',
  summary: 'List the migrations in scope for an environment with their isNeeded answers; --run executes the needed ones.',
  options: [
    ENV_OPTION,
    KUBECONFIG_OPTION,
    {
      name: 'component',
      value: 'NAME',
      multiple: true,
      defaultText: 'every component',
      description: "Only this component's migrations (component-pre/component-post).",
    },
    { name: 'run', description: 'Run the needed migrations and record them in the cluster; without it nothing runs, only isNeeded is asked.' },
    { name: 'sha', value: 'SHA', defaultText: '$GITHUB_SHA', description: 'Commit recorded with each migration run.' },
  ],
  notes:
    'Migrations are the state-based hooks under global.migrations.path in deploy-control.yaml (docs/migrations.md); isNeeded reads the cluster, so even the listing needs it.',
  exitCodes: [
    [0, 'listed, or every needed migration ran'],
    [1, 'a migration failed'],
    [2, 'usage or configuration error (e.g. an unknown environment)'],
  ],
  examples: [
    ['k8sapp migrations --env dev --kubeconfig dev.yaml', "which of dev's migrations are needed, and why"],
    ['k8sapp migrations --env dev --kubeconfig dev.yaml --run --sha "$(git rev-parse HEAD)"', 'run the needed ones and record them'],
  ],
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('k8sapp migrations: --env ENV is required');
    // kubectl renders the overlay only (`kubectl kustomize`); the cluster is read and written through the API client.
    const kubectl = kubectlFor(context);
    const components = listValue(context.values, 'component');
    const prepared = await prepareMigrations({
      controlFile: controlFileIn(context.root),
      environment,
      components,
      kubectl,
      sha: stringValue(context.values, 'sha') ?? context.env.GITHUB_SHA,
    });
    const logger = streamLogger(context.err);
    await ensureReachable(context, 'no migration was asked or run');
    const kube = kubeFor(context);
    const report = await runMigrations(
      { ...prepared.request, mode: context.values.run === true ? 'run' : 'plan' },
      { kube, clock: { now: context.now, sleep: systemClock.sleep }, logger },
    );
    if (context.json) {
      context.out(JSON.stringify(report, null, 2));
    } else {
      for (const finding of report.findings) context.err(formatFinding(finding));
      if (report.results.length === 0) context.out(`No migrations in scope for ${environment}.`);
      if (report.results.length) context.out(migrationsTable(report.results, context.style));
      if (report.outOfScope.length) context.out(`not in scope: ${report.outOfScope.join(', ')}`);
    }
    return report.status === 'failed' ? EXIT_FAILED : EXIT_OK;
  },
};

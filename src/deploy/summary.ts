import { renderMarkdown } from '../apply/render.js';
import { decisionMarkdown } from '../gate/report.js';
import { migrationSummaryMarkdown } from '../migrations/runner.js';
import { rolloutSections } from '../rollout/markdown.js';
import { diagnosisRows } from '../rollout/summary.js';
import type { RolloutReport } from '../rollout/types.js';
import { inlineText as cell, markdownTable as table } from '../summary/markdown.js';
import type { DeployReport, DeployStatus } from './types.js';

const STATUS_MARK: Record<DeployStatus, string> = {
  skipped: '⏭️ skipped',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back (failed)',
};

function rolloutMarkdown(rollout: RolloutReport, rollback: DeployReport['rollback']): string[] {
  return [`### Rollout: ${rollout.status}`, '', ...rolloutSections(rollout, rollback)];
}

/** The one job summary of a deploy: outcome, phases, gate decision, resources, rollout, diagnosis, rollback, release, migrations. */
export function deployMarkdown(report: DeployReport, context: { triggerSource?: string } = {}): string {
  const lines: string[] = [];
  lines.push(`## k8sapp deploy: ${cell(report.environment)}${report.dryRun ? ' (dry run)' : ''} — ${STATUS_MARK[report.status]}`, '');
  lines.push(cell(report.message), '');
  for (const note of report.notes) lines.push(`> ${cell(note)}`, '');
  if (report.deployment) lines.push(`GitHub deployment ${report.deployment.id} recorded for environment \`${cell(report.environment)}\`.`, '');

  lines.push('### Phases', '', table(['Phase', 'Outcome', 'Seconds'], report.phases.map((phase) => [phase.name, phase.outcome, phase.seconds.toFixed(1)]), ['left', 'left', 'right']), '');

  const gate = decisionMarkdown(report.decision, {
    at: new Date(report.decidedAt),
    ...(context.triggerSource ? { triggerSource: context.triggerSource } : {}),
    approval: report.approval,
    deploy: report.status !== 'skipped',
  });
  // The gate's own heading becomes a section of this summary.
  lines.push(gate.replace(/^## /, '### '));

  if (report.apply) lines.push(renderMarkdown(report.apply));
  if (report.rollout) lines.push(...rolloutMarkdown(report.rollout, report.rollback));
  else if (report.rollback) lines.push(...rolloutMarkdown({ status: 'failed', workloads: [], rollback: report.rollback }, report.rollback));

  if (report.release?.recorded) {
    const r = report.release.recorded;
    lines.push(
      '### Release recorded',
      '',
      `Release **${r.revision}** (${cell(r.sha)}, ${r.objects} objects, ${r.digest.slice(0, 19)}…)` +
        (r.strippedSecrets.length ? `; Secrets not recorded: ${r.strippedSecrets.map(cell).join(', ')}` : '') +
        (report.release.dropped?.length ? `; dropped old releases ${report.release.dropped.join(', ')}` : ''),
      '',
    );
  } else if (report.release?.error) {
    lines.push('### Release not recorded', '', cell(report.release.error), '');
  }
  if (report.migrations && (report.migrations.results.length || report.migrations.outOfScope.length)) lines.push(migrationSummaryMarkdown(report.migrations));
  const extra = report.errors.filter((error) => !report.apply?.errors.includes(error));
  if (extra.length) {
    lines.push('### Errors', '');
    for (const error of extra) lines.push(`- ${cell(error)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Plain text for the CLI without --json. */
export function deployText(report: DeployReport): string {
  const lines = [`${report.environment}: ${report.status}${report.dryRun ? ' (dry run)' : ''} — ${report.message}`];
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push('', 'PHASE            OUTCOME      SECONDS');
  for (const phase of report.phases) lines.push(`${phase.name.padEnd(16)} ${phase.outcome.padEnd(12)} ${phase.seconds.toFixed(1)}`);
  if (report.resources.length) {
    lines.push('', 'ACTION      RESOURCE');
    for (const r of report.resources) lines.push(`${r.action.padEnd(11)} ${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}${r.reason ? ` (${r.reason})` : ''}`);
  }
  if (report.rollout) {
    lines.push('', `rollout: ${report.rollout.status}`);
    for (const w of report.rollout.workloads) lines.push(`  ${w.kind}/${w.name} ${w.status} after ${w.seconds} s: ${w.reason} ${w.message}`.trimEnd());
    for (const row of diagnosisRows(report.rollout)) lines.push(`  diagnosis ${row.workload}${row.pod ? ` pod ${row.pod}` : ''}: ${row.reason}: ${row.message}`);
  }
  if (report.rollback) {
    lines.push(`rollback (${report.rollback.mode}): ${report.rollback.status}`);
    for (const w of report.rollback.workloads) lines.push(`  ${w.kind}/${w.name} ${w.action}${w.status ? ` → ${w.status}` : ''}: ${w.message}`);
  }
  if (report.release?.recorded) lines.push(`release ${report.release.recorded.revision} recorded (${report.release.recorded.sha})`);
  if (report.release?.error) lines.push(`release not recorded: ${report.release.error}`);
  for (const r of report.migrations?.results ?? []) lines.push(`migration ${r.id} (${r.point}${r.component ? ` ${r.component}` : ''}): ${r.status}${r.error ? `: ${r.error}` : ''}`);
  for (const error of report.errors) lines.push(`error: ${error}`);
  return lines.join('\n');
}

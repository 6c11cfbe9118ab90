import { renderMarkdown } from '../apply/render.js';
import { cell, decisionMarkdown } from '../gate/report.js';
import { migrationSummaryMarkdown } from '../migrations/runner.js';
import { diagnosisRows, diagnosisTable, rollbackTable, rolloutTable, type Table } from '../rollout/summary.js';
import { pruneMarkdown, pruneText } from '../prune/report.js';
import type { RolloutReport } from '../rollout/types.js';
import type { DeployReport, DeployStatus } from './types.js';

const STATUS_MARK: Record<DeployStatus, string> = {
  skipped: '⏭️ skipped',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back (failed)',
};

/** A rollout/summary Table as Markdown (first row = header). */
export function markdownTable(table: Table): string {
  const [header = [], ...rows] = table;
  const line = (row: readonly string[]) => `| ${row.map((text) => cell(text).replace(/ {2,}/g, ' ')).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map((row) => line(row.map((text) => text.replace(/\r?\n/g, '<br>'))))].join('\n');
}

function rolloutMarkdown(rollout: RolloutReport, rollback: DeployReport['rollback']): string[] {
  const lines: string[] = [`### Rollout: ${rollout.status}`, ''];
  if (rollout.workloads.length) lines.push(markdownTable(rolloutTable(rollout)), '');
  else lines.push('No workload changed, nothing to wait for.', '');
  const rows = diagnosisRows(rollout);
  if (rows.length) lines.push('### Diagnosis', '', markdownTable(diagnosisTable(rows)), '');
  const shown = rollback ?? rollout.rollback;
  if (shown.workloads.length || shown.message) {
    lines.push(`### Rollback (${shown.mode}${shown.release ? `, release ${shown.release}` : ''}): ${shown.status}`, '');
    if (shown.message) lines.push(cell(shown.message), '');
    if (shown.workloads.length) lines.push(markdownTable(rollbackTable({ ...rollout, rollback: shown })), '');
    if (shown.leftInPlace?.length) lines.push(`Not in release ${shown.release ?? ''}, left in place (a rollback never deletes): ${shown.leftInPlace.map(cell).join(', ')}`, '');
  }
  return lines;
}

/** The one job summary of a deploy: outcome, phases, gate decision, resources, rollout, diagnosis, rollback, release, migrations. */
export function deployMarkdown(report: DeployReport, context: { triggerSource?: string } = {}): string {
  const lines: string[] = [];
  lines.push(`## k8sapp deploy: ${cell(report.environment)}${report.dryRun ? ' (dry run)' : ''} — ${STATUS_MARK[report.status]}`, '');
  lines.push(cell(report.message), '');
  for (const note of report.notes) lines.push(`> ${cell(note)}`, '');
  if (report.deployment) lines.push(`GitHub deployment ${report.deployment.id} recorded for environment \`${cell(report.environment)}\`.`, '');

  lines.push('### Phases', '', '| Phase | Outcome | Seconds |', '| --- | --- | --- |');
  for (const phase of report.phases) lines.push(`| ${phase.name} | ${phase.outcome} | ${phase.seconds.toFixed(1)} |`);
  lines.push('');

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
  if (report.prune) lines.push(pruneMarkdown(report.prune));
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
    if (report.rollback.leftInPlace?.length) lines.push(`  not in release ${report.rollback.release ?? ''}, left in place: ${report.rollback.leftInPlace.join(', ')}`);
  }
  if (report.release?.recorded) lines.push(`release ${report.release.recorded.revision} recorded (${report.release.recorded.sha})`);
  if (report.release?.error) lines.push(`release not recorded: ${report.release.error}`);
  if (report.prune) lines.push(...pruneText(report.prune));
  for (const r of report.migrations?.results ?? []) lines.push(`migration ${r.id} (${r.point}${r.component ? ` ${r.component}` : ''}): ${r.status}${r.error ? `: ${r.error}` : ''}`);
  for (const error of report.errors) lines.push(`error: ${error}`);
  return lines.join('\n');
}

import { applyMarkdown } from '../apply/render.js';
import { decisionMarkdown } from '../gate/report.js';
import { migrationSummaryMarkdown } from '../migrations/runner.js';
import { plainStyle, textTable, type Style } from '../report/text.js';
import { rolloutSections } from '../rollout/markdown.js';
import { diagnosisRows, diagnosisTable, rollbackTable, rolloutTable } from '../rollout/summary.js';
import { pruneMarkdown, pruneText } from '../prune/report.js';
import type { RolloutReport } from '../rollout/types.js';
import { inlineText as cell, markdownTable as table } from '../report/markdown.js';
import { preflightTable, preflightText } from '../preflight/summary.js';
import type { DeployReport, DeployStatus } from './types.js';

const preflightMarkdown = ([header = [], ...rows]: string[][]) => table(header, rows);

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

  lines.push(
    '### Phases',
    '',
    table(
      ['Phase', 'Outcome', 'Seconds'],
      report.phases.map((phase) => [phase.name, phase.outcome, phase.seconds.toFixed(1)]),
      ['left', 'left', 'right'],
    ),
    '',
  );

  const gate = decisionMarkdown(report.decision, {
    at: new Date(report.decidedAt),
    ...(context.triggerSource ? { triggerSource: context.triggerSource } : {}),
    approval: report.approval,
    deploy: report.status !== 'skipped',
  });
  // The gate's own heading becomes a section of this summary.
  lines.push(gate.replace(/^## /, '### '));

  if (report.preflight) {
    const p = report.preflight;
    lines.push(`### Image preflight (${p.mode}): ${p.refused ? 'refused' : 'passed'}`, '', preflightMarkdown(preflightTable(p, p.pinned)), '');
  }
  if (report.apply) lines.push(applyMarkdown(report.apply));
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

function statusText(status: DeployStatus, style: Style): string {
  return status === 'succeeded' ? style.green(status) : status === 'skipped' ? style.yellow(status) : style.red(status);
}

function rolloutText(rollout: RolloutReport, rollback: DeployReport['rollback'], style: Style): string[] {
  const lines = ['', `Rollout: ${rollout.status}`];
  if (rollout.workloads.length) lines.push(textTable(rolloutTable(rollout), { style, indent: '  ' }));
  const rows = diagnosisRows(rollout);
  if (rows.length) lines.push('', 'Diagnosis:', textTable(diagnosisTable(rows), { style, indent: '  ' }));
  const shown = rollback ?? rollout.rollback;
  if (shown.workloads.length || shown.message) {
    lines.push(
      '',
      `Rollback (${shown.mode}${shown.release ? `, release ${shown.release}` : ''}): ${shown.status}${shown.message ? ` — ${shown.message}` : ''}`,
    );
    if (shown.workloads.length) lines.push(textTable(rollbackTable({ ...rollout, rollback: shown }), { style, indent: '  ' }));
    if (shown.leftInPlace?.length)
      lines.push(`  not in release ${shown.release ?? ''}, left in place (a rollback never deletes): ${shown.leftInPlace.join(', ')}`);
  }
  return lines;
}

/** Plain text for the CLI without --json: aligned tables, no Markdown. */
export function deployText(report: DeployReport, style: Style = plainStyle): string {
  const lines = [`${report.environment}: ${statusText(report.status, style)}${report.dryRun ? ' (dry run)' : ''} — ${report.message}`];
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push('', textTable([['Phase', 'Outcome', 'Seconds'], ...report.phases.map((p) => [p.name, p.outcome, p.seconds.toFixed(1)])], { style }));
  if (report.preflight) lines.push('', ...preflightText(report.preflight, report.preflight.pinned));
  if (report.resources.length) {
    const rows = report.resources.map((r) => [
      r.action === 'failed' ? style.red(r.action) : r.action,
      `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`,
      r.reason ?? '',
    ]);
    lines.push('', textTable([['Action', 'Resource', 'Reason'], ...rows], { style }));
  }
  if (report.rollout) lines.push(...rolloutText(report.rollout, report.rollback, style));
  else if (report.rollback) lines.push(...rolloutText({ status: 'failed', workloads: [], rollback: report.rollback }, report.rollback, style));
  if (report.release?.recorded) lines.push('', `Release ${report.release.recorded.revision} recorded (${report.release.recorded.sha}).`);
  if (report.release?.error) lines.push('', `Release not recorded: ${report.release.error}`);
  const migrations = report.migrations?.results ?? [];
  if (migrations.length) {
    const rows = migrations.map((r) => [r.id, `${r.point}${r.component ? `:${r.component}` : ''}`, r.status, r.error ?? '']);
    lines.push('', textTable([['Migration', 'Point', 'Status', 'Error'], ...rows], { style }));
  }
  if (report.prune) lines.push('', ...pruneText(report.prune));
  if (report.errors.length) lines.push('');
  for (const error of report.errors) lines.push(`${style.red('error:')} ${error}`);
  return lines.join('\n');
}

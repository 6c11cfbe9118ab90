import { inlineText, markdownTable } from '../report/markdown.js';
import { diagnosisRows, diagnosisTable, rollbackTable, rolloutTable, type Table } from './summary.js';
import type { RollbackReport, RolloutReport } from './types.js';

/** A rollout/summary Table (first row = header) through the one summary table renderer. */
export function tableMarkdown(table: Table): string {
  const [header = [], ...rows] = table;
  return markdownTable(header, rows);
}

/**
 * The rollout's job-summary sections (workloads, diagnosis with log lines, rollback), shared by the rollout action and
 * the deploy summary. Log lines are the application's own text: every cell goes through the one escaping rule.
 */
export function rolloutSections(rollout: RolloutReport, rollback: RollbackReport | null = null, level = 3): string[] {
  const heading = '#'.repeat(level);
  const lines: string[] = [];
  if (rollout.workloads.length) lines.push(tableMarkdown(rolloutTable(rollout)), '');
  else lines.push('No workload changed, nothing to wait for.', '');
  const rows = diagnosisRows(rollout);
  if (rows.length) lines.push(`${heading} Diagnosis`, '', tableMarkdown(diagnosisTable(rows)), '');
  const shown = rollback ?? rollout.rollback;
  if (shown.workloads.length || shown.message) {
    lines.push(`${heading} Rollback (${shown.mode}${shown.release ? `, release ${shown.release}` : ''}): ${shown.status}`, '');
    if (shown.message) lines.push(inlineText(shown.message), '');
    if (shown.workloads.length) lines.push(tableMarkdown(rollbackTable({ ...rollout, rollback: shown })), '');
    if (shown.leftInPlace?.length)
      lines.push(inlineText(`Not in release ${shown.release ?? ''}, left in place (a rollback never deletes): ${shown.leftInPlace.join(', ')}`), '');
  }
  return lines;
}

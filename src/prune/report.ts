import { inlineText as cell, markdownTable } from '../report/markdown.js';
import type { PruneAction, PruneReport, PruneRow } from './prune.js';

/** How each action reads in a summary: "kept: protected" comes from the reason's first word. */
const LABEL: Record<PruneAction, string> = {
  pruned: 'pruned',
  'would-prune': 'would prune',
  kept: 'kept',
  'left-alone': 'left alone',
  gone: 'already gone',
  failed: 'failed',
};

export function rowLabel(row: PruneRow): string {
  const protectedRow = row.action === 'kept' && row.reason?.startsWith('protected:');
  return protectedRow ? 'kept: protected' : LABEL[row.action];
}

function rowReason(row: PruneRow): string {
  return (row.reason ?? '').replace(/^protected: /, '');
}

function objectName(row: PruneRow): string {
  return `${row.kind}${row.group ? `.${row.group}` : ''} ${row.namespace ? `${row.namespace}/` : ''}${row.name}`;
}

/** The prune section of a job summary or of `k8sapp plan`'s Markdown. */
export function pruneMarkdown(report: PruneReport): string {
  const lines = [`### Prune: ${report.status}`, '', cell(report.message), ''];
  if (report.objects.length) {
    lines.push(
      markdownTable(
        ['Object', 'Prune', 'Why'],
        report.objects.map((row) => [objectName(row), rowLabel(row), rowReason(row)]),
      ),
      '',
    );
  }
  return lines.join('\n');
}

/** Plain-text lines for the CLI. */
export function pruneText(report: PruneReport): string[] {
  return [
    `prune: ${report.status} — ${report.message}`,
    ...report.objects.map((row) => `  ${rowLabel(row).padEnd(16)} ${objectName(row)}${row.reason ? ` (${rowReason(row)})` : ''}`),
  ];
}

import type { ApplyReport, ResourceResult } from '../apply/types.js';
import { verdictOf, type Decision } from '../gate/decide.js';
import type { PruneReport, PruneRow } from '../prune/prune.js';
import { rowLabel } from '../prune/report.js';
import { code, inlineText, markdownTable } from '../summary/markdown.js';

/**
 * One environment's section of the plan comment (and of `k8sapp plan --markdown`): what a merge would create,
 * configure, re-create and prune, and whether the gate would let the merge deploy. Built only from the apply report
 * (which already redacts every secret value), the prune plan and the gate's decision: no value of a Secret can reach it.
 */
export interface PlanSection {
  report: ApplyReport;
  prune?: PruneReport;
  /** The gate's decision for a merge to the environment's branch (trigger auto), at the time of the plan. */
  gate?: Decision;
}

function resourceRows(resources: readonly ResourceResult[]): string[][] {
  return resources.map((r) => [r.kind, r.namespace ?? '', r.name, r.reason ?? '']);
}

function resourceTable(title: string, resources: readonly ResourceResult[]): string[] {
  if (resources.length === 0) return [];
  return [`#### ${title} (${resources.length})`, '', markdownTable(['Kind', 'Namespace', 'Name', 'Detail'], resourceRows(resources)), ''];
}

function pruneRows(rows: readonly PruneRow[]): string[][] {
  return rows.map((row) => [`${row.kind}${row.group ? `.${row.group}` : ''}`, row.namespace ?? '', row.name, (row.reason ?? '').replace(/^protected: /, '')]);
}

function pruneTable(title: string, rows: readonly PruneRow[]): string[] {
  if (rows.length === 0) return [];
  return [`#### ${title} (${rows.length})`, '', markdownTable(['Kind', 'Namespace', 'Name', 'Why'], pruneRows(rows)), ''];
}

function gateLines(gate: Decision): string[] {
  const blocking = gate.reasons.filter((reason) => verdictOf(reason.code) === 'block');
  const verdict = gate.allowed
    ? `✅ a merge would deploy${gate.requiresApproval ? ' after approval in the GitHub environment' : ''}`
    : `⛔ a merge would not deploy (${blocking.map((reason) => reason.code).join(', ')})`;
  const rows = gate.reasons.map((reason) => [code(reason.code), verdictOf(reason.code), reason.message]);
  const window = gate.window.open ? [] : [gate.window.nextOpen ? `Next window opens ${gate.window.nextOpen}.` : 'No window opens within the next 3 years.', ''];
  return ['#### Gate for a merge', '', verdict, '', markdownTable(['Rule', 'Verdict', 'Detail'], rows), '', ...window];
}

export function planSectionMarkdown(section: PlanSection): string {
  const { report, prune, gate } = section;
  const by = (action: ResourceResult['action']) => report.resources.filter((r) => r.action === action);
  const ok = report.ok && prune?.status !== 'failed';
  const unchanged = by('unchanged').length;
  const lines = [`### ${inlineText(report.environment)} ${ok ? '✅ the apply would succeed' : '❌ the apply would fail'}`, ''];
  if (unchanged) lines.push(`${unchanged} object(s) unchanged.`, '');
  lines.push(...resourceTable('Created', by('created')), ...resourceTable('Configured', by('configured')));
  if (report.recreated.length) {
    const rows = report.recreated.map((r) => [r.kind, r.namespace ?? '', r.name, r.fields.join('\n'), `--cascade=${r.cascade}`, r.preserved.join(', ') || '—']);
    lines.push(`#### Recreated (${rows.length})`, '', markdownTable(['Kind', 'Namespace', 'Name', 'Immutable field', 'Cascade', 'Preserved'], rows), '');
  }
  lines.push(...resourceTable('Refused by the server', by('failed')));
  if (prune) {
    lines.push(
      ...pruneTable(
        'Would prune',
        prune.objects.filter((row) => row.action === 'would-prune'),
      ),
      ...pruneTable(
        'Kept: protected',
        prune.objects.filter((row) => rowLabel(row) === 'kept: protected'),
      ),
    );
    if (prune.status === 'failed' || prune.status === 'skipped') lines.push(`Prune ${prune.status}: ${inlineText(prune.message)}`, '');
  }
  if (report.placeholders.length) {
    lines.push('#### Unresolved secret placeholders', '');
    for (const p of report.placeholders)
      lines.push(`- Secret ${code(`${p.namespace ? `${p.namespace}/` : ''}${p.secret}`).markdown} key ${code(p.key).markdown}`);
    lines.push('');
  }
  if (report.errors.length) lines.push('#### Errors', '', ...report.errors.map((error) => `- ${inlineText(error)}`), '');
  if (report.warnings.length) lines.push('#### Warnings', '', ...report.warnings.map((warning) => `- ${inlineText(warning)}`), '');
  if (gate) lines.push(...gateLines(gate));
  return lines.join('\n');
}

import type { ApplyReport, ResourceResult } from '../apply/types.js';
import { verdictOf, type Decision } from '../gate/decide.js';
import { formatElapsed, type MigrationReport, type MigrationResult } from '../migrations/runner.js';
import type { PinnedImage, PreflightReport } from '../preflight/preflight.js';
import { preflightTable } from '../preflight/summary.js';
import type { PruneReport, PruneRow } from '../prune/prune.js';
import { rowLabel } from '../prune/report.js';
import { code, inlineText, markdownTable } from '../report/markdown.js';
import { POLICY } from '../apply/recreate.js';

/**
 * One environment's section of the plan comment (and of `k8sapp plan --markdown`): what a merge would create,
 * configure, re-create and prune, the image preflight, the migrations that would run, and whether the gate would let
 * the merge deploy. Built from the apply report (which already redacts every secret value), the prune plan, the
 * preflight report (which never holds a credential), the migrations' plan report (redacted of every supplied secret
 * value by planEnvironment) and the gate's decision: no value of a Secret can reach it.
 */
export interface PlanSection {
  report: ApplyReport;
  prune?: PruneReport;
  /** The gate's decision for a merge to the environment's branch (trigger auto), at the time of the plan. */
  gate?: Decision;
  /** The image preflight of the rendered overlay, or `off` where deploy-control turns it off. */
  preflight?: PlannedPreflight;
  /** Every migration in scope with its isNeeded answer (the runner's plan mode: nothing ran). */
  migrations?: MigrationReport;
}

export type PlannedPreflight = { mode: 'off' } | (PreflightReport & { pinned: PinnedImage[] });

/** Whether a merge would deploy cleanly: the apply and prune would succeed, no image is refused, every isNeeded answered. */
export function planSucceeded(section: PlanSection): boolean {
  const refused = section.preflight !== undefined && section.preflight.mode !== 'off' && section.preflight.refused;
  return section.report.ok && section.prune?.status !== 'failed' && !refused && section.migrations?.status !== 'failed';
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
  // A service the gate leaves out is planned above (the plan covers every enabled service) but a merge skips it.
  const leftOut = gate.allowed ? gate.services.filter((service) => !service.allowed) : [];
  const services = leftOut.length
    ? [
        `Left out of a merge's deploy (${leftOut.length}):`,
        '',
        markdownTable(
          ['Service', 'Why'],
          leftOut.map((service) => [
            service.name,
            service.reasons
              .filter((r) => verdictOf(r.code) === 'block')
              .map((r) => r.message)
              .join('\n'),
          ]),
        ),
        '',
      ]
    : [];
  return ['#### Gate for a merge', '', verdict, '', markdownTable(['Rule', 'Verdict', 'Detail'], rows), '', ...window, ...services];
}

function preflightLines(preflight: PlannedPreflight): string[] {
  if (preflight.mode === 'off') return ['#### Image preflight: off', '', '`image_preflight` is off for this environment: the images were not checked.', ''];
  const [header = [], ...rows] = preflightTable(preflight, preflight.pinned);
  const warnings = preflight.findings.filter((f) => f.severity === 'warning').length;
  const errors = preflight.findings.filter((f) => f.severity === 'error').length;
  const verdict = preflight.refused
    ? `❌ refused: ${errors} image use(s) missing or not accessible; a merge would not apply anything`
    : warnings
      ? `⚠️ ${warnings} warning(s)`
      : '✅ every image found';
  const lines = [`#### Image preflight (${preflight.mode}): ${verdict}`, ''];
  lines.push(rows.length ? markdownTable(header, rows) : 'The overlay names no image.', '');
  return lines;
}

const pointText = (r: MigrationResult) => `${r.point}${r.component ? ` (${r.component})` : ''}`;

function migrationLines(migrations: MigrationReport): string[] {
  const wouldRun = migrations.results.filter((r) => r.status === 'would-run');
  const unanswered = migrations.results.filter((r) => r.status === 'failed' || r.status === 'timed-out');
  const notNeeded = migrations.results.filter((r) => r.status === 'not-needed');
  const lines = [`#### Migrations that would run (${wouldRun.length})`, ''];
  if (migrations.results.length === 0) lines.push('No migrations in scope.', '');
  else if (wouldRun.length === 0) lines.push('None: every isNeeded answered no.', '');
  else {
    const rows = wouldRun.map((r) => [code(r.id), pointText(r), r.description, r.messages.join('\n')]);
    lines.push(markdownTable(['Migration', 'When', 'What', 'isNeeded said'], rows), '');
    if (wouldRun.some((r) => r.phase === 'post')) {
      lines.push('A `post` migration is asked against the cluster as it is now; after the rollout its answer may differ.', '');
    }
  }
  if (unanswered.length) {
    const rows = unanswered.map((r) => [code(r.id), pointText(r), r.status === 'timed-out' ? 'timed out' : 'failed', r.error ?? '']);
    lines.push(`#### Migrations whose isNeeded failed (${unanswered.length})`, '', markdownTable(['Migration', 'When', 'Outcome', 'Error'], rows), '');
  }
  if (notNeeded.length)
    lines.push(
      `Not needed: ${notNeeded.map((r) => code(r.id).markdown).join(', ')} (checked in ${formatElapsed(notNeeded.reduce((sum, r) => sum + r.durationMs, 0))}).`,
      '',
    );
  if (migrations.outOfScope.length) lines.push(`Not in this deploy's components: ${migrations.outOfScope.map((id) => code(id).markdown).join(', ')}.`, '');
  return lines;
}

export function planSectionMarkdown(section: PlanSection): string {
  const { report, prune, gate, preflight, migrations } = section;
  const by = (action: ResourceResult['action']) => report.resources.filter((r) => r.action === action);
  const ok = planSucceeded(section);
  const unchanged = by('unchanged').length;
  const lines = [`### ${inlineText(report.environment)} ${ok ? '✅ the apply would succeed' : '❌ the apply would fail'}`, ''];
  if (unchanged) lines.push(`${unchanged} object(s) unchanged.`, '');
  lines.push(...resourceTable('Created', by('created')), ...resourceTable('Configured', by('configured')));
  if (report.recreated.length) {
    const rows = report.recreated.map((r) => [r.kind, r.namespace ?? '', r.name, r.fields.join('\n'), POLICY[r.cascade], r.preserved.join(', ') || '—']);
    lines.push(`#### Recreated (${rows.length})`, '', markdownTable(['Kind', 'Namespace', 'Name', 'Immutable field', 'Propagation', 'Preserved'], rows), '');
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
  if (preflight) lines.push(...preflightLines(preflight));
  if (migrations) lines.push(...migrationLines(migrations));
  if (gate) lines.push(...gateLines(gate));
  return lines.join('\n');
}

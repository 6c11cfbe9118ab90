import { plainStyle, textTable, type Style } from '../report/text.js';
import { inlineText, markdown, markdownTable } from '../report/markdown.js';
import type { ApplyReport, Recreation, ResourceAction } from './types.js';
import { POLICY } from './recreate.js';

const PLAN_WORDS: Record<ResourceAction, string> = {
  created: 'create',
  configured: 'change',
  unchanged: 'unchanged',
  recreated: '**re-create**',
  failed: '**refused**',
  skipped: 'skip',
};

/** The job-summary / PR-comment view of an apply or plan report. */
export function applyMarkdown(report: ApplyReport): string {
  const plan = report.mode === 'plan';
  const lines: string[] = [];
  lines.push(`### k8sapp ${plan ? 'plan' : 'apply'}: ${report.environment} ${report.ok ? '✅' : '❌'}`, '');
  const counts = new Map<string, number>();
  for (const resource of report.resources) counts.set(resource.action, (counts.get(resource.action) ?? 0) + 1);
  lines.push(
    [...counts].map(([action, count]) => `${count} ${plan ? PLAN_WORDS[action as ResourceAction].replace(/\*/g, '') : action}`).join(' · ') || 'no resources',
    '',
  );
  if (report.resources.length > 0) {
    const rows = report.resources.map((resource) => [
      markdown(plan ? PLAN_WORDS[resource.action] : resource.action),
      resource.kind,
      resource.namespace ?? '',
      resource.name,
      resource.reason ?? '',
    ]);
    lines.push(markdownTable([plan ? 'Would' : 'Action', 'Kind', 'Namespace', 'Name', 'Reason'], rows), '');
  }
  if (report.recreated.length > 0) {
    lines.push(plan ? '#### Would be re-created (immutable fields)' : '#### Re-created (immutable fields)', '');
    const rows = report.recreated.map((recreation) => {
      const id = `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ''}${recreation.name}${recreation.status === 'failed' ? ' (failed)' : ''}`;
      const note = [recreation.warning, recreation.orphansLeft.length ? `orphans left: ${recreation.orphansLeft.join(', ')}` : ''].filter(Boolean).join('; ');
      return [
        id,
        recreation.fields.join(', '),
        POLICY[recreation.cascade],
        recreation.preserved.join(', ') || '—',
        recreation.orphansRemoved.join(', ') || '—',
        note,
      ];
    });
    lines.push(markdownTable(['Resource', 'Field', 'Propagation', 'Preserved', 'Orphans removed', 'Note'], rows), '');
  }
  if (report.placeholders.length > 0) {
    lines.push('#### Unresolved secret placeholders', '');
    for (const placeholder of report.placeholders) {
      lines.push(
        `- Secret \`${placeholder.namespace ? `${placeholder.namespace}/` : ''}${placeholder.secret}\` key \`${placeholder.key}\` (${placeholder.field})`,
      );
    }
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push('#### Errors', '');
    for (const error of report.errors) lines.push(`- ${inlineText(error)}`);
    lines.push('');
  }
  if (report.warnings.length > 0) {
    lines.push('#### Warnings', '');
    for (const warning of report.warnings) lines.push(`- ${inlineText(warning)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const TEXT_PLAN_WORDS: Record<ResourceAction, string> = { ...PLAN_WORDS, recreated: 're-create', failed: 'refused' };

function counts(report: ApplyReport, words: (action: ResourceAction) => string): string {
  const tally = new Map<ResourceAction, number>();
  for (const resource of report.resources) tally.set(resource.action, (tally.get(resource.action) ?? 0) + 1);
  return [...tally].map(([action, count]) => `${count} ${words(action)}`).join(', ') || 'no resources';
}

function recreationId(recreation: Recreation): string {
  return `${recreation.kind}/${recreation.namespace ? `${recreation.namespace}/` : ''}${recreation.name}${recreation.status === 'failed' ? ' (failed)' : ''}`;
}

/** The terminal view of an apply or plan report: aligned tables and plain lines, no Markdown. */
export function renderText(report: ApplyReport, style: Style = plainStyle): string {
  const plan = report.mode === 'plan';
  const word = (action: ResourceAction) => (plan ? TEXT_PLAN_WORDS[action] : action);
  const colour = (action: ResourceAction, text: string) => (action === 'failed' ? style.red(text) : action === 'recreated' ? style.yellow(text) : text);
  const verdict = report.ok ? style.green(plan ? 'would apply' : 'applied') : style.red(plan ? 'would fail' : 'failed');
  const lines = [`k8sapp ${plan ? 'plan' : 'apply'} ${report.environment}: ${verdict} (${counts(report, word)})`];
  if (report.resources.length > 0) {
    const rows = report.resources.map((r) => [colour(r.action, word(r.action)), r.kind, r.namespace ?? '', r.name, r.reason ?? '']);
    lines.push('', textTable([[plan ? 'WOULD' : 'ACTION', 'KIND', 'NAMESPACE', 'NAME', 'REASON'], ...rows], { style }));
  }
  if (report.recreated.length > 0) {
    lines.push('', plan ? 'Would be re-created (immutable fields):' : 'Re-created (immutable fields):');
    const rows = report.recreated.map((r) => [
      recreationId(r),
      r.fields.join('\n'),
      POLICY[r.cascade],
      r.preserved.join(', ') || '-',
      r.orphansRemoved.join(', ') || '-',
      [r.warning, r.orphansLeft.length ? `orphans left: ${r.orphansLeft.join(', ')}` : ''].filter(Boolean).join('; '),
    ]);
    lines.push(textTable([['RESOURCE', 'FIELD', 'PROPAGATION', 'PRESERVED', 'ORPHANS REMOVED', 'NOTE'], ...rows], { style, indent: '  ' }));
  }
  if (report.placeholders.length > 0) {
    lines.push('', 'Unresolved secret placeholders:');
    for (const p of report.placeholders) lines.push(`  Secret ${p.namespace ? `${p.namespace}/` : ''}${p.secret} key ${p.key} (${p.field})`);
  }
  if (report.errors.length || report.warnings.length) lines.push('');
  for (const error of report.errors) lines.push(`${style.red('error:')} ${error}`);
  for (const warning of report.warnings) lines.push(`${style.yellow('warning:')} ${warning}`);
  return lines.join('\n');
}

/** The JSON the CLI prints and the action's outputs are cut from. */
export function reportJson(report: ApplyReport): string {
  const { templatesBefore: _templates, ...shown } = report;
  return JSON.stringify(shown, null, 2);
}

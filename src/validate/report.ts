import { formatFinding, formatLocation } from '../errors.js';
import { plainStyle, textTable, type Style } from '../report/text.js';
import { code, markdownTable } from '../report/markdown.js';
import type { OverlayReport, ValidationReport } from './validate.js';

function kindsText(overlay: OverlayReport): string {
  if (!overlay.built) return 'build failed';
  return (
    Object.entries(overlay.kinds)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ') || '(none)'
  );
}

interface PlaceholderGroup {
  overlay: string;
  secret: string;
  keys: string[];
}

/** One row per overlay and Secret: the keys, each marked when the given secret names do not supply it. */
function placeholderGroups(report: ValidationReport): PlaceholderGroup[] {
  const groups: PlaceholderGroup[] = [];
  for (const overlay of report.overlays) {
    for (const placeholder of overlay.placeholders) {
      const secret = `${placeholder.namespace}/${placeholder.secret}`;
      let group = groups.find((g) => g.overlay === overlay.path && g.secret === secret);
      if (!group) groups.push((group = { overlay: overlay.path, secret, keys: [] }));
      group.keys.push(placeholder.suppliedBy === false ? `${placeholder.key} (NOT SUPPLIED)` : placeholder.key);
    }
  }
  return groups;
}

function placeholderHeading(report: ValidationReport): string {
  const all = report.overlays.flatMap((overlay) => overlay.placeholders);
  if (all.some((p) => p.suppliedBy === null)) return 'Secret placeholders (the deploy replaces them from its secrets input):';
  return 'Secret placeholders (checked against the given secret names):';
}

function verdict(report: ValidationReport): string {
  const { errors, warnings } = report.counts;
  return report.valid
    ? `valid: ${report.overlays.length} overlay(s) built and checked${warnings ? `, ${warnings} warning(s)` : ''}`
    : `invalid: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}`;
}

/** The CLI's human output: overlays table, placeholders, cluster configs, findings, verdict. */
export function renderText(report: ValidationReport, style: Style = plainStyle): string {
  const lines: string[] = [];
  lines.push(`deploy-control: ${report.controlFile}${report.environments.length ? ` (environments: ${report.environments.join(', ')})` : ''}`, '');
  if (report.overlays.length) {
    lines.push(
      textTable(
        [
          ['OVERLAY', 'ENVIRONMENTS', 'RESOURCES', 'KINDS', 'PLACEHOLDERS', 'ERRORS'],
          ...report.overlays.map((overlay) => [
            overlay.path,
            overlay.environments.join(',') || '-',
            overlay.built ? String(overlay.resources.length) : '-',
            kindsText(overlay),
            String(overlay.placeholders.length),
            String(overlay.errors),
          ]),
        ],
        { style },
      ),
    );
  }
  const groups = placeholderGroups(report);
  if (groups.length) {
    lines.push('', placeholderHeading(report));
    lines.push(textTable([['OVERLAY', 'SECRET', 'KEYS'], ...groups.map((g) => [g.overlay, g.secret, g.keys.join(', ')])], { style, indent: '  ' }));
  }
  if (report.clusterConfigs.length) {
    lines.push('', 'Cluster configs:');
    for (const config of report.clusterConfigs) lines.push(`  ${config.path} (${config.environment}): ${config.errors ? `${config.errors} error(s)` : 'ok'}`);
  }
  if (report.findings.length) {
    lines.push('', 'Findings:');
    for (const finding of report.findings) lines.push(`  ${formatFinding(finding)}`);
  }
  lines.push('', report.valid ? style.green(verdict(report)) : style.red(verdict(report)));
  return lines.join('\n');
}

/** The job summary: the same content as the CLI table, as Markdown. */
export function validationMarkdown(report: ValidationReport): string {
  const lines: string[] = [];
  lines.push(`## k8sapp validate: ${report.valid ? '✅' : '❌'} ${verdict(report)}`, '');
  lines.push(`Control file: \`${report.controlFile}\`${report.environments.length ? ` — environments: ${report.environments.join(', ')}` : ''}`, '');
  if (report.overlays.length) {
    const rows = report.overlays.map((overlay) => [
      code(overlay.path),
      overlay.environments.join(', ') || '-',
      overlay.built ? String(overlay.resources.length) : '-',
      kindsText(overlay),
      String(overlay.placeholders.length),
      String(overlay.errors),
    ]);
    lines.push(
      markdownTable(['Overlay', 'Environments', 'Resources', 'Kinds', 'Placeholders', 'Errors'], rows, ['left', 'left', 'right', 'left', 'right', 'right']),
      '',
    );
  }
  const groups = placeholderGroups(report);
  if (groups.length) {
    const rows = groups.map((g) => [code(g.overlay), g.secret, g.keys.join(', ')]);
    lines.push('### Secret placeholders', '', placeholderHeading(report), '', markdownTable(['Overlay', 'Secret', 'Keys'], rows), '');
  }
  if (report.clusterConfigs.length) {
    const rows = report.clusterConfigs.map((config) => [code(config.path), config.environment, config.errors ? `${config.errors} error(s)` : 'ok']);
    lines.push('### Cluster configs', '', markdownTable(['File', 'Environment', 'Result'], rows), '');
  }
  if (report.findings.length) {
    const rows = report.findings.map((finding) => [finding.severity, formatLocation(finding.location) || '-', finding.message]);
    lines.push('### Findings', '', markdownTable(['Severity', 'Where', 'Problem'], rows), '');
  }
  return lines.join('\n');
}

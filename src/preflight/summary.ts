import { formatLocation } from '../errors.js';
import type { Table } from '../rollout/summary.js';
import type { ImageCheck, PinnedImage, PreflightReport } from './preflight.js';

const RESULT: Record<ImageCheck['status'], string> = {
  resolved: 'found',
  'not-found': 'missing',
  unauthorized: 'no access',
  unavailable: 'registry unavailable',
  invalid: 'invalid reference',
  'not-checked': 'not checked (private)',
};

/** One row per distinct image: what the registry said, the digest, who uses it and where it is set. */
export function preflightTable(report: PreflightReport, pinned: readonly PinnedImage[] = []): Table {
  const pinnedImages = new Set(pinned.map((p) => p.image));
  const header = ['Image', 'Registry', 'Result', 'Digest', 'Used by', 'Set at'];
  const rows = report.images.map((check) => [
    check.image,
    check.registry,
    RESULT[check.status],
    check.digest ? `${check.digest}${pinnedImages.has(check.image) ? ' (pinned)' : ''}` : check.message,
    check.usedBy.map((u) => `${u.kind}/${u.name} (${u.container})`).join(', '),
    [...new Set(check.usedBy.map((u) => formatLocation(u.location)).filter(Boolean))].join(', '),
  ]);
  return [header, ...rows];
}

/** Text lines for the CLI. */
export function preflightText(report: PreflightReport, pinned: readonly PinnedImage[] = []): string[] {
  const lines = [`image preflight (${report.mode}): ${report.images.length} image(s), ${report.refused ? 'REFUSED' : 'ok'}`];
  for (const check of report.images) lines.push(`  ${RESULT[check.status].padEnd(22)} ${check.image}${check.digest ? ` → ${check.digest}` : ''}`);
  for (const p of pinned) lines.push(`  pinned ${p.image} → ${p.pinned}`);
  for (const finding of report.findings)
    lines.push(`  ${formatLocation(finding.location) ? `${formatLocation(finding.location)}: ` : ''}${finding.severity}: ${finding.message}`);
  return lines;
}

import type { Table } from '../report/text.js';
import type { DiagnosisRow, RolloutReport } from './types.js';

/** Table rows (header first) for the job summary and the CLI; pure so both edges print the same thing. */
export type { Table } from '../report/text.js';

const ns = (namespace?: string) => namespace ?? '';

export function rolloutTable(report: RolloutReport): Table {
  return [
    ['Workload', 'Namespace', 'Status', 'Seconds', 'Reason', 'Message'],
    ...report.workloads.map((w) => [`${w.kind}/${w.name}`, ns(w.namespace), w.status, String(w.seconds), w.reason, w.message]),
  ];
}

export function diagnosisRows(report: RolloutReport): DiagnosisRow[] {
  return [...report.workloads.flatMap((w) => w.diagnosis), ...report.rollback.workloads.flatMap((w) => w.diagnosis)];
}

export function diagnosisTable(rows: readonly DiagnosisRow[]): Table {
  return [
    ['Workload', 'Pod', 'Container', 'Reason', 'Message', 'Since', 'Events'],
    ...rows.map((row) => [
      `${row.workload}${row.fatal ? ' ❌' : ''}`,
      row.pod ?? '',
      row.container ?? '',
      row.reason,
      row.message + (row.logs?.length ? `\nlast log lines:\n${row.logs.join('\n')}` : ''),
      row.since ?? '',
      row.count === undefined ? '' : String(row.count),
    ]),
  ];
}

export function rollbackTable(report: RolloutReport): Table {
  return [
    ['Workload', 'Action', 'Result', 'Seconds', 'Pods deleted', 'Message'],
    ...report.rollback.workloads.map((w) => [
      `${w.kind}/${w.name}`,
      w.action,
      w.status ?? '',
      w.seconds === undefined ? '' : String(w.seconds),
      w.deletedPods.join(', '),
      w.message,
    ]),
  ];
}

export function verdictLine(report: RolloutReport): string {
  const failed = report.workloads.filter((w) => w.status !== 'succeeded');
  if (report.status === 'succeeded') return `rollout succeeded: ${report.workloads.length} workload(s) ready`;
  const names = failed.map((w) => `${w.kind}/${w.name} (${w.status}: ${w.reason})`).join(', ');
  if (report.status === 'rolled-back') return `rollout failed and was rolled back (${report.rollback.mode}): ${names}`;
  return `rollout failed: ${names}${report.rollback.status === 'failed' ? '; rollback did not restore every workload' : ''}`;
}

import { describe, expect, it } from 'vitest';
import { deployMarkdown } from '../../src/deploy/summary.js';
import type { DeployReport } from '../../src/deploy/types.js';
import { decide } from '../../src/gate/decide.js';
import { rolloutSections } from '../../src/rollout/markdown.js';
import type { RolloutReport } from '../../src/rollout/types.js';
import { code, inlineText, markdownTable, tableCell } from '../../src/report/markdown.js';
import { controlFor } from '../deploy/helpers.js';

const HOSTILE = '<script>alert(1)</script> a|b & c';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; a\\|b &amp; c';

/** A rollout whose diagnosis quotes an application's log: markup, a pipe and several lines. */
function rolloutWithHostileLog(): RolloutReport {
  return {
    status: 'failed',
    workloads: [
      {
        kind: 'Deployment',
        namespace: 'apps',
        name: 'web',
        status: 'failed',
        seconds: 12,
        reason: 'CrashLoopBackOff',
        message: 'back-off restarting failed container',
        diagnosis: [
          {
            workload: 'Deployment/web',
            pod: 'web-abc-x1',
            container: 'app',
            reason: 'CrashLoopBackOff',
            message: 'restarted 3 times\nlast termination: Error (exit code 1)',
            fatal: true,
            logs: [HOSTILE, '| not | a | row |'],
          },
        ],
      },
    ],
    rollback: { mode: 'never', status: 'none', workloads: [] },
  } as unknown as RolloutReport;
}

describe('the one summary table renderer', () => {
  it('escapes each line of a cell once, then joins the lines with <br>', () => {
    expect(tableCell(`${HOSTILE}\nsecond line\n`)).toBe(`${ESCAPED}<br>second line`);
    expect(tableCell('a &lt; b')).toBe('a &amp;lt; b');
    expect(inlineText('one\ntwo <b>')).toBe('one two &lt;b&gt;');
    expect(markdownTable(['Name', code('x|y')], [['1|2\n3', '<i>']], ['left', 'right'])).toBe(
      ['| Name | `x\\|y` |', '| --- | ---: |', '| 1\\|2<br>3 | &lt;i&gt; |'].join('\n'),
    );
  });

  it('a log line with <script> and | and a multi-line cell: no markup gets through, rows stay rows, <br> is a real break', () => {
    const text = rolloutSections(rolloutWithHostileLog()).join('\n');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('&lt;br&gt;');
    const diagnosis = text.split('\n').find((line) => line.startsWith('| Deployment/web ❌'));
    expect(diagnosis).toBe(
      '| Deployment/web ❌ | web-abc-x1 | app | CrashLoopBackOff | restarted 3 times<br>last termination: Error (exit code 1)<br>last log lines:<br>' +
        `${ESCAPED}<br>\\| not \\| a \\| row \\| |  |  |`,
    );
    // Every row of the diagnosis table has exactly the header's seven columns.
    const columns = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;
    const table = text.split('\n').filter((line) => line.startsWith('| '));
    for (const line of table) expect(columns(line)).toBeGreaterThanOrEqual(6);
    expect(columns(diagnosis ?? '')).toBe(7);
  });

  it('the deploy summary uses the same rule: a multi-line diagnosis cell shows real line breaks, never a literal &lt;br&gt;', () => {
    const control = controlFor('web');
    const report = {
      environment: 'dev',
      trigger: 'auto',
      dryRun: false,
      status: 'failed',
      message: 'Rollout failed. <img src=x>',
      decision: decide(control.config, { environment: 'dev', trigger: 'auto' }, new Date('2026-11-23T10:00:00Z')),
      decidedAt: '2026-11-23T10:00:00.000Z',
      approval: null,
      notes: [],
      components: ['web'],
      resources: [],
      recreated: [],
      apply: null,
      rollout: rolloutWithHostileLog(),
      rollback: null,
      release: null,
      migrations: null,
      deployment: null,
      phases: [],
      errors: [],
    } as unknown as DeployReport;
    const summary = deployMarkdown(report);
    expect(summary).toContain('restarted 3 times<br>last termination: Error (exit code 1)<br>last log lines:<br>');
    expect(summary).toContain(ESCAPED);
    expect(summary).not.toContain('&lt;br&gt;');
    expect(summary).not.toContain('<script>');
    expect(summary).not.toContain('<img');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectionLines, PULL_ERROR_CASES } from '../../bench/rollout.js';
import { REPO_ROOT } from '../helpers/run-action.js';

describe('the rollout benchmark and docs/rollout.md', () => {
  it('measures each pull-error case against its own target (virtual clock) and meets each', async () => {
    const lines = await detectionLines();
    expect(lines.filter((line) => line.includes('→ verdict'))).toEqual(PULL_ERROR_CASES.map((c) => `${c.name} → verdict; target ${c.target}`));
    expect(lines.filter((line) => line.includes('MISSED'))).toEqual([]);
    // Not found: the 4 s grace plus at most one poll, not the 90 s grace of a pull that may be a blip.
    const delays = lines.filter((line) => line.includes('after the signal')).map((line) => Number(/: ([\d.]+) s after the signal/.exec(line)?.[1]));
    expect(delays.slice(0, 4).every((delay) => delay <= 10)).toBe(true);
    expect(delays.slice(4).every((delay) => delay >= 90 && delay <= 92)).toBe(true);
  });

  it('docs quote exactly what the benchmark prints', async () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs/rollout.md'), 'utf8');
    expect(docs).toContain((await detectionLines()).join('\n'));
    expect(docs).not.toContain('bench: 4–5 s');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-action.js';

/**
 * The house plan (README, "Developing k8sapp"): the edges — src/actions (one entry and one `*-action.ts` per action),
 * src/cli, src/github — read inputs, talk to GitHub and the terminal, and render; everything else is the core: parsed
 * objects, an injected client, clock and logger in, decisions and reports out. This test holds the line: a core file
 * that imports @actions/*, an edge folder, or reaches for the process fails here, naming the file and what it used.
 */
const SRC = join(REPO_ROOT, 'src');
const EDGES = new Set(['actions', 'cli', 'github']);

/**
 * The I/O modules the edges inject into the core, each the one place for its system: the Kubernetes client's
 * transport and kubeconfig loading, and program execution.
 */
const IO_MODULES = new Set(['k8s/http.ts', 'k8s/connection.ts', 'k8s/connect.ts', 'exec.ts']);

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: '@actions/*', pattern: /from '@actions\/|import\('@actions\//g },
  {
    what: 'an edge folder (src/actions, src/cli, src/github)',
    pattern: /from '(?:\.\.\/)+(?:actions|cli|github)\/|import\('(?:\.\.\/)+(?:actions|cli|github)\//g,
  },
  {
    what: 'a process API (process.env/cwd/exit/argv/stdout/stderr, child_process)',
    pattern: /\bprocess\.(?:env|cwd|exit|argv|stdout|stderr)\b|from 'node:child_process'/g,
  },
];

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const core = files(SRC)
  .map((path) => relative(SRC, path))
  .filter((path) => !EDGES.has(path.split('/')[0] ?? ''));

describe('the core never reaches the edges', () => {
  it('finds the core: every feature folder outside src/actions, src/cli and src/github', () => {
    expect(core).toContain('deploy/pipeline.ts');
    expect(core).toContain('apply/engine.ts');
    expect(core.some((path) => path.startsWith('actions/'))).toBe(false);
  });

  it('no core file imports @actions/*, an edge folder, or a process API (I/O modules may use the process, nothing else)', () => {
    const violations: string[] = [];
    for (const path of core) {
      const text = readFileSync(join(SRC, path), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/)/.test(line))
        .join('\n');
      for (const { what, pattern } of FORBIDDEN) {
        if (IO_MODULES.has(path) && what.startsWith('a process API')) continue;
        if (text.match(pattern)) violations.push(`src/${path} uses ${what}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the check itself bites: a core-shaped text using each forbidden thing is caught', () => {
    const sample = "import * as core from '@actions/core';\nimport { x } from '../github/deployments.js';\nconst v = process.env.X;";
    expect(FORBIDDEN.map(({ pattern }) => (sample.match(pattern) ?? []).length)).toEqual([1, 1, 1]);
  });
});

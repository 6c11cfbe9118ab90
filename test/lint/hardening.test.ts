import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionFiles, stepsOf, usesOf, workflowFiles, type RepoFile } from './repository-files.js';
import { REPO_ROOT } from '../helpers/run-action.js';

const files = [...workflowFiles(), ...actionFiles()];
const workflows = workflowFiles();
const actions = actionFiles();

/** Expressions an attacker controls (PR titles, branch names, dispatch inputs) must reach scripts through env:. */
const UNTRUSTED = /\$\{\{[^}]*?\b(github\.event\.|inputs\.|github\.head_ref\b)/;

/** k8sapp's own actions and reusable workflows, referenced by release tag in the examples users copy. */
const FIRST_PARTY = /^[\w.-]+\/k8sapp(\/|@)/;
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@]+)?@[0-9a-f]{40}$/;

export function untrustedInRun(file: RepoFile): string[] {
  return stepsOf(file)
    .filter((ref) => typeof ref.step.run === 'string' && UNTRUSTED.test(ref.step.run))
    .map((ref) => `${file.path} ${ref.where}.run: ${UNTRUSTED.exec(ref.step.run as string)?.[0]}…}} must be passed through env:`);
}

export function unpinnedUses(file: RepoFile): string[] {
  const problems: string[] = [];
  const lines = file.text.split('\n');
  for (const { where, uses } of usesOf(file)) {
    // ./ and $/ (self-repository syntax: this repository at the running commit) are local, pinned by construction.
    if (uses.startsWith('./') || uses.startsWith('$/') || FIRST_PARTY.test(uses)) continue;
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) problems.push(`${file.path} ${where}: ${uses} must be pinned by @sha256 digest`);
      continue;
    }
    if (!PINNED.test(uses)) {
      problems.push(`${file.path} ${where}: ${uses} must be pinned to a full 40-character commit SHA`);
      continue;
    }
    const line = lines.find((candidate) => candidate.includes(uses));
    if (!line || !/#\s*v?\d/.test(line.slice(line.indexOf(uses) + uses.length))) {
      problems.push(`${file.path} ${where}: ${uses} needs a version comment, e.g. "# v5.0.0"`);
    }
  }
  return problems;
}

describe.each(files.map((file) => [file.path, file] as const))('%s', (_path, file) => {
  it('passes no untrusted ${{ }} directly into run:', () => {
    expect(untrustedInRun(file)).toEqual([]);
  });

  it('pins every third-party action to a commit SHA with a version comment', () => {
    expect(unpinnedUses(file)).toEqual([]);
  });
});

describe.each(workflows.map((file) => [file.path, file] as const))('workflow %s', (_path, file) => {
  it('declares least-privilege permissions at the top level', () => {
    expect(file.value).toHaveProperty('permissions');
    const permissions = file.value.permissions;
    expect(permissions === 'write-all' || (typeof permissions === 'object' && permissions !== null && Object.values(permissions).includes('write-all'))).toBe(
      false,
    );
  });
});

describe.each(actions.map((file) => [file.path, file] as const))('action %s', (_path, file) => {
  const runs = (file.value.runs ?? {}) as { using?: string; main?: string; steps?: unknown[] };

  it('runs on node24 from an existing bundle, or is a composite', () => {
    if (runs.using === 'composite') {
      expect(runs.steps?.length ?? 0).toBeGreaterThan(0);
      return;
    }
    expect(runs.using).toBe('node24');
    // actions/<name>/action.yml → ../../dist/<name>; the public deploy/action.yml at the root → ../dist/deploy.
    expect(runs.main).toMatch(/^(\.\.\/){1,2}dist\/[\w-]+\/index\.js$/);
    expect(existsSync(resolve(dirname(file.absolute), runs.main ?? ''))).toBe(true);
  });
});

describe('the hardening rules catch what they should', () => {
  const fake = (text: string, value: Record<string, unknown>): RepoFile => ({ path: 'x.yml', absolute: '/x.yml', text, value });

  it('flags untrusted expressions in run: but not in env:', () => {
    const bad = fake('', {
      jobs: {
        a: {
          steps: [{ run: 'echo ${{ github.event.pull_request.title }}' }, { run: 'echo ${{ inputs.name }}' }, { run: 'git checkout ${{ github.head_ref }}' }],
        },
      },
    });
    expect(untrustedInRun(bad)).toHaveLength(3);
    const good = fake('', { jobs: { a: { steps: [{ env: { TITLE: '${{ github.event.pull_request.title }}' }, run: 'echo "$TITLE" ${{ github.sha }}' }] } } });
    expect(untrustedInRun(good)).toEqual([]);
    const composite = fake('', { runs: { using: 'composite', steps: [{ run: 'echo ${{ inputs.x }}', shell: 'bash' }] } });
    expect(untrustedInRun(composite)).toHaveLength(1);
  });

  it('flags tags, short SHAs and missing version comments; accepts local and first-party references', () => {
    const sha = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';
    const text = [`- uses: actions/checkout@${sha} # v5.0.0`, `- uses: actions/setup-node@${'a'.repeat(40)}`].join('\n');
    const value = {
      jobs: {
        a: {
          steps: [
            { uses: `actions/checkout@${sha}` },
            { uses: `actions/setup-node@${'a'.repeat(40)}` },
            { uses: 'actions/cache@v4' },
            { uses: 'actions/cache@0057852' },
            { uses: './actions/validate' },
            { uses: '$/actions/validate' },
            { uses: 'docker://alpine:3' },
          ],
        },
        b: { uses: 'org/k8sapp/.github/workflows/validate.yml@v1' },
        c: { uses: 'someone/else/.github/workflows/x.yml@main' },
      },
    };
    expect(unpinnedUses(fake(text, value))).toEqual([
      `x.yml jobs.a.steps[1]: actions/setup-node@${'a'.repeat(40)} needs a version comment, e.g. "# v5.0.0"`,
      'x.yml jobs.a.steps[2]: actions/cache@v4 must be pinned to a full 40-character commit SHA',
      'x.yml jobs.a.steps[3]: actions/cache@0057852 must be pinned to a full 40-character commit SHA',
      'x.yml jobs.a.steps[6]: docker://alpine:3 must be pinned by @sha256 digest',
      'x.yml jobs.c: someone/else/.github/workflows/x.yml@main must be pinned to a full 40-character commit SHA',
    ]);
  });
});

/** Where a reference into this repository points: `$/path` (self-reference) or `<owner>/k8sapp/path@ref`. */
export function internalTarget(uses: string): string | undefined {
  if (uses.startsWith('$/')) return uses.slice(2);
  const firstParty = /^[\w.-]+\/k8sapp\/([^@]+)@/.exec(uses);
  return firstParty?.[1];
}

describe('references into this repository', () => {
  const references = files.flatMap((file) =>
    usesOf(file)
      .map(({ where, uses }) => ({ file: file.path, where, uses, target: internalTarget(uses) }))
      .filter((reference): reference is typeof reference & { target: string } => reference.target !== undefined),
  );

  it('there are some (the reusable workflows run this repository through $/ and the examples through org/k8sapp)', () => {
    expect(references.some((reference) => reference.uses.startsWith('$/'))).toBe(true);
    expect(references.some((reference) => reference.file.startsWith('examples/'))).toBe(true);
  });

  it.each(references.map((reference) => [`${reference.file} ${reference.where}: ${reference.uses}`, reference] as const))(
    '%s points at something that exists',
    (_name, reference) => {
      const target = resolve(REPO_ROOT, reference.target);
      const exists = /\.ya?ml$/.test(reference.target) ? existsSync(target) : existsSync(resolve(target, 'action.yml'));
      expect(exists, `${reference.uses} → ${reference.target}`).toBe(true);
    },
  );

  it('resolves both spellings', () => {
    expect(internalTarget('$/actions/changes')).toBe('actions/changes');
    expect(internalTarget('org/k8sapp/.github/workflows/deploy-k8s-resources.yml@v1')).toBe('.github/workflows/deploy-k8s-resources.yml');
    expect(internalTarget('actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8')).toBeUndefined();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-action.js';
import { actionFiles } from './repository-files.js';

/**
 * The declared inputs and outputs (action.yml) and the names the TypeScript edge uses must be the same sets. Each
 * edge (src/actions/<name>-action.ts, imported by the entry src/actions/<name>.ts) exports `<AREA>_INPUTS` (and `<AREA>_OUTPUTS`),
 * the names it reads (writes); the test also scans the edge for literal reads and writes so a name used but not
 * listed is caught too.
 */
const READ_CALL = /\b(?:input|requiredInput|booleanInput|getInput|getBooleanInput|getMultilineInput)\(\s*['"]([^'"]+)['"]/g;
const WRITE_CALL = /\bsetOutput\(\s*['"]([^'"]+)['"]/g;

/** The one export named INPUTS or ending in _INPUTS (likewise OUTPUTS). */
function listExport(module: Record<string, unknown>, suffix: 'INPUTS' | 'OUTPUTS'): readonly string[] | undefined {
  const names = Object.keys(module).filter((name) => name === suffix || name.endsWith(`_${suffix}`));
  expect(names.length, `at most one *_${suffix} export, found ${names.join(', ')}`).toBeLessThanOrEqual(1);
  return names[0] ? (module[names[0]] as readonly string[]) : undefined;
}

const nodeActions = actionFiles()
  .filter((file) => /^actions\/[^/]+\/action\.ya?ml$/.test(file.path))
  .filter((file) => String((file.value.runs as { using?: string } | undefined)?.using ?? '').startsWith('node'))
  .map((file) => ({ name: file.path.split('/')[1] ?? '', file }));

function edgeOf(name: string): string {
  const entry = join(REPO_ROOT, 'src', 'actions', `${name}.ts`);
  expect(existsSync(entry), `src/actions/${name}.ts must exist for actions/${name}`).toBe(true);
  const match = /from\s+'(\.\/[^']+-action)\.js'/.exec(readFileSync(entry, 'utf8'));
  expect(match, `src/actions/${name}.ts must import its edge from ./<name>-action.js`).not.toBeNull();
  return resolve(join(REPO_ROOT, 'src', 'actions'), `${match?.[1]}.ts`);
}

describe.each(nodeActions.map(({ name, file }) => [name, file] as const))('actions/%s', (name, file) => {
  it('declares exactly the inputs its TypeScript edge reads', async () => {
    const edge = edgeOf(name);
    const declared = Object.keys((file.value.inputs as Record<string, unknown> | undefined) ?? {}).sort();
    const inputs = listExport((await import(edge)) as Record<string, unknown>, 'INPUTS');
    expect(inputs, `${edge} must export <AREA>_INPUTS (the input names it reads)`).toBeDefined();
    expect([...(inputs ?? [])].sort()).toEqual(declared);
    const read = [...readFileSync(edge, 'utf8').matchAll(READ_CALL)].map((m) => m[1] ?? '');
    for (const inputName of read) expect(inputs, `${edge} reads "${inputName}" without listing it`).toContain(inputName);
  });

  it('declares the outputs its TypeScript edge writes', async () => {
    const edge = edgeOf(name);
    const declared = Object.keys((file.value.outputs as Record<string, unknown> | undefined) ?? {}).sort();
    const outputs = listExport((await import(edge)) as Record<string, unknown>, 'OUTPUTS');
    const written = [...readFileSync(edge, 'utf8').matchAll(WRITE_CALL)].map((m) => m[1] ?? '');
    for (const outputName of written) expect(declared, `${edge} writes output "${outputName}" that action.yml does not declare`).toContain(outputName);
    if (outputs) expect([...outputs].sort()).toEqual(declared);
  });
});

describe('the input-name check', () => {
  it('covers the validate action', () => {
    expect(nodeActions.map((a) => a.name)).toContain('validate');
  });

  it('finds literal input reads and output writes', () => {
    const source =
      "const a = input('root'); const b = requiredInput(\"control-file\"); core.getInput('x', { required: true }); core.setOutput('valid', 'true');";
    expect([...source.matchAll(READ_CALL)].map((m) => m[1])).toEqual(['root', 'control-file', 'x']);
    expect([...source.matchAll(WRITE_CALL)].map((m) => m[1])).toEqual(['valid']);
  });

  it('finds the list export by its suffix', () => {
    expect(listExport({ APPLY_INPUTS: ['a'], run: () => undefined }, 'INPUTS')).toEqual(['a']);
    expect(listExport({ run: () => undefined }, 'INPUTS')).toBeUndefined();
  });
});

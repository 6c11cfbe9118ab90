import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { isMigrationFile, loadMigrations, parseDeprecationAfter } from '../../src/migrations/loader.js';
import { parseQuantity } from '../../src/migrations/quantity.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'k8sapp-migrations-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(folder, name, '..'), { recursive: true });
    await writeFile(join(folder, name), text);
  }
  return folder;
}

const valid = (id: string, extra = '') => `export default {
  id: '${id}',
  description: 'does ${id}',
  phase: 'pre',
  components: [],${extra}
  async isNeeded() { return false; },
  async run() {},
};
`;

async function loadError(folder: string): Promise<ConfigurationError> {
  try {
    await loadMigrations(folder, { required: true });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loading migration modules', () => {
  it('imports the top-level .js/.mjs modules in file-name order, ignoring helpers, tests and subfolders', async () => {
    const folder = await folderWith({
      '002-second.mjs': valid('002-second'),
      '001-first.js': valid('001-first'),
      '_shared.mjs': 'export default 42;',
      '003-third.test.mjs': 'throw new Error("tests are not migrations")',
      'lib/helper.mjs': 'throw new Error("subfolders are not loaded")',
      'README.md': '# notes',
      'package.json': '{"type":"module"}',
    });
    const loaded = await loadMigrations(folder, { required: true });
    expect(loaded.map((l) => [l.migration.id, l.file, l.builtin])).toEqual([
      ['001-first', join(folder, '001-first.js'), false],
      ['002-second', join(folder, '002-second.mjs'), false],
    ]);
  });

  it('a missing default folder means no migrations; a missing configured folder is an error', async () => {
    const folder = join(tmpdir(), 'k8sapp-no-such-folder-4711');
    expect(await loadMigrations(folder, { required: false })).toEqual([]);
    await expect(loadMigrations(folder, { required: true })).rejects.toThrow(/migrations folder .* cannot be read/);
  });

  it('names the file and line of each invalid field', async () => {
    const folder = await folderWith({
      '001-bad.mjs': `export default {
  id: 'has spaces',
  description: '',
  phase: 'before',
  components: 'postgres',
  isNeeded: true,
};
`,
    });
    const error = await loadError(folder);
    const file = join(folder, '001-bad.mjs');
    expect(error.findings.map((f) => [f.key, f.location, f.message])).toEqual([
      ['id', { file, line: 2 }, '001-bad.mjs: id must be a string of letters, digits, ".", "_" or "-" (got "has spaces")'],
      ['description', { file, line: 3 }, '001-bad.mjs: description must be a non-empty string'],
      ['phase', { file, line: 4 }, '001-bad.mjs: phase must be "pre" or "post" (got "before")'],
      ['components', { file, line: 5 }, '001-bad.mjs: components must be a list of service names ([] for a generic migration)'],
      ['isNeeded', { file, line: 6 }, '001-bad.mjs: isNeeded(ctx) must be a function returning Promise<boolean>'],
      ['run', { file, line: 1 }, '001-bad.mjs: run(ctx) must be a function returning Promise<void>'],
    ]);
    expect(error.message).toMatch(/^6 problem\(s\) in the migrations in /);
  });

  it('a module without a default export is named', async () => {
    const folder = await folderWith({ '001-named.mjs': 'export const migration = {};\n' });
    const error = await loadError(folder);
    expect(error.findings[0]!.message).toContain('001-named.mjs: the module must `export default` a migration object');
  });

  it('duplicate ids are an error naming both files', async () => {
    const folder = await folderWith({ '001-a.mjs': valid('same-id'), '002-b.mjs': valid('same-id') });
    const error = await loadError(folder);
    expect(error.findings).toEqual([
      expect.objectContaining({
        code: 'MIGRATION_DUPLICATE_ID',
        location: { file: join(folder, '002-b.mjs'), line: 1 },
        message: expect.stringContaining(`id "same-id" is already used by ${join(folder, '001-a.mjs')}`),
      }),
    ]);
  });

  it('a module that does not load is located on its file', async () => {
    const folder = await folderWith({ '001-broken.mjs': 'export default {\n  id: "x",\n  oops oops\n};\n', '002-ok.mjs': valid('002-ok') });
    const error = await loadError(folder);
    expect(error.findings).toHaveLength(1);
    expect(error.findings[0]).toMatchObject({ code: 'MIGRATION_LOAD', location: { file: join(folder, '001-broken.mjs') } });
    expect(error.findings[0]!.message).toMatch(/^cannot load 001-broken\.mjs: /);
  });

  it('checks deprecated and remembers where it is written', async () => {
    const folder = await folderWith({
      '001-dep.mjs': valid('001-dep', "\n  deprecated: { note: 'gone after PG 18', after: '2026-06-30' },"),
      '002-baddep.mjs': valid('002-baddep', "\n  deprecated: { note: 'x', after: 'soon' },"),
    });
    const error = await loadError(folder);
    expect(error.findings.map((f) => f.message)).toEqual([
      '002-baddep.mjs: deprecated.after must be an ISO date (2026-06-30) or a release (v2.0.0), got "soon"',
    ]);
    const good = await folderWith({ '001-dep.mjs': valid('001-dep', "\n  deprecated: { note: 'gone after PG 18', after: '2026-06-30' },") });
    const [loaded] = await loadMigrations(good, { required: true });
    expect(loaded!.deprecatedLocation).toEqual({ file: join(good, '001-dep.mjs'), line: 6 });
  });

  it('knows which names are migrations', () => {
    expect(['a.js', 'a.mjs', 'a.ts', 'a.mts'].every(isMigrationFile)).toBe(true);
    expect(['a.d.ts', 'a.test.ts', 'a.spec.mjs', '_a.mjs', '.a.js', 'a.json', 'a.cjs'].some(isMigrationFile)).toBe(false);
  });
});

describe('values', () => {
  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('10Gi')).toBe(10 * 2 ** 30);
    expect(parseQuantity('20G')).toBe(20e9);
    expect(parseQuantity('1.5Ti')).toBe(1.5 * 2 ** 40);
    expect(parseQuantity('21474836480')).toBe(20 * 2 ** 30);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('10 GB')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('parses deprecation dates and releases', () => {
    expect(parseDeprecationAfter('2026-06-30')).toEqual({ kind: 'date', date: new Date('2026-06-30T00:00:00Z') });
    expect(parseDeprecationAfter('v2.1')).toEqual({ kind: 'release', parts: [2, 1, 0], text: 'v2.1' });
    expect(parseDeprecationAfter('next year')).toBeUndefined();
  });
});

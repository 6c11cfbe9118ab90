import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-action.js';

describe('the published type module (k8sapp/migrations)', () => {
  it('holds types only, so `import type` of it is erased completely by type stripping', async () => {
    const text = await readFile(join(REPO_ROOT, 'src/migrations/types.ts'), 'utf8');
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/^\s*import\s+(?!type\b)/m);
    expect(code).not.toMatch(/^\s*export\s+(const|let|var|function|class|enum|default)\b/m);
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> };
    expect(pkg.exports['./migrations']!.types).toBe('./src/migrations/types.ts');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId } from '../../src/config/compiled-schemas.cjs';
import { REPO_ROOT } from '../helpers/run-action.js';
// @ts-expect-error -- a plain JavaScript build script without type declarations
import { OUTPUT, SCHEMAS, compiledSchemasSource } from '../../scripts/compile-schemas.mjs';

describe('src/config/compiled-schemas.cjs', () => {
  it('is what scripts/compile-schemas.mjs generates from schemas/ today (npm run build regenerates it)', () => {
    expect(readFileSync(join(REPO_ROOT, OUTPUT as string), 'utf8')).toBe(compiledSchemasSource(REPO_ROOT));
  });

  it('has a validator for every schema in schemas/, by its $id', () => {
    for (const file of Object.values(SCHEMAS as Record<string, string>)) {
      const { $id } = JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { $id: string };
      expect(typeof byId[$id]).toBe('function');
    }
  });
});

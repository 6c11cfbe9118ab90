// Bundles every entry point with ncc: src/actions/<name>.ts -> dist/<name>/index.js, src/cli/index.ts -> dist/cli,
// and the library entries users import (dist/migrations-testing).
// The output is committed; CI rebuilds and fails when it differs (check-dist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const entries = readdirSync('src/actions')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ name: file.replace(/\.ts$/, ''), source: join('src/actions', file) }));
entries.push({ name: 'cli', source: 'src/cli/index.ts' });
// Library entry points users import at run time (package.json "exports").
entries.push({ name: 'migrations-testing', source: 'src/migrations/testing.ts' });

const only = process.argv.slice(2);
const selected = only.length ? entries.filter((entry) => only.includes(entry.name)) : entries;
if (!only.length && existsSync('dist')) {
  const wanted = new Set(entries.map((entry) => entry.name));
  for (const folder of readdirSync('dist')) if (!wanted.has(folder) && !folder.startsWith('.staging-')) rmSync(join('dist', folder), { recursive: true, force: true });
}

// ncc type-checks the whole program while bundling. Each bundle is built aside and swapped in only when it succeeded,
// so a failed build never leaves an action without its bundle.
for (const entry of selected) {
  const out = join('dist', entry.name);
  const staging = join('dist', `.staging-${entry.name}`);
  rmSync(staging, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry.source, '-o', staging, '--license', 'licenses.txt', '--quiet'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    console.error(`build of ${entry.name} failed`);
    process.exit(result.status ?? 1);
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  console.log(`built dist/${entry.name}/index.js`);
}

// Bundles every entry point with ncc: src/actions/<name>.ts -> dist/<name>/index.js, src/cli/index.ts -> dist/cli.
// The output is committed; CI rebuilds and fails when it differs (check-dist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const entries = readdirSync('src/actions')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ name: file.replace(/\.ts$/, ''), source: join('src/actions', file) }));
entries.push({ name: 'cli', source: 'src/cli/index.ts' });

const only = process.argv.slice(2);
const selected = only.length ? entries.filter((entry) => only.includes(entry.name)) : entries;
if (!only.length && existsSync('dist')) {
  const wanted = new Set(entries.map((entry) => entry.name));
  for (const folder of readdirSync('dist')) if (!wanted.has(folder)) rmSync(join('dist', folder), { recursive: true, force: true });
}

for (const entry of selected) {
  const out = join('dist', entry.name);
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry.source, '-o', out, '--license', 'licenses.txt', '--quiet'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`build of ${entry.name} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`built dist/${entry.name}/index.js`);
}

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What `k8sapp --version` prints: the version from package.json and, when it can be known, the commit.
 * Both are read at run time, never baked into the bundle (a bundle that contained its own commit could not be
 * committed, and check-dist needs a build that depends only on src/):
 * - in a git checkout, the checked-out commit;
 * - run by `npx github:owner/k8sapp#v1` or installed from git as a dependency, the commit npm resolved the ref to,
 *   which npm records in the lockfile of the folder it installed into (node_modules/.package-lock.json). A global
 *   install (`npm install -g github:…`) keeps no such record, so only the version is printed there.
 */
export function versionText(start: string = fileURLToPath(import.meta.url)): string {
  const root = packageRoot(start);
  if (!root) return 'k8sapp (version unknown)';
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  const commit = checkoutCommit(root) ?? installedCommit(root);
  return commit ? `k8sapp ${version} (commit ${commit})` : `k8sapp ${version}`;
}

/** The folder of k8sapp's own package.json above `start` (dist/package.json only sets the module type). */
function packageRoot(start: string): string | undefined {
  for (let folder = dirname(start); ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'k8sapp') return folder;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(folder) === folder) return undefined;
  }
}

const COMMIT = /^[0-9a-f]{40}$/;

function checkoutCommit(root: string): string | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return COMMIT.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

function installedCommit(root: string): string | undefined {
  // <folder>/node_modules/k8sapp → <folder>/node_modules/.package-lock.json (npx and local installs).
  const lockfile = join(dirname(root), '.package-lock.json');
  if (!existsSync(lockfile)) return undefined;
  try {
    const packages = (JSON.parse(readFileSync(lockfile, 'utf8')) as { packages?: Record<string, { resolved?: string }> }).packages ?? {};
    for (const [path, entry] of Object.entries(packages)) {
      if (path !== 'node_modules/k8sapp' && !path.endsWith('/node_modules/k8sapp')) continue;
      const commit = /#([0-9a-f]{40})$/.exec(entry.resolved ?? '')?.[1];
      if (commit) return commit;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { versionText } from '../../src/cli/version.js';
import { REPO_ROOT } from '../helpers/run-action.js';

// What `npm install -g github:<owner>/k8sapp#v1` and `npx github:<owner>/k8sapp#v1` get: npm packs the repository
// (the committed dist/, no build, no prepare script) and installs that package. `npm pack` + an offline install into
// an empty prefix is the same path without the network; offline proves the package needs nothing downloaded.
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
};

/** npm's own settings from `npm test` (npm_config_prefix, …) must not steer the install under test. */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return env;
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the package as npm installs it from git', () => {
  let temp: string;
  let prefix: string;
  let infra: string;

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'k8sapp-install-'));
    const tarball = npm(['pack', '--silent', '--pack-destination', temp], REPO_ROOT).trim().split('\n').pop() ?? '';
    prefix = join(temp, 'prefix');
    npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(temp, tarball)], temp);
    infra = join(temp, 'infra');
    cpSync(join(REPO_ROOT, 'examples/infra'), infra, { recursive: true });
  });

  it('has no runtime dependencies and no script that builds on install', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall', 'prepack']) expect(manifest.scripts?.[hook]).toBeUndefined();
    const installed = join(prefix, 'lib/node_modules/k8sapp');
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(readdirSync(join(prefix, 'lib/node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['k8sapp']);
  });

  it('k8sapp validate runs from the installed bundle on a copy of examples/infra', () => {
    const run = spawnSync(join(prefix, 'bin/k8sapp'), ['validate', '--root', infra], { cwd: temp, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/valid: 4 overlay\(s\) built and checked/);
  });

  it('k8sapp --version prints the package version (no commit is known for a tarball install)', () => {
    const run = spawnSync(join(prefix, 'bin/k8sapp'), ['--version'], { cwd: temp, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`k8sapp ${manifest.version}`);
  });
});

describe('versionText', () => {
  const commit = '0123456789abcdef0123456789abcdef01234567';

  function installedPackage(lockfile: object | undefined): string {
    const root = mkdtempSync(join(tmpdir(), 'k8sapp-version-'));
    const folder = join(root, 'node_modules/k8sapp');
    mkdirSync(join(folder, 'dist/cli'), { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'k8sapp', version: '1.2.3' }));
    writeFileSync(join(folder, 'dist/package.json'), JSON.stringify({ type: 'module' }));
    if (lockfile) writeFileSync(join(root, 'node_modules/.package-lock.json'), JSON.stringify(lockfile));
    return join(folder, 'dist/cli/index.js');
  }

  it('names the commit npm resolved a git install to (npx and local installs record it in the hidden lockfile)', () => {
    const entry = installedPackage({
      packages: { 'node_modules/k8sapp': { version: '1.2.3', resolved: `git+ssh://git@github.com/org/k8sapp.git#${commit}` } },
    });
    expect(versionText(entry)).toBe(`k8sapp 1.2.3 (commit ${commit})`);
  });

  it('prints only the version when the install names no commit (a tarball, or a lockfile without one)', () => {
    expect(versionText(installedPackage(undefined))).toBe('k8sapp 1.2.3');
    expect(versionText(installedPackage({ packages: { 'node_modules/k8sapp': { resolved: 'file:../k8sapp-1.2.3.tgz' } } }))).toBe('k8sapp 1.2.3');
  });

  it('names the checked-out commit in a git checkout', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    expect(versionText(join(REPO_ROOT, 'dist/cli/index.js'))).toBe(`k8sapp ${manifest.version} (commit ${head})`);
  });
});

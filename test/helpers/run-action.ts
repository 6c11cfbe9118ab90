import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The node that runs bundles: CI points K8SAPP_TEST_NODE at Node 24, the runtime `using: node24` gets on GitHub. */
export const ACTION_NODE = process.env.K8SAPP_TEST_NODE || process.execPath;

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every `::error ...::` / `::warning ...::` / `::notice ...::` workflow command the step printed. */
  annotations: { level: string; properties: Record<string, string>; message: string }[];
  tempDir: string;
}

/** Parses the GITHUB_OUTPUT file format, including `name<<DELIMITER` multi-line values. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? '');
      outputs[name] = body.join('\n');
    } else if (line.includes('=')) {
      const index = line.indexOf('=');
      outputs[line.slice(0, index)] = line.slice(index + 1);
    }
  }
  return outputs;
}

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const found: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const part of (match[2] ?? '').trim().split(',')) {
      const index = part.indexOf('=');
      if (index > 0) properties[part.slice(0, index)] = decodeURIComponent(part.slice(index + 1).replace(/%2C/g, ','));
    }
    found.push({ level: match[1] ?? '', properties, message: (match[3] ?? '').replace(/%0A/g, '\n').replace(/%25/g, '%') });
  }
  return found;
}

/**
 * Runs a bundled action exactly as the runner does: `node dist/<name>/index.js` with inputs as INPUT_* variables
 * (name upper-cased, spaces to underscores, hyphens kept) and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */
export async function runBundledAction(
  name: string,
  inputs: Record<string, string>,
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<ActionRun> {
  const tempDir = await mkdtemp(join(tmpdir(), `k8sapp-${name}-`));
  const outputFile = join(tempDir, 'output');
  const summaryFile = join(tempDir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('INPUT_') && !key.startsWith('GITHUB_')) env[key] = value;
  }
  Object.assign(env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tempDir,
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
  });
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, options.env);
  const child = spawn(ACTION_NODE, [join(REPO_ROOT, 'dist', name, 'index.js')], { cwd: options.cwd ?? REPO_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
    tempDir,
  };
}

/** Runs the bundled CLI (`dist/cli/index.js`, what `npx k8sapp` runs). */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const child = spawn(ACTION_NODE, [join(REPO_ROOT, 'bin', 'k8sapp.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  return { exitCode, stdout, stderr };
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, EnvironmentError, errorMessage, formatFinding, type Finding } from '../errors.js';
import { execute, type Executor } from '../exec.js';
import { EXIT_FAILED, EXIT_USAGE, type Command, type CommandContext, type OptionSpec } from './command.js';
import { commands } from './commands/index.js';

const COMMON_OPTIONS: OptionSpec = {
  root: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export interface CliEnvironment {
  out(text: string): void;
  err(text: string): void;
  exec: Executor;
  now(): Date;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'k8sapp: deploy Kustomize overlays to Kubernetes with gates, safe apply, diagnosed rollouts and rollback.',
    '',
    'Usage: k8sapp <command> [--root DIR] [--json] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Common options:',
    '  --root DIR   folder holding deploy-control.yaml and k8s/ (default: infra)',
    '  --json       print a machine-readable result on stdout',
    '',
    'Exit codes: 0 ok, 1 the checked thing failed, 2 usage or configuration error.',
  ].join('\n');
}

function help(command: Command): string {
  return [`Usage: k8sapp ${command.name} [--root DIR] [--json] ${command.usage}`, '', command.summary].join('\n');
}

/** Runs one CLI invocation and returns its exit code; the process wrapper only sets process.exitCode. */
export async function main(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    environment.out(overview());
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (rest.includes('--json')) environment.out(jsonError('usage', `unknown command "${name}"`));
    environment.err(`k8sapp: unknown command "${name}"\n\n${overview()}`);
    return EXIT_USAGE;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    if (rest.includes('--json')) environment.out(jsonError('usage', errorMessage(error)));
    environment.err(`k8sapp ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${help(command)}`);
    return EXIT_USAGE;
  }
  const values = parsed.values as CommandContext['values'];
  if (values.help) {
    environment.out(help(command));
    return 0;
  }
  const context: CommandContext = {
    values,
    positionals: parsed.positionals,
    root: resolve(environment.cwd, typeof values.root === 'string' ? values.root : 'infra'),
    json: values.json === true,
    cwd: environment.cwd,
    out: environment.out,
    err: environment.err,
    exec: environment.exec,
    now: environment.now,
    env: environment.env,
  };
  try {
    return await command.run(context);
  } catch (error) {
    return reportFailure(name, error, context.json, environment);
  }
}

/** The `--json` answer of a command that could not produce its result: always an object with `error`. */
export interface JsonError {
  error: { kind: string; message: string; findings?: Finding[] };
}

function jsonError(kind: string, message: string, findings?: Finding[]): string {
  const body: JsonError = { error: { kind, message, ...(findings?.length ? { findings } : {}) } };
  return JSON.stringify(body, null, 2);
}

/**
 * How every command ends when it throws: a configuration error (exit 2) and an environment problem — unreachable
 * cluster, unreadable store — (exit 1) are their message, never a stack; only a bug gets its stack, on stderr.
 * Under --json, stdout always carries one JSON object.
 */
function reportFailure(name: string, error: unknown, json: boolean, environment: CliEnvironment): number {
  if (error instanceof ConfigurationError) {
    if (json) environment.out(jsonError('configuration', error.message, error.findings));
    const lines = error.findings.length ? error.findings.map(formatFinding) : [error.message];
    if (error.findings.length) environment.err(error.message.split('\n')[0] ?? '');
    environment.err(lines.join('\n'));
    return EXIT_USAGE;
  }
  if (error instanceof EnvironmentError) {
    if (json) environment.out(jsonError(error.kind, error.message));
    environment.err(`k8sapp ${name}: ${error.message}`);
    return EXIT_FAILED;
  }
  if (json) environment.out(jsonError('internal', `k8sapp ${name} failed unexpectedly (a bug): ${errorMessage(error)}`));
  environment.err(`k8sapp ${name} failed unexpectedly; this is a bug:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT_FAILED;
}

export function processEnvironment(): CliEnvironment {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    exec: execute,
    now: () => new Date(),
    env: process.env,
    cwd: process.cwd(),
  };
}

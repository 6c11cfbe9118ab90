import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, formatFinding } from '../errors.js';
import { execute, type Executor } from '../exec.js';
import { systemClock } from '../log.js';
import { EXIT_FAILED, EXIT_USAGE, type Command, type CommandContext, type OptionSpec } from './command.js';
import { commands } from './commands/index.js';
import { versionText } from './version.js';

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
  /** Defaults to real time; tests pass a virtual clock's sleep together with its now(). */
  sleep?(milliseconds: number): Promise<void>;
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
    '  --version    print the version (and the commit, when known) and exit',
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
  if (name === '--version' || name === '-V') {
    environment.out(versionText());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    environment.err(`k8sapp: unknown command "${name}"\n\n${overview()}`);
    return EXIT_USAGE;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
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
    sleep: environment.sleep ?? systemClock.sleep,
    env: environment.env,
  };
  try {
    return await command.run(context);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      if (context.json) {
        environment.out(JSON.stringify({ error: error.message, findings: error.findings }, null, 2));
      }
      const lines = error.findings.length ? error.findings.map(formatFinding) : [error.message];
      if (error.findings.length) environment.err(error.message.split('\n')[0] ?? '');
      environment.err(lines.join('\n'));
      return EXIT_USAGE;
    }
    environment.err(`k8sapp ${name} failed unexpectedly; this is a bug:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_FAILED;
  }
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

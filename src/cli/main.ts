import { resolve } from 'node:path';
import { ConfigurationError, EnvironmentError, errorMessage, formatFinding, type Finding } from '../errors.js';
import { execute, type Executor } from '../exec.js';
import type { FetchLike } from '../preflight/registry.js';
import { ansiStyle, plainStyle, useColor } from '../report/text.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command, type CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { COMMON_OPTIONS, commandHelp, overview } from './help.js';
import { asksForHelp, closest, parseOptions, UsageError } from './options.js';
import { systemClock } from '../log.js';
import { versionText } from './version.js';
import type { KubeClientFactory } from '../k8s/connect.js';

export interface CliEnvironment {
  out: (text: string) => void;
  err: (text: string) => void;
  exec: Executor;
  now: () => Date;
  /** Defaults to real time; tests pass a virtual clock's sleep together with its now(). */
  sleep?: (milliseconds: number) => Promise<void>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colour is used only then); default false. */
  stdoutIsTTY?: boolean;
  /** HTTP for registries; default globalThis.fetch. */
  fetch?: FetchLike;
  /** How commands get their API client; default the HTTP client (tests pass a fake). */
  connect?: KubeClientFactory;
}

function findCommand(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const match = closest(
    name,
    commands.map((c) => c.name),
  );
  throw new UsageError(`unknown command "${name}"${match ? `; did you mean "${match}"?` : ''} (see k8sapp --help)`);
}

function context(command: Command, args: readonly string[], environment: CliEnvironment): CommandContext {
  const values = parseOptions(args, [...COMMON_OPTIONS, ...command.options], `k8sapp ${command.name} --help`);
  const color = useColor(environment.env, environment.stdoutIsTTY ?? false);
  return {
    values,
    root: resolve(environment.cwd, typeof values.root === 'string' ? values.root : 'infra'),
    json: values.json === true,
    cwd: environment.cwd,
    out: environment.out,
    err: environment.err,
    style: color ? ansiStyle : plainStyle,
    exec: environment.exec,
    now: environment.now,
    sleep: environment.sleep ?? systemClock.sleep,
    env: environment.env,
    fetch: environment.fetch ?? ((url, init) => fetch(url, init)),
    ...(environment.connect ? { connect: environment.connect } : {}),
  };
}

/** `k8sapp`, `k8sapp --help`, `k8sapp help [command]`: help text, or undefined when argv names a command to run. */
function topLevelHelp(argv: readonly string[], environment: CliEnvironment): number | undefined {
  const [name, ...rest] = argv;
  if (name === undefined) {
    environment.err(overview(commands));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    environment.out(overview(commands));
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    if (rest.length > 0) throw new UsageError(`--version takes no arguments, got "${rest.join(' ')}"`);
    environment.out(versionText());
    return EXIT_OK;
  }
  if (name !== 'help') return undefined;
  if (rest.length > 1) throw new UsageError(`help takes one command name, got "${rest.join(' ')}" (see k8sapp --help)`);
  environment.out(rest[0] === undefined ? overview(commands) : commandHelp(findCommand(rest[0])));
  return EXIT_OK;
}

/** Runs one CLI invocation and returns its exit code; the process wrapper only sets process.exitCode. */
export async function main(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  let command: Command | undefined;
  let json = false;
  try {
    const help = topLevelHelp(argv, environment);
    if (help !== undefined) return help;
    const [name = '', ...args] = argv;
    command = findCommand(name);
    if (asksForHelp(args)) {
      environment.out(commandHelp(command));
      return EXIT_OK;
    }
    const commandContext = context(command, args, environment);
    json = commandContext.json;
    return await command.run(commandContext);
  } catch (error) {
    return reportFailure(command?.name ?? '', error, json || argv.includes('--json'), environment);
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
 * How every command ends when it throws: a usage or configuration error (exit 2) and an environment problem —
 * unreachable cluster, unreadable store — (exit 1) are their message, never a stack; only a bug gets its stack, on
 * stderr. Under --json, stdout always carries one JSON object.
 */
function reportFailure(name: string, error: unknown, json: boolean, environment: CliEnvironment): number {
  if (error instanceof UsageError) {
    if (json) environment.out(jsonError('usage', error.message));
    environment.err(`k8sapp${name ? ` ${name}` : ''}: ${error.message}`);
    return EXIT_USAGE;
  }
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
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

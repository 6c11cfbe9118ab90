/**
 * One table of options per command drives both the parser and the help text, so `--help` can never describe an
 * option the parser does not accept, or miss one it does.
 */

export interface OptionDef {
  /** The long name without dashes: `env` for `--env`. */
  name: string;
  /** Placeholder shown in help for an option that takes a value (`ENV`, `FILE`); absent for a flag. */
  value?: string;
  /** One letter for `-h`-style use. */
  short?: string;
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  required?: boolean;
  /** The only values accepted; help shows them in place of `value`. */
  choices?: readonly string[];
  /** Applied by the parser when the option is absent, and shown in help. */
  default?: string;
  /** A computed default, described for help only (the command applies it). */
  defaultText?: string;
  description: string;
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** A command line k8sapp cannot run: one line for the user, exit 2, nothing done. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP_OPTION: OptionDef = { name: 'help', short: 'h', description: 'Show this help and exit.' };

/** The option's name and value as help shows it: `--rollback auto|never|undo|release`, `-h, --help`. */
export function optionLabel(option: OptionDef): string {
  const value = option.choices ? option.choices.join('|') : option.value;
  return `${option.short ? `-${option.short}, ` : ''}--${option.name}${value ? ` ${value}` : ''}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate a typo could have meant: a prefix, or at most a third of the letters wrong. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const scored = candidates
    .map((candidate) => ({
      candidate,
      distance: candidate.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, candidate),
      limit: Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3)),
    }))
    .filter((entry) => entry.distance <= entry.limit)
    .sort((a, b) => a.distance - b.distance);
  return scored[0]?.candidate;
}

function unknownOption(arg: string, options: readonly OptionDef[], helpHint: string): UsageError {
  const name = arg.replace(/^-+/, '').split('=')[0] ?? '';
  const match = closest(
    name,
    options.map((option) => option.name),
  );
  return new UsageError(`unknown option ${arg.split('=')[0]}${match ? `; did you mean --${match}?` : ''} (see ${helpHint})`);
}

function unexpectedArgument(arg: string, options: readonly OptionDef[], helpHint: string): UsageError {
  const match = options.find((option) => option.name === arg);
  const hint = match ? `; did you mean --${match.name}?` : `; this command takes options only (see ${helpHint})`;
  return new UsageError(`unexpected argument "${arg}"${hint}`);
}

function checkChoice(option: OptionDef, value: string): void {
  if (!option.choices || option.choices.includes(value)) return;
  const match = closest(value, option.choices);
  throw new UsageError(`--${option.name} must be one of ${option.choices.join(', ')}; got "${value}"${match ? ` (did you mean ${match}?)` : ''}`);
}

/** True when the command line asks for help anywhere before `--`: `-h`/`--help` wins over every other mistake. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function takeValue(option: OptionDef, args: readonly string[], index: number, inline: string | undefined): string {
  if (inline !== undefined) return inline;
  const next = args[index + 1];
  if (next === undefined || (next.startsWith('-') && next !== '-')) {
    const form = `--${option.name} ${option.choices?.join('|') ?? option.value ?? 'VALUE'}`;
    const dash = next === undefined ? '' : ` (for a value starting with "-" write --${option.name}=${next})`;
    throw new UsageError(`--${option.name} needs a value: ${form}${dash}`);
  }
  return next;
}

function defaults(options: readonly OptionDef[]): ParsedValues {
  const values: ParsedValues = {};
  for (const option of options) {
    if (option.multiple) values[option.name] = [];
    else if (!option.value && !option.choices) values[option.name] = false;
    else if (option.default !== undefined) values[option.name] = option.default;
  }
  return values;
}

/**
 * Parses `args` against `options`: `--name VALUE`, `--name=VALUE`, flags, `-h`; no positional arguments.
 * Throws a UsageError for an unknown option (with a suggestion), a missing value, a value for a flag, an option given
 * twice, a value outside `choices`, a missing required option or any positional argument.
 */
export function parseOptions(args: readonly string[], options: readonly OptionDef[], helpHint: string): ParsedValues {
  const values = defaults(options);
  const seen = new Set<string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      const rest = args[index + 1];
      if (rest !== undefined) throw unexpectedArgument(rest, options, helpHint);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') throw unexpectedArgument(arg, options, helpHint);
    const long = arg.startsWith('--');
    const [name = '', ...inlineParts] = arg.slice(long ? 2 : 1).split('=');
    const inline = inlineParts.length ? inlineParts.join('=') : undefined;
    const option = options.find((candidate) => (long ? candidate.name === name : candidate.short === name));
    if (!option) throw unknownOption(arg, options, helpHint);
    if (seen.has(option.name) && !option.multiple) throw new UsageError(`--${option.name} is given more than once`);
    seen.add(option.name);
    if (!option.value && !option.choices) {
      if (inline !== undefined) throw new UsageError(`--${option.name} is a flag and takes no value (got "${arg}")`);
      values[option.name] = true;
      continue;
    }
    const value = takeValue(option, args, index, inline);
    if (inline === undefined) index++;
    checkChoice(option, value);
    const previous = values[option.name];
    values[option.name] = option.multiple ? [...(Array.isArray(previous) ? previous : []), value] : value;
  }
  for (const option of options) {
    const value = values[option.name];
    if (option.required && (value === undefined || value === '')) throw new UsageError(`${optionLabel(option)} is required (see ${helpHint})`);
  }
  return values;
}

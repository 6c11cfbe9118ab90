import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { COMMON_OPTIONS } from '../../src/cli/help.js';
import { optionLabel, parseOptions, UsageError } from '../../src/cli/options.js';
import { runCliInProcess } from '../helpers/cli.js';

async function cli(args: string[]) {
  const run = await runCliInProcess(args, { refusal: 'no external command may run for a usage error or help' });
  return { code: run.code, stdout: run.out, stderr: run.err };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The option names a help text lists at the start of a line in its option sections. */
function listedOptions(help: string): string[] {
  return [...help.matchAll(/^ {2}(?:-\w, )?--([a-z][\w-]*)/gm)].map((match) => match[1] ?? '');
}

/** Arguments that satisfy a command's required options, so a test reaches the part it is about. */
function requiredArgs(name: string, except?: string): string[] {
  const command = commands.find((c) => c.name === name)!;
  return command.options.filter((o) => o.required && o.name !== except).flatMap((o) => [`--${o.name}`, o.choices?.[0] ?? 'x']);
}

describe('k8sapp help', () => {
  it.each(commands.map((c) => c.name))('%s: help <command>, --help and -h print the same help, exit 0', async (name) => {
    const viaHelp = await cli(['help', name]);
    const viaFlag = await cli([name, '--help']);
    const viaShort = await cli([name, '-h', '--bogus-is-ignored-with-help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(viaShort).toEqual(viaHelp);
    expect(viaHelp.stderr).toBe('');
  });

  it.each(commands.map((c) => c.name))('%s: purpose first, every option the parser accepts explained, exit codes, examples', async (name) => {
    const command = commands.find((c) => c.name === name)!;
    const { stdout } = await cli(['help', name]);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`k8sapp ${name}: ${command.summary}`);
    expect(lines[2]).toMatch(new RegExp(`^Usage: k8sapp ${name} `));
    const accepted = [...COMMON_OPTIONS, ...command.options];
    // Exactly the parser's options are listed: none missing, none the parser would reject.
    expect(listedOptions(stdout).sort()).toEqual(accepted.map((o) => o.name).sort());
    for (const option of accepted) {
      expect(
        lines.some((line) => line.startsWith(`  ${optionLabel(option)}`)),
        optionLabel(option),
      ).toBe(true);
      expect(flat(stdout)).toContain(flat(option.description));
      if (option.default !== undefined) expect(flat(stdout)).toContain(`Default: ${option.default}.`);
      if (option.defaultText) expect(flat(stdout)).toContain(flat(`Default: ${option.defaultText}.`));
      // The parser takes every option help lists.
      const args = [`--${option.name}`, ...(option.value || option.choices ? [option.choices?.[0] ?? 'x'] : [])];
      expect(parseOptions([...args, ...requiredArgs(name, option.name)], accepted, 'h')[option.name]).toBeTruthy();
    }
    const section = (title: string) => stdout.split(`\n${title}:\n`)[1]?.split('\n\n')[0] ?? '';
    expect(section('Exit codes')).toMatch(/^ {2}0 {2}\S/);
    expect(section('Exit codes')).toMatch(/^ {2}2 {2}.*usage/m);
    const examples = section('Examples')
      .split('\n')
      .filter((line) => line.startsWith(`  k8sapp ${name}`));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    expect(command.examples).toHaveLength(examples.length);
  });

  it("explains rollout's --workloads, --rollback, --manifests and --sha", async () => {
    const { stdout } = await cli(['rollout', '--help']);
    expect(stdout).toMatch(/^ {2}--workloads JSON\|@FILE +The workloads to wait for: a JSON array/m);
    expect(stdout).toMatch(/^ {2}--rollback auto\|never\|undo\|release\n +What to do with a workload that fails/m);
    expect(flat(stdout)).toContain(
      'undo restores the template that ran before (else the newest earlier Ready revision, as kubectl rollout undo would); release re-applies the last recorded release. Default: auto.',
    );
    expect(stdout).toMatch(/^ {2}--manifests FILE +The rendered manifests that were applied/m);
    expect(stdout).toMatch(/^ {2}--sha SHA +Commit recorded with the release/m);
  });

  it('k8sapp --help lists every command with its one-line purpose; bare k8sapp shows it on stderr with exit 2', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const command of commands) expect(flat(top.stdout)).toContain(flat(`  ${command.name.padEnd(10)}  ${command.summary}`));
    expect(await cli(['help'])).toEqual(top);
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(top.stdout);
  });
});

describe('k8sapp usage errors: one line, exit 2, nothing run', () => {
  it.each([
    [['valdate'], 'k8sapp: unknown command "valdate"; did you mean "validate"? (see k8sapp --help)'],
    [['frobnicate'], 'k8sapp: unknown command "frobnicate" (see k8sapp --help)'],
    [['help', 'gat'], 'k8sapp: unknown command "gat"; did you mean "gate"? (see k8sapp --help)'],
    [['validate', '--verbos'], 'k8sapp validate: unknown option --verbos; did you mean --verbose? (see k8sapp validate --help)'],
    [['rollout', '--env', 'dev', '--kubecfg', 'x'], 'k8sapp rollout: unknown option --kubecfg; did you mean --kubeconfig? (see k8sapp rollout --help)'],
    [['gate', '--all', '--bogus'], 'k8sapp gate: unknown option --bogus (see k8sapp gate --help)'],
    [['validate', '-x'], 'k8sapp validate: unknown option -x (see k8sapp validate --help)'],
    [['gate', '--env'], 'k8sapp gate: --env needs a value: --env ENV'],
    [['gate', '--env', '--all'], 'k8sapp gate: --env needs a value: --env ENV (for a value starting with "-" write --env=--all)'],
    [['validate', '--json=yes'], 'k8sapp validate: --json is a flag and takes no value (got "--json=yes")'],
    [['gate', '--env', 'dev', '--env', 'prod'], 'k8sapp gate: --env is given more than once'],
    [
      ['rollout', '--env', 'dev', '--rollback', 'nevr'],
      'k8sapp rollout: --rollback must be one of auto, never, undo, release; got "nevr" (did you mean never?)',
    ],
    [['deploy', '--env', 'dev'], 'k8sapp deploy: --kubeconfig FILE is required (see k8sapp deploy --help)'],
    [['apply', '--env='], 'k8sapp apply: --env ENV is required (see k8sapp apply --help)'],
    [['validate', 'verbose'], 'k8sapp validate: unexpected argument "verbose"; did you mean --verbose?'],
    [['validate', '--', '--verbose'], 'k8sapp validate: unexpected argument "--verbose"; this command takes options only (see k8sapp validate --help)'],
  ])('%j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe('');
  });

  it.each(commands.map((c) => c.name))('%s rejects an extra positional argument before doing anything', async (name) => {
    const run = await cli([name, ...requiredArgs(name), 'extra-arg']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`k8sapp ${name}: unexpected argument "extra-arg"; this command takes options only (see k8sapp ${name} --help)`);
  });

  it('the parser applies defaults, collects repeatable options and takes --name=value', () => {
    const options = commands.find((c) => c.name === 'rollout')!.options;
    expect(parseOptions(['--env=dev', '--timeout', '60'], options, 'h')).toMatchObject({
      env: 'dev',
      timeout: '60',
      rollback: 'auto',
      'release-namespace': 'default',
    });
    const gate = commands.find((c) => c.name === 'gate')!.options;
    expect(parseOptions(['--env', 'prod', '--service', 'a', '--service=b,c'], gate, 'h')).toMatchObject({ service: ['a', 'b,c'], all: false });
    expect(() => parseOptions(['--emergency-reason', '-fix'], gate, 'h')).toThrow(UsageError);
    expect(parseOptions(['--emergency-reason=-fix'], gate, 'h')['emergency-reason']).toBe('-fix');
  });
});

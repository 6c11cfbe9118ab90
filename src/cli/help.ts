import { displayWidth, wrap } from '../report/text.js';
import type { Command } from './command.js';
import { HELP_OPTION, optionLabel, type OptionDef } from './options.js';

const WIDTH = 100;
/** Labels wider than this put their description on the next line. */
const LABEL_COLUMN = 30;

/** Options every command takes, before its own. */
export const COMMON_OPTIONS: readonly OptionDef[] = [
  { name: 'root', value: 'DIR', default: 'infra', description: 'Folder holding deploy-control.yaml and k8s/, relative to the current folder.' },
  { name: 'json', description: 'Print the result as one JSON object on stdout; progress and messages stay on stderr.' },
  HELP_OPTION,
];

/** `label  description` rows, the description wrapped in its own column. */
function definitionList(rows: readonly (readonly [string, string])[]): string[] {
  const labelWidth = Math.min(LABEL_COLUMN, Math.max(...rows.map(([label]) => displayWidth(label))));
  const indent = ' '.repeat(2 + labelWidth + 2);
  return rows.flatMap(([label, text]) => {
    const lines = wrap(text, WIDTH - indent.length);
    if (displayWidth(label) > labelWidth) return [`  ${label}`, ...lines.map((line) => indent + line)];
    return lines.map((line, index) => (index === 0 ? `  ${label.padEnd(labelWidth)}  ${line}` : indent + line));
  });
}

function optionText(option: OptionDef): string {
  const parts = [option.description];
  if (option.required) parts.push('Required.');
  if (option.multiple) parts.push('Repeatable; a,b counts as two.');
  if (option.default !== undefined) parts.push(`Default: ${option.default}.`);
  else if (option.defaultText) parts.push(`Default: ${option.defaultText}.`);
  return parts.join(' ');
}

function synopsis(command: Command): string {
  if (command.synopsis) return command.synopsis;
  const required = command.options.filter((option) => option.required).map(optionLabel);
  return [...required, '[options]'].join(' ');
}

/** `k8sapp NAME --help`: purpose, usage, every option with its default, notes, exit codes, examples. */
export function commandHelp(command: Command): string {
  const lines = [`k8sapp ${command.name}: ${command.summary}`, '', `Usage: k8sapp ${command.name} ${synopsis(command)}`, ''];
  if (command.options.length) {
    lines.push('Options:', ...definitionList(command.options.map((option) => [optionLabel(option), optionText(option)])), '');
  }
  lines.push('Common options:', ...definitionList(COMMON_OPTIONS.map((option) => [optionLabel(option), optionText(option)])), '');
  if (command.notes) lines.push(...wrap(command.notes, WIDTH), '');
  lines.push('Exit codes:', ...definitionList(command.exitCodes.map(([code, meaning]) => [String(code), meaning])), '');
  lines.push('Examples:');
  for (const [example, what] of command.examples) lines.push(`  ${example}`, ...wrap(what, WIDTH - 6).map((line) => `      ${line}`));
  return lines.join('\n');
}

/** `k8sapp --help`: every command with its one-line purpose. */
export function overview(commands: readonly Command[]): string {
  return [
    'k8sapp: deploy Kustomize overlays to Kubernetes with gates, safe apply, diagnosed rollouts and rollback.',
    '',
    'Usage: k8sapp <command> [options]',
    '       k8sapp help <command>      (the same as k8sapp <command> --help)',
    '',
    'Commands:',
    ...definitionList(commands.map((command) => [command.name, command.summary])),
    '',
    'Common options:',
    ...definitionList(COMMON_OPTIONS.map((option) => [optionLabel(option), optionText(option)])),
    '',
    'Exit codes: 0 ok, 1 the checked thing failed, 2 usage or configuration error (nothing was changed).',
  ].join('\n');
}

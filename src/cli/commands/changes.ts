import { resolve } from 'node:path';
import { changesFromGit } from '../../changes/from-git.js';
import { detectChanges, type ChangeResult } from '../../changes/changes.js';
import { loadDeployControl, controlFileIn } from '../../config/deploy-control.js';
import { ConfigurationError } from '../../errors.js';
import { Git, GitError } from '../../git/git.js';
import { EXIT_OK, stringValue, type Command } from '../command.js';

function render(result: ChangeResult): string {
  const lines: string[] = [];
  if (result.environments.length === 0) lines.push('No environment is affected.');
  for (const environment of result.environments) {
    const target = environment.deploy ? 'deploy' : `affected, but not deployed from this branch (its branch is ${environment.branch ?? 'unset'})`;
    lines.push(`${environment.name}: ${target}`);
    for (const reason of environment.reasons) lines.push(`  - ${reason}`);
  }
  for (const cluster of result.clusters) lines.push(`cluster ${cluster.provider}/${cluster.name}: ${cluster.file} changed (cluster workflow)`);
  return lines.join('\n');
}

export const changesCommand: Command = {
  name: 'changes',
  summary: 'List the environments (and clusters) a set of changed files affects, following each overlay\'s real inputs.',
  usage: '(--files a,b,c | --base REF --head REF) [--branch NAME]',
  options: {
    files: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    branch: { type: 'string' },
  },
  async run(context) {
    const files = stringValue(context.values, 'files');
    const base = stringValue(context.values, 'base');
    const head = stringValue(context.values, 'head') ?? (base ? 'HEAD' : undefined);
    if ((files === undefined) === (base === undefined)) {
      throw new ConfigurationError('k8sapp changes needs either --files a,b,c or --base REF [--head REF].');
    }
    const controlFile = controlFileIn(context.root);
    const control = await loadDeployControl(controlFile);
    const git = new Git(context.exec, context.root);
    let repositoryRoot = context.cwd;
    let changedFiles: string[];
    let previousControlText: string | null | undefined;
    try {
      if (base !== undefined && head !== undefined) {
        ({ repositoryRoot, changedFiles, previousControlText } = await changesFromGit(git, base, head, control.file));
      } else {
        changedFiles = (files ?? '').split(',').map((file) => file.trim()).filter(Boolean);
      }
    } catch (error) {
      if (error instanceof GitError) throw new ConfigurationError(error.message);
      throw error;
    }
    const result = await detectChanges({
      repositoryRoot,
      controlFile: control.file,
      control: control.config,
      changedFiles,
      ...(previousControlText !== undefined ? { previousControlText } : {}),
      ...(stringValue(context.values, 'branch') ? { branch: stringValue(context.values, 'branch') } : {}),
    });
    context.out(context.json ? JSON.stringify(result, null, 2) : render(result));
    return EXIT_OK;
  },
};

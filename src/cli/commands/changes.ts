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
  summary: "List the environments (and clusters) a set of changed files affects, following each overlay's real inputs.",
  synopsis: '(--files A,B,C | --base REF [--head REF]) [--branch NAME]',
  options: [
    { name: 'files', value: 'A,B,C', description: 'The changed files, comma-separated, relative to the repository root. Give this or --base.' },
    {
      name: 'base',
      value: 'REF',
      description: 'Compare git commit REF with --head: the files changed between them (and deploy-control.yaml as it was at REF).',
    },
    { name: 'head', value: 'REF', default: 'HEAD', description: 'The newer commit, with --base.' },
    {
      name: 'branch',
      value: 'NAME',
      description: 'The branch being pushed: an affected environment deploys only when its branch: in deploy-control.yaml is NAME.',
      defaultText: 'every affected environment is listed as to deploy',
    },
  ],
  exitCodes: [
    [0, 'the list was printed (also when no environment is affected)'],
    [2, 'usage, git or configuration error'],
  ],
  examples: [
    ['k8sapp changes --files infra/k8s/base/postgres.statefulset.yaml', 'which environments a change to the shared base reaches'],
    ['k8sapp changes --base origin/main --head HEAD --branch main', 'what a push of this branch to main would deploy'],
  ],
  async run(context) {
    const files = stringValue(context.values, 'files');
    const base = stringValue(context.values, 'base');
    const head = stringValue(context.values, 'head');
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
        changedFiles = (files ?? '')
          .split(',')
          .map((file) => file.trim())
          .filter(Boolean);
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

import { relative } from 'node:path';
import type { Git } from '../git/git.js';

export interface GitChangeInput {
  repositoryRoot: string;
  changedFiles: string[];
  /** deploy-control.yaml at the base commit; null when it did not exist there. */
  previousControlText: string | null;
}

/** A push that created a branch reports an all-zero "before" commit: there is nothing to compare with. */
export const isNullCommit = (ref: string) => /^0+$/.test(ref);

/** Reads what changed between two commits and the control file as it was before, for `detectChanges`. */
export async function changesFromGit(git: Git, base: string, head: string, controlFile: string): Promise<GitChangeInput> {
  const repositoryRoot = await git.topLevel();
  const changedFiles = await git.changedFiles(base, head);
  const previousControlText = (await git.show(base, relative(repositoryRoot, controlFile))) ?? null;
  return { repositoryRoot, changedFiles, previousControlText };
}

import type { ExecResult, Executor } from '../exec.js';

/** The one wrapper around the git CLI; arguments are built here and run through the injected executor. */
export class Git {
  private readonly exec: Executor;
  private readonly cwd: string | undefined;

  constructor(exec: Executor, cwd?: string) {
    this.exec = exec;
    this.cwd = cwd;
  }

  /** Paths changed between two commits, relative to the repository root, as git reports them. */
  async changedFiles(base: string, head: string): Promise<string[]> {
    const result = await this.run(['diff', '--name-only', '--no-renames', `${base}`, `${head}`, '--']);
    if (result.exitCode !== 0) throw new GitError(`git diff ${base} ${head} failed: ${result.stderr.trim()}`);
    return result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  }

  /** A file's content at a commit, or undefined when it did not exist there. */
  async show(ref: string, path: string): Promise<string | undefined> {
    const result = await this.run(['show', `${ref}:${path}`]);
    return result.exitCode === 0 ? result.stdout : undefined;
  }

  async topLevel(): Promise<string> {
    const result = await this.run(['rev-parse', '--show-toplevel']);
    if (result.exitCode !== 0) throw new GitError(`not a git repository: ${result.stderr.trim()}`);
    return result.stdout.trim();
  }

  private run(args: string[]): Promise<ExecResult> {
    return this.exec('git', args, this.cwd ? { cwd: this.cwd } : {});
  }
}

export class GitError extends Error {
  override name = 'GitError';
}

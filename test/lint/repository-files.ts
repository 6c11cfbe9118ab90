import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/run-action.js';

export interface RepoFile {
  /** Path relative to the repository root, e.g. actions/validate/action.yml. */
  path: string;
  absolute: string;
  text: string;
  value: Record<string, unknown>;
}

function load(absolute: string): RepoFile {
  const text = readFileSync(absolute, 'utf8');
  return { path: relative(REPO_ROOT, absolute), absolute, text, value: (parse(text) ?? {}) as Record<string, unknown> };
}

function yamlIn(folder: string): string[] {
  const absolute = join(REPO_ROOT, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(absolute, name));
}

/** Every action metadata file: actions/<name>/action.yml and the public deploy/action.yml. Found anew on each run. */
export function actionFiles(): RepoFile[] {
  const found: string[] = [];
  const actions = join(REPO_ROOT, 'actions');
  if (existsSync(actions)) {
    for (const name of readdirSync(actions).sort()) {
      for (const file of ['action.yml', 'action.yaml']) if (existsSync(join(actions, name, file))) found.push(join(actions, name, file));
    }
  }
  for (const file of ['action.yml', 'action.yaml']) if (existsSync(join(REPO_ROOT, 'deploy', file))) found.push(join(REPO_ROOT, 'deploy', file));
  return found.map(load);
}

/** Every workflow of this repository and every example workflow users copy. */
export function workflowFiles(): RepoFile[] {
  return [...yamlIn('.github/workflows'), ...yamlIn('examples/workflows')].map(load);
}

export interface StepRef {
  file: RepoFile;
  /** Where in the file, for messages: jobs.deploy.steps[2] */
  where: string;
  step: Record<string, unknown>;
}

/** Steps of a workflow's jobs or of a composite action, with a readable address each. */
export function stepsOf(file: RepoFile): StepRef[] {
  const steps: StepRef[] = [];
  const jobs = file.value.jobs as Record<string, Record<string, unknown>> | undefined;
  for (const [id, job] of Object.entries(jobs ?? {})) {
    for (const [index, step] of ((job?.steps as Record<string, unknown>[] | undefined) ?? []).entries()) {
      steps.push({ file, where: `jobs.${id}.steps[${index}]`, step });
    }
  }
  const runs = file.value.runs as Record<string, unknown> | undefined;
  for (const [index, step] of ((runs?.steps as Record<string, unknown>[] | undefined) ?? []).entries()) {
    steps.push({ file, where: `runs.steps[${index}]`, step });
  }
  return steps;
}

/** Every `uses:` value: steps, and jobs that call reusable workflows. */
export function usesOf(file: RepoFile): { where: string; uses: string }[] {
  const found = stepsOf(file)
    .filter((ref) => typeof ref.step.uses === 'string')
    .map((ref) => ({ where: ref.where, uses: ref.step.uses as string }));
  const jobs = file.value.jobs as Record<string, Record<string, unknown>> | undefined;
  for (const [id, job] of Object.entries(jobs ?? {})) {
    if (typeof job?.uses === 'string') found.push({ where: `jobs.${id}`, uses: job.uses });
  }
  return found;
}

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowFiles, type RepoFile } from './repository-files.js';

/**
 * The security rules of the plan on the pull request (docs/plan.md), checked on every workflow that plans: the job
 * holding the kubeconfig can read the repository and nothing else, uses the read-only `<env><suffix>` environment and
 * fails the check when the plan fails; the job writing the comment alone has `pull-requests: write` and runs none of
 * the pull request's code; all of it only for `pull_request` events from this repository, never
 * `pull_request_target`.
 */
type Job = Record<string, unknown> & { steps?: Record<string, unknown>[]; needs?: string | string[]; if?: string };

const SAME_REPOSITORY = 'github.event.pull_request.head.repo.full_name == github.repository';
const PULL_REQUEST_ONLY = "github.event_name == 'pull_request'";

/** A YAML value as text; anything that is not a string counts as empty. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const jobsOf = (file: RepoFile) => (file.value.jobs ?? {}) as Record<string, Job>;
const usesAction = (job: Job, action: string) => (job.steps ?? []).some((step) => step.uses === `$/actions/${action}`);
const needsOf = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);

/** The job and every job it needs, transitively. */
function ancestry(jobs: Record<string, Job>, id: string, seen = new Set<string>()): Set<string> {
  if (seen.has(id)) return seen;
  seen.add(id);
  for (const need of needsOf(jobs[id] ?? {})) ancestry(jobs, need, seen);
  return seen;
}

export function planJobProblems(file: RepoFile): string[] {
  const problems: string[] = [];
  const jobs = jobsOf(file);
  const on = file.value.on;
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
  if (triggers.includes('pull_request_target')) problems.push(`${file.path}: a planning workflow must not be triggered by pull_request_target`);
  const planning = Object.entries(jobs).filter(([, job]) => usesAction(job, 'plan') || usesAction(job, 'plan-comment'));
  for (const [id, job] of planning) {
    const chain = [...ancestry(jobs, id)];
    const guarded = chain.filter((name) => {
      const condition = text(jobs[name]?.if);
      return condition.includes(PULL_REQUEST_ONLY) && condition.includes(SAME_REPOSITORY);
    });
    if (guarded.length === 0) problems.push(`${file.path} jobs.${id}: neither it nor a job it needs runs only for pull requests from this repository`);
    // always() ignores a skipped dependency: the job must then ask that the guarded job succeeded.
    const condition = text(job.if);
    if (/always\(\)/.test(condition) && !guarded.some((name) => condition.includes(`needs.${name}.result == 'success'`))) {
      problems.push(`${file.path} jobs.${id}: if: always() must also require needs.<guarded job>.result == 'success'`);
    }
  }
  for (const [id, job] of Object.entries(jobs)) {
    const permissions = job.permissions as Record<string, string> | undefined;
    const comments = usesAction(job, 'plan-comment');
    if (permissions?.['pull-requests'] === 'write' && !comments)
      problems.push(`${file.path} jobs.${id}: only the plan comment job may have pull-requests: write`);
    if (comments) {
      if (JSON.stringify(permissions) !== JSON.stringify({ 'pull-requests': 'write' }))
        problems.push(`${file.path} jobs.${id}: the comment job's permissions must be exactly pull-requests: write`);
      if ((job.steps ?? []).some((step) => text(step.uses).startsWith('actions/checkout@') || step.uses === '$/actions/plan'))
        problems.push(`${file.path} jobs.${id}: the comment job must not check out or run the pull request's code`);
    }
    if (usesAction(job, 'plan')) {
      if (JSON.stringify(permissions) !== JSON.stringify({ contents: 'read' }))
        problems.push(`${file.path} jobs.${id}: the plan job's permissions must be exactly contents: read`);
      if (!/\$\{\{\s*inputs\.plan-environment-suffix\s*\}\}$/.test(text(job.environment)))
        problems.push(`${file.path} jobs.${id}: the plan job must use the read-only environment <env>\${{ inputs.plan-environment-suffix }}`);
      const plan = (job.steps ?? []).find((step) => step.uses === '$/actions/plan');
      const failing = (job.steps ?? []).some(
        (step) => text(step.if).includes(`steps.${text(plan?.id)}.outputs.exit-code != '0'`) && /\bexit 1\b/.test(text(step.run)),
      );
      if (!plan?.id || !failing) problems.push(`${file.path} jobs.${id}: a failed plan (exit-code != '0') must fail the job`);
    }
  }
  const top = file.value.permissions as Record<string, string> | undefined;
  if (planning.length && (typeof top !== 'object' || Object.keys(top ?? {}).length > 0))
    problems.push(`${file.path}: a planning workflow's top-level permissions must be {}`);
  return problems;
}

const planning = workflowFiles().filter((file) => Object.values(jobsOf(file)).some((job) => usesAction(job, 'plan')));

describe('the plan jobs', () => {
  it('are in both reusable workflows (validate and deploy)', () => {
    expect(planning.map((file) => file.path).sort()).toEqual(['.github/workflows/deploy-k8s-resources.yml', '.github/workflows/validate.yml']);
  });

  it.each(planning.map((file) => [file.path, file] as const))('%s follows the plan security rules', (_path, file) => {
    expect(planJobProblems(file)).toEqual([]);
  });

  it('the example callers turn the plan on and grant pull-requests: write', () => {
    const callers = workflowFiles().filter((file) => file.path.startsWith('examples/workflows/') && /plan: true/.test(file.text));
    expect(callers.map((file) => file.path).sort()).toEqual(['examples/workflows/deploy.yml', 'examples/workflows/validate.yml']);
    for (const file of callers) {
      const job = Object.values(jobsOf(file))[0] as Job & { with?: Record<string, unknown>; secrets?: unknown; permissions?: Record<string, string> };
      expect(job.with?.plan, file.path).toBe(true);
      expect(job.permissions?.['pull-requests'], file.path).toBe('write');
      expect(job.secrets, file.path).toBe('inherit');
    }
  });
});

describe('the plan rules catch what they should', () => {
  const validate = planning.find((file) => file.path.endsWith('validate.yml'))!;
  const mutated = (change: (value: Record<string, unknown> & { jobs: Record<string, Job> }) => void): RepoFile => {
    const value = parse(validate.text) as Record<string, unknown> & { jobs: Record<string, Job> };
    change(value);
    return { ...validate, value };
  };

  it('a plan for forks (no same-repository guard)', () => {
    const file = mutated((v) => (v.jobs['plan-targets']!.if = "inputs.plan && github.event_name == 'pull_request'"));
    expect(planJobProblems(file)).toEqual(expect.arrayContaining([expect.stringContaining('jobs.plan: neither it nor a job it needs runs only')]));
  });

  it('pull-requests: write on the job holding the kubeconfig, or more than it on the comment job', () => {
    const file = mutated((v) => {
      v.jobs.plan!.permissions = { contents: 'read', 'pull-requests': 'write' };
      v.jobs['plan-comment']!.permissions = { 'pull-requests': 'write', contents: 'write' };
    });
    expect(planJobProblems(file)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('jobs.plan: only the plan comment job may have pull-requests: write'),
        expect.stringContaining("jobs.plan-comment: the comment job's permissions must be exactly pull-requests: write"),
      ]),
    );
  });

  it('the deploying environment, a plan failure that does not fail the check, always() without the guard, pull_request_target', () => {
    const file = mutated((v) => {
      v.on = { pull_request_target: {}, workflow_call: {} };
      v.jobs.plan!.environment = '${{ matrix.environment }}';
      v.jobs.plan!.steps = v.jobs.plan!.steps!.filter((step) => !text(step.run).includes('exit 1'));
      v.jobs['plan-comment']!.if = 'always()';
      v.jobs['plan-comment']!.steps!.unshift({ uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8' });
    });
    expect(planJobProblems(file)).toEqual([
      `${validate.path}: a planning workflow must not be triggered by pull_request_target`,
      `${validate.path} jobs.plan-comment: if: always() must also require needs.<guarded job>.result == 'success'`,
      `${validate.path} jobs.plan: the plan job must use the read-only environment <env>\${{ inputs.plan-environment-suffix }}`,
      `${validate.path} jobs.plan: a failed plan (exit-code != '0') must fail the job`,
      `${validate.path} jobs.plan-comment: the comment job must not check out or run the pull request's code`,
    ]);
  });
});

import { unknownEnvironment, type DeployControl } from '../config/deploy-control.js';
import { ConfigurationError } from '../errors.js';
import type { AffectedEnvironment, ChangeResult } from './changes.js';
import { isNullCommit } from './from-git.js';

/** What the workflow run is about, read from the GitHub event at the edge. */
export interface RunEvent {
  name: string;
  /** The environment asked for explicitly (workflow_dispatch / workflow_call input); empty = decide from the event. */
  environment?: string;
  /** Pushed branch (GITHUB_REF_NAME for push events). */
  branch?: string;
  base?: string;
  head?: string;
}

export type TargetPlan =
  | { kind: 'explicit'; environments: AffectedEnvironment[] }
  | { kind: 'diff'; base: string; head: string; branch?: string }
  | { kind: 'branch'; environments: AffectedEnvironment[] };

/**
 * Decides how to find the environments of a run: an explicit environment wins; a push compares its commits and
 * deploys only the environment mapped to the pushed branch; a push that created the branch deploys that mapping
 * without a diff; a pull request compares base and head to say what it would affect.
 */
export function planTargets(control: DeployControl, event: RunEvent): TargetPlan {
  const names = Object.keys(control.environments);
  if (event.environment) {
    if (!names.includes(event.environment)) {
      throw unknownEnvironment(control, event.environment);
    }
    return { kind: 'explicit', environments: [{ name: event.environment, reasons: ['requested explicitly'], deploy: true }] };
  }
  if (event.name === 'workflow_dispatch') {
    throw new ConfigurationError(`A manual run must name the environment to deploy (one of: ${names.join(', ')}).`);
  }
  const mapped = names.filter((name) => event.branch !== undefined && control.environments[name]?.branch === event.branch);
  const byBranch = (reason: string): TargetPlan => ({
    kind: 'branch',
    environments: mapped.map((name) => ({ name, reasons: [reason], branch: event.branch as string, deploy: true })),
  });
  if (event.name === 'schedule') return byBranch(`scheduled run on ${event.branch ?? 'the default branch'}`);
  if (!event.base || !event.head || isNullCommit(event.base)) {
    return byBranch(`branch ${event.branch ?? '(unknown)'} has no earlier commit to compare with`);
  }
  return { kind: 'diff', base: event.base, head: event.head, ...(event.branch !== undefined ? { branch: event.branch } : {}) };
}

/** The names to deploy from a change result. */
export function deployableEnvironments(result: ChangeResult): string[] {
  return result.environments.filter((environment) => environment.deploy).map((environment) => environment.name);
}

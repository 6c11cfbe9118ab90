import { parseAllDocuments } from 'yaml';
import { environmentSettings, rolloutTimeoutOf, unknownEnvironment, type LoadedDeployControl } from '../config/deploy-control.js';
import { ConfigurationError, type Finding } from '../errors.js';
import { WORKLOAD_KINDS, type KubernetesObject } from '../manifests/resource.js';
import type { RollbackPolicy } from './rollout.js';
import type { WorkloadRef } from './types.js';

export const ROLLBACK_CHOICES = ['auto', 'never', 'undo', 'release'] as const;
export type RollbackChoice = (typeof ROLLBACK_CHOICES)[number];
const WAITABLE_KINDS = new Set([...WORKLOAD_KINDS, 'PersistentVolumeClaim']);

export interface RolloutSettings {
  timeoutSeconds: number;
  rollback: RollbackPolicy;
}

/**
 * Timeout and rollback policy for an environment: `timeout` overrides deploy-control's rollout_timeout; `auto` takes
 * the environment's `rollback` mode (default undo) for services with rollback_on_failure: true, while an explicit
 * never/undo/release applies to every failed workload.
 */
export function rolloutSettings(
  control: LoadedDeployControl | undefined,
  environment: string,
  overrides: { timeout?: string; rollback?: string },
): RolloutSettings {
  const findings: Finding[] = [];
  const env = control?.config.environments[environment];
  if (control && !env) throw unknownEnvironment(control.config, environment, control);
  let timeoutSeconds = rolloutTimeoutOf(env);
  if (overrides.timeout !== undefined) {
    const parsed = Number(overrides.timeout);
    if (!Number.isInteger(parsed) || parsed <= 0)
      findings.push({ severity: 'error', code: 'INPUT', message: `timeout must be a whole number of seconds > 0, got "${overrides.timeout}"`, key: 'timeout' });
    else timeoutSeconds = parsed;
  }
  const choice = (overrides.rollback ?? 'auto') as RollbackChoice;
  if (!ROLLBACK_CHOICES.includes(choice)) {
    findings.push({
      severity: 'error',
      code: 'INPUT',
      message: `rollback must be one of ${ROLLBACK_CHOICES.join(', ')}, got "${overrides.rollback}"`,
      key: 'rollback',
    });
  }
  if (findings.length) throw ConfigurationError.fromFindings('invalid rollout settings', findings);
  if (choice !== 'auto') return { timeoutSeconds, rollback: { mode: choice } };
  if (!control || !env) throw new ConfigurationError('rollback: auto needs deploy-control.yaml (control-file / --root); pass never, undo or release instead');
  const settings = environmentSettings(control.config, environment);
  return { timeoutSeconds, rollback: { mode: settings.rollback, services: settings.rollbackOnFailure } };
}

/** The `workloads` input: a JSON array of {kind, namespace?, name} or the apply report holding one. */
export function parseWorkloads(text: string, source = 'workloads'): WorkloadRef[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { workloads?: unknown } | null)?.workloads;
  if (!Array.isArray(items)) throw new ConfigurationError(`${source} must be a JSON array of {kind, namespace, name} (or the apply report with "workloads")`);
  const findings: Finding[] = [];
  const refs: WorkloadRef[] = [];
  items.forEach((item, index) => {
    const entry = item as { kind?: unknown; namespace?: unknown; name?: unknown };
    if (typeof entry?.kind !== 'string' || typeof entry.name !== 'string' || (entry.namespace !== undefined && typeof entry.namespace !== 'string')) {
      findings.push({
        severity: 'error',
        code: 'INPUT',
        message: `${source}[${index}] needs string "kind" and "name" (and optional "namespace")`,
        key: `${source}[${index}]`,
      });
      return;
    }
    if (!WAITABLE_KINDS.has(entry.kind)) {
      findings.push({
        severity: 'error',
        code: 'INPUT',
        message: `${source}[${index}]: cannot wait for kind ${entry.kind} (supported: ${[...WAITABLE_KINDS].join(', ')})`,
        key: `${source}[${index}].kind`,
      });
      return;
    }
    refs.push({ kind: entry.kind, ...(entry.namespace ? { namespace: entry.namespace } : {}), name: entry.name });
  });
  if (findings.length) throw ConfigurationError.fromFindings(`invalid ${source}`, findings);
  return refs;
}

/** Workloads of a rendered manifest stream (Deployment, StatefulSet, DaemonSet, Job). */
export function workloadsOf(manifests: string): WorkloadRef[] {
  return parseAllDocuments(manifests)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => !!object && WORKLOAD_KINDS.has(object.kind))
    .map((object) => ({ kind: object.kind, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}), name: object.metadata.name }));
}

import * as core from '@actions/core';
import { ConfigurationError, EnvironmentError, formatFinding, type Finding } from '../errors.js';

/** Shows each finding as a GitHub annotation on its file and line. */
export function annotate(findings: readonly Finding[]): void {
  for (const finding of findings) {
    const properties: core.AnnotationProperties = { title: `k8sapp: ${finding.code}` };
    if (finding.location) {
      properties.file = finding.location.file;
      if (finding.location.line !== undefined) properties.startLine = finding.location.line;
      if (finding.location.column !== undefined) properties.startColumn = finding.location.column;
    }
    const text = finding.key && !finding.message.startsWith(finding.key) ? `${finding.key}: ${finding.message}` : finding.message;
    if (finding.severity === 'error') core.error(text, properties);
    else if (finding.severity === 'warning') core.warning(text, properties);
    else core.notice(text, properties);
  }
}

/**
 * Runs an action's body: a ConfigurationError becomes annotations plus a failed step with an actionable message;
 * anything else is a bug in k8sapp and is reported as one, with its stack.
 */
export async function runAction(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      annotate(error.findings);
      const first = error.message.split('\n')[0] ?? error.message;
      core.setFailed(error.findings.length ? `${first} (${error.findings.length} problem(s), see annotations)` : first);
      return;
    }
    if (error instanceof EnvironmentError) {
      // An unreachable cluster, an unreadable store: one line, no stack (it is not a bug).
      core.setFailed(error.message);
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    core.setFailed(`k8sapp failed unexpectedly; this is a bug, please report it:\n${detail}`);
  }
}

/** Reads an input; an empty value counts as absent, as on the runner. */
export function input(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

export function requiredInput(name: string): string {
  const value = input(name);
  if (value === undefined) throw new ConfigurationError(`Input "${name}" is required but was empty.`);
  return value;
}

export function booleanInput(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === undefined) return fallback;
  if (/^(true|yes|1|on)$/i.test(value)) return true;
  if (/^(false|no|0|off)$/i.test(value)) return false;
  throw new ConfigurationError(`Input "${name}" must be true or false, got "${value}".`);
}

export { formatFinding };

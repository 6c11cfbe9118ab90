/** Where in a user's file something is, 1-based like GitHub annotations. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export type Severity = 'error' | 'warning' | 'notice';

/** One thing a check found, located where possible. The core returns these; the edges print or annotate them. */
export interface Finding {
  severity: Severity;
  /** Stable code for machines, e.g. SCHEMA, DUPLICATE_RESOURCE, KUSTOMIZE_BUILD. */
  code: string;
  message: string;
  location?: SourceLocation;
  /** Dotted key path inside the file, e.g. environments.prod.deployment_windows.hours.start */
  key?: string;
}

/**
 * A mistake in what the user gave us (config, inputs, flags) that they can fix.
 * Bugs are not ConfigurationErrors: let them surface as ordinary exceptions with a stack.
 */
export class ConfigurationError extends Error {
  readonly findings: Finding[];
  constructor(message: string, findings: Finding[] = []) {
    super(message);
    this.name = 'ConfigurationError';
    this.findings = findings;
  }

  static fromFindings(summary: string, findings: Finding[]): ConfigurationError {
    const errors = findings.filter((f) => f.severity === 'error');
    const detail = errors.map(formatFinding).join('\n');
    return new ConfigurationError(detail ? `${summary}\n${detail}` : summary, findings);
  }
}

/**
 * A problem of the environment, not of the user's files and not a bug: the cluster cannot be reached, a store in
 * it cannot be read. Shown as its one-line message (never a stack); `kind` names it for `--json` and annotations.
 */
export class EnvironmentError extends Error {
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** `file:line:col: error: message (key)` — the format compilers use, so editors can jump to it. */
export function formatFinding(finding: Finding): string {
  const where = formatLocation(finding.location);
  const key = finding.key && !finding.message.startsWith(finding.key) ? ` [${finding.key}]` : '';
  return `${where ? `${where}: ` : ''}${finding.severity}: ${finding.message}${key}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of a message (a server's answer, an error's text), trimmed and clipped, for a one-line quote. */
export function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 300);
}

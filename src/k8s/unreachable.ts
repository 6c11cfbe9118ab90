import { EnvironmentError } from '../errors.js';
import type { ExecResult } from '../exec.js';

/**
 * Why an API server could not be reached at all — before it could answer anything. The one classification of a
 * connection failure: today it reads kubectl's stderr; an HTTP client will map its own errors to the same causes.
 */
export type UnreachableCause = 'refused' | 'dns' | 'tls' | 'timeout' | 'network';

export interface Unreachable {
  cause: UnreachableCause;
  /** The server as the client named it (`127.0.0.1:6443`, `https://api.example:6443`); absent when not printed. */
  server?: string;
  /** The client's own conclusion, one line, without klog noise. */
  detail: string;
}

const CAUSE_TEXT: Record<UnreachableCause, string> = {
  refused: 'the connection was refused (nothing listens there: the API server is down, or the address or port is wrong)',
  dns: 'its host name does not resolve (DNS)',
  tls: "its TLS certificate is not trusted (the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate)",
  timeout: 'it did not answer in time (a firewall or allowed_networks rule, or the server is overloaded)',
  network: 'the network path to it failed',
};

/** klog lines kubectl 1.28+ prints before its conclusion (`E1201 … memcache.go:265] "Unhandled Error" …`). */
const KLOG_LINE = /^[EWI]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w.-]+:\d+\] /;

/** kubectl's own conclusion: stderr without the klog lines that repeat it (all of it when there is nothing else). */
export function withoutKlogNoise(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const kept = lines.filter((line) => !KLOG_LINE.test(line));
  return (kept.length > 0 ? kept : lines).join('\n').trim();
}

const PATTERNS: { cause: UnreachableCause; pattern: RegExp }[] = [
  { cause: 'dns', pattern: /\blookup \S+( on \S+)?: (no such host|server misbehaving|Temporary failure in name resolution)|no such host/ },
  { cause: 'refused', pattern: /The connection to the server \S+ was refused|connect: connection refused/ },
  {
    cause: 'tls',
    pattern:
      /tls: failed to verify certificate|x509: |certificate signed by unknown authority|tls: handshake failure|first record does not look like a TLS handshake/,
  },
  {
    cause: 'timeout',
    pattern:
      /i\/o timeout|TLS handshake timeout|Client\.Timeout exceeded|context deadline exceeded|dial tcp [^:]+:\d+: connect: (operation|connection) timed out/,
  },
  { cause: 'network', pattern: /no route to host|network is unreachable|connection reset by peer/ },
];

/** Where the client tried to go: the URL of the failed request, or the `server` kubectl names. */
function serverOf(text: string): string | undefined {
  const url = /(?:Get|Post|Patch|Put|Delete) \\?"(https?:\/\/[^/"\\?]+)/.exec(text)?.[1];
  if (url) return url;
  const named = /The connection to the server (\S+) was refused/.exec(text)?.[1];
  if (named) return named;
  const lookup = /\blookup (\S+?)( on \S+)?: /.exec(text)?.[1];
  if (lookup) return lookup;
  return /validate certificate for (\S+) because/.exec(text)?.[1];
}

/**
 * Reads a failed call's stderr: the API server could not be reached (refused, DNS, TLS, timeout, network), or
 * undefined when the server answered (an answer — Forbidden, Invalid, NotFound — is not "unreachable").
 */
export function classifyUnreachable(stderr: string): Unreachable | undefined {
  if (/Error from server/.test(stderr)) return undefined;
  const match = PATTERNS.find(({ pattern }) => pattern.test(stderr));
  if (!match) return undefined;
  const detail = (
    withoutKlogNoise(stderr)
      .split('\n')
      .find((line) => match.pattern.test(line)) ??
    withoutKlogNoise(stderr).split('\n')[0] ??
    ''
  ).trim();
  const server = serverOf(stderr);
  return { cause: match.cause, ...(server ? { server } : {}), detail };
}

/**
 * The API server cannot be reached: one sentence with the server, the cause and what was not done. Whoever sees it
 * stops at once (nothing after it can work) and shows the message as is — never a stack, never kubectl's repeats.
 */
export class ClusterUnreachableError extends EnvironmentError {
  override name = 'ClusterUnreachableError';
  constructor(
    readonly unreachable: Unreachable,
    /** What was not done because of it, e.g. "nothing was applied". */
    readonly notDone: string,
  ) {
    super(unreachableSentence(unreachable, notDone), 'cluster-unreachable');
  }
}

export function unreachableSentence(unreachable: Unreachable, notDone: string): string {
  const where = unreachable.server ? `the Kubernetes API server ${unreachable.server}` : 'the Kubernetes API server';
  const fallback =
    unreachable.server && /^(http:\/\/)?localhost:8080$/.test(unreachable.server) ? ' (kubectl falls back to localhost:8080 when it has no kubeconfig)' : '';
  return `Cannot reach ${where}${fallback}: ${CAUSE_TEXT[unreachable.cause]}; ${notDone}. (${unreachable.detail})`;
}

/** Throws ClusterUnreachableError when a failed call never reached the server; returns the result otherwise. */
export function unlessUnreachable(result: ExecResult, notDone: string): ExecResult {
  if (result.exitCode === 0) return result;
  const unreachable = classifyUnreachable(result.stderr);
  if (unreachable) throw new ClusterUnreachableError(unreachable, notDone);
  return result;
}

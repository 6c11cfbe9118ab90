import { EnvironmentError } from '../errors.js';

/**
 * Why an API server could not be reached at all — before it could answer anything. The one classification of a
 * connection failure: the API client maps its socket errors to these causes (src/k8s/http.ts).
 */
export type UnreachableCause = 'refused' | 'dns' | 'tls' | 'timeout' | 'network';

export interface Unreachable {
  cause: UnreachableCause;
  /** The server as the client named it (`127.0.0.1:6443`, `https://api.example:6443`); absent when not printed. */
  server?: string;
  /** The client's own words, one line (the socket error). */
  detail: string;
}

const CAUSE_TEXT: Record<UnreachableCause, string> = {
  refused: 'the connection was refused (nothing listens there: the API server is down, or the address or port is wrong)',
  dns: 'its host name does not resolve (DNS)',
  tls: "its TLS certificate is not trusted (the kubeconfig's certificate-authority-data is not this server's, or the address is not in the certificate)",
  timeout: 'it did not answer in time (a firewall or allowed_networks rule, or the server is overloaded)',
  network: 'the network path to it failed',
};

/**
 * The API server cannot be reached: one sentence with the server, the cause and what was not done. Whoever sees it
 * stops at once (nothing after it can work) and shows the message as is — never a stack, never a repeat per call.
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
  return `Cannot reach ${where}: ${CAUSE_TEXT[unreachable.cause]}; ${notDone}. (${unreachable.detail})`;
}

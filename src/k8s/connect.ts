import type { KubeClient } from './client.js';
import { loadConnection, type ConnectionOptions } from './connection.js';
import { HttpKubeClient, type HttpClientOptions } from './http.js';

/** Where a run gets its client: the edges pass the real one, tests a fake; one signature for both. */
export type KubeClientFactory = (options: ConnectionOptions, http?: HttpClientOptions) => KubeClient;

/**
 * The client for a kubeconfig (a file, a KUBECONFIG list or content), checked before any request: a kubeconfig that
 * cannot be used is a ConfigurationError here, before the first cluster call.
 */
export function connectKube(options: ConnectionOptions, http: HttpClientOptions = {}): HttpKubeClient {
  return new HttpKubeClient(loadConnection(options), http);
}

export const defaultKubeFactory: KubeClientFactory = (options, http) => connectKube(options, http);

import * as core from '@actions/core';
import { delimiter } from 'node:path';
import { connectKube } from '../k8s/connect.js';
import type { ConnectionOptions } from '../k8s/connection.js';
import type { HttpKubeClient } from '../k8s/http.js';
import { checkKubeconfigFile, checkKubeconfigInput, emptyKubeconfigError } from '../k8s/kubeconfig.js';
import { maskKubeconfig } from './mask.js';

export interface ActionKubeconfig {
  /** How the API client reads it: the input's content (kept in memory, never written to disk) or a file. */
  connection: ConnectionOptions;
  /** The API server its current context points at. */
  server: string;
}

/**
 * The kubeconfig an action talks to the cluster with, checked before anything is attempted: the `kubeconfig` input
 * (normally `${{ secrets.KUBECONFIG }}`: masked by its credential fields, checked, and only ever held in memory), or —
 * when it is empty — a KUBECONFIG file an earlier step set up. Neither: a ConfigurationError saying which
 * environment's secret is empty and how to set it.
 */
export function kubeconfigForAction(content: string | undefined, environment: string): ActionKubeconfig {
  if (content !== undefined && content.trim() !== '') {
    maskKubeconfig(content);
    const { server } = checkKubeconfigInput(content, environment);
    return { connection: { content }, server };
  }
  const fromStep = process.env.KUBECONFIG?.split(delimiter).find((path) => path.trim() !== '');
  if (fromStep) {
    const { server } = checkKubeconfigFile(fromStep, 'KUBECONFIG');
    return { connection: { kubeconfig: fromStep }, server };
  }
  throw emptyKubeconfigError(environment);
}

/** The action's API client for that kubeconfig; a retry is shown as a progress line. Closed by the caller in `finally`. */
export function actionKube(kubeconfig: ActionKubeconfig): HttpKubeClient {
  return connectKube(kubeconfig.connection, { onRetry: (line) => core.info(line) });
}

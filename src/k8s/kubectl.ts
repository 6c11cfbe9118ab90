import type { ExecResult, Executor } from '../exec.js';

/**
 * kubectl, for the one thing k8sapp still runs it for: `kubectl kustomize`, the offline build of an overlay (the
 * same Kustomize the user runs locally). It needs no kubeconfig and talks to no cluster; every API call goes
 * through the KubeClient (src/k8s/client.ts).
 */
export class Kubectl {
  constructor(
    private readonly exec: Executor,
    private readonly binary = 'kubectl',
  ) {}

  /** Renders an overlay offline; needs no cluster. */
  kustomize(directory: string): Promise<ExecResult> {
    return this.exec(this.binary, ['kustomize', directory]);
  }
}

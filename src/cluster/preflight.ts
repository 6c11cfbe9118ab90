import type { Finding } from '../errors.js';
import type { LocatedDocument } from '../yaml/located.js';

export interface ClusterCheckOptions {
  /** The environment the config belongs to (dev, test, prod): some rules are stricter for prod. */
  environment: string;
}

/**
 * Checks a hetzner-k3s cluster-config.yaml: schema plus lint rules. Used by `k8sapp validate`, the PR check and the
 * cluster action before anything is created. (Owned by the cluster issue; the validate job only calls it.)
 */
export function checkClusterConfig(document: LocatedDocument, options: ClusterCheckOptions): Finding[] {
  void document;
  void options;
  return [];
}

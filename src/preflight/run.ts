import type { KubeClient } from '../k8s/client.js';
import type { Logger } from '../log.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { clusterPullSecrets } from './cluster.js';
import type { CredentialStore } from './credentials.js';
import { collectImages } from './images.js';
import { locateImages } from './locate.js';
import { pinDigests, runPreflight, type PinnedImage, type PreflightReport, type PullSecretReader } from './preflight.js';
import { RegistryClient, type FetchLike } from './registry.js';

export interface ObjectsPreflightRequest {
  objects: readonly KubernetesObject[];
  /** The overlay folder, to locate each image on the line that sets it. */
  overlay: string;
  mode: PreflightReport['mode'];
  pinDigests: boolean;
  credentials?: CredentialStore;
  anonymousOnly?: boolean;
}

export interface ObjectsPreflightDeps {
  fetch: FetchLike;
  /** Present: pull secrets and ServiceAccounts are read from the cluster. */
  kube?: KubeClient;
  /** Tests: a reader instead of the cluster. */
  pullSecrets?: PullSecretReader;
  registerSecret: (value: string) => void;
  logger: Logger;
  timeoutMs?: number;
  timer?: (ms: number) => AbortSignal;
  concurrency?: number;
}

export interface ObjectsPreflightResult {
  report: PreflightReport;
  /** The objects to apply: pinned to digests when asked and not refused, else the input objects. */
  objects: readonly KubernetesObject[];
  pinned: PinnedImage[];
}

/** Collect → locate → resolve → (pin): the one preflight the deploy pipeline, `k8sapp preflight` and validate run. */
export async function preflightObjects(request: ObjectsPreflightRequest, deps: ObjectsPreflightDeps): Promise<ObjectsPreflightResult> {
  const uses = await locateImages(request.overlay, collectImages(request.objects));
  const pullSecrets = deps.pullSecrets ?? (deps.kube ? clusterPullSecrets(deps.kube) : undefined);
  const registry = new RegistryClient({
    fetch: deps.fetch,
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.timer ? { timer: deps.timer } : {}),
  });
  const report = await runPreflight(
    {
      uses,
      mode: request.mode,
      ...(request.credentials ? { credentials: request.credentials } : {}),
      ...(pullSecrets ? { pullSecrets } : {}),
      ...(request.anonymousOnly ? { anonymousOnly: true } : {}),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    },
    { registry, registerSecret: deps.registerSecret },
  );
  for (const check of report.images) {
    deps.logger.info(
      `${check.status.padEnd(12)} ${check.image}${check.digest ? ` → ${check.digest}` : ''}${check.status === 'resolved' ? '' : `: ${check.message}`}`,
    );
  }
  for (const finding of report.findings.filter((f) => f.severity === 'warning')) deps.logger.warning(finding.message);
  if (!request.pinDigests || report.refused) return { report, objects: request.objects, pinned: [] };
  const pinned = pinDigests(request.objects, uses, report);
  for (const image of pinned.pinned) deps.logger.info(`pinned ${image.image} → ${image.pinned}`);
  return { report, objects: pinned.objects, pinned: pinned.pinned };
}

/** An environment's preflight request from its settings: the one shape the deploy and the plan both send. */
export function environmentPreflightRequest(
  built: { objects: readonly KubernetesObject[]; overlay: string },
  settings: { mode: 'enforce' | 'warn'; pinDigests: boolean },
  credentials: CredentialStore | undefined,
): ObjectsPreflightRequest {
  return { objects: built.objects, overlay: built.overlay, mode: settings.mode, pinDigests: settings.pinDigests, ...(credentials ? { credentials } : {}) };
}

import type { Finding, SourceLocation } from '../errors.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { mapBounded } from '../validate/validate.js';
import { CredentialStore, credentialsOfSecret, type PullSecretObject, type RegistryCredential } from './credentials.js';
import { rewriteImages, type ImageUse, type WorkloadId } from './images.js';
import { parseImageReference, pinnedReference, ReferenceError, type ImageReference } from './reference.js';
import type { RegistryClient, Resolution } from './registry.js';

export type PreflightMode = 'enforce' | 'warn' | 'off';

/** Reads pull secrets and ServiceAccounts from the cluster; absent offline (credentials only from a config file). */
export interface PullSecretReader {
  /** The Secret, or undefined when it does not exist. */
  secret(namespace: string | undefined, name: string): Promise<PullSecretObject | undefined>;
  /** The ServiceAccount's imagePullSecrets names, or undefined when it does not exist (yet). */
  serviceAccountPullSecrets(namespace: string | undefined, name: string): Promise<string[] | undefined>;
}

export interface PreflightRequest {
  /** Every image use of the rendered manifests, located (collectImages + locateImages). */
  uses: readonly ImageUse[];
  mode: Exclude<PreflightMode, 'off'>;
  /** From `registry-credentials` / `--registry-config`: used for every workload, after its pull secrets. */
  credentials?: CredentialStore;
  /** Reads pull secrets from the cluster; absent: offline. */
  pullSecrets?: PullSecretReader;
  /** The PR check: anonymous requests only, so a private image is "not checked", not a failure. */
  anonymousOnly?: boolean;
  /** Registry requests at once (default 8). */
  concurrency?: number;
}

export interface PreflightDeps {
  registry: RegistryClient;
  /** Every credential value read from the cluster is registered here before it can reach a log. */
  registerSecret(value: string): void;
}

export type ImageStatus = 'resolved' | 'not-found' | 'unauthorized' | 'unavailable' | 'invalid' | 'not-checked';

export interface ImageUser extends WorkloadId {
  container: string;
  location?: SourceLocation;
}

/** One distinct reference and what its registry said. */
export interface ImageCheck {
  image: string;
  /** Fully qualified, e.g. docker.io/library/nginx:1.27; the written image when it does not parse. */
  canonical: string;
  registry: string;
  status: ImageStatus;
  digest?: string;
  /** What the user reads: why it failed or was not checked; never a credential. */
  message: string;
  /** Where the credentials used came from (e.g. "pull secret shop/regcred"); absent: anonymous. */
  credentials?: string;
  usedBy: ImageUser[];
}

export interface PreflightReport {
  mode: Exclude<PreflightMode, 'off'>;
  images: ImageCheck[];
  /** Errors (refusals under enforce) and warnings, located on the manifest line that sets the image. */
  findings: Finding[];
  /** True when mode is enforce and an image is missing, unauthorized or invalid: nothing may be applied. */
  refused: boolean;
}

interface CredentialChoice {
  credential?: RegistryCredential;
  /** Why there is none, for the 401 message. */
  missing: string[];
  /** Pull secrets that were looked for (names with namespace). */
  looked: string[];
}

const describeWorkload = (w: WorkloadId) => `${w.kind}/${w.name}${w.namespace ? ` (namespace ${w.namespace})` : ''}`;
const secretId = (namespace: string | undefined, name: string) => `${namespace ?? '(context namespace)'}/${name}`;

/**
 * The image preflight: every distinct reference resolved in its registry, once, with a bound on concurrency.
 * Missing images (and images the cluster has no credentials for) are refusals under `enforce`, warnings under
 * `warn`; a registry that cannot answer is always a warning — the cluster may not be able to pull either.
 */
export async function runPreflight(request: PreflightRequest, deps: PreflightDeps): Promise<PreflightReport> {
  const groups = new Map<string, { reference?: ImageReference; error?: string; uses: ImageUse[]; choice: CredentialChoice }>();
  const secretCache = new Map<string, Promise<{ store?: CredentialStore; problem?: string }>>();
  const accountCache = new Map<string, Promise<string[] | undefined>>();

  const loadSecret = (namespace: string | undefined, name: string) => {
    const id = secretId(namespace, name);
    let pending = secretCache.get(id);
    if (!pending) {
      pending = (async () => {
        let secret: PullSecretObject | undefined;
        try {
          secret = await request.pullSecrets?.secret(namespace, name);
        } catch (error) {
          return { problem: `pull secret ${id} cannot be read (${error instanceof Error ? error.message : String(error)})` };
        }
        if (!secret) return { problem: `pull secret ${id} does not exist` };
        const parsed = credentialsOfSecret(secret);
        if ('problem' in parsed) return { problem: parsed.problem };
        for (const value of parsed.store.secretValues()) deps.registerSecret(value);
        return { store: parsed.store };
      })();
      secretCache.set(id, pending);
    }
    return pending;
  };
  const loadAccount = (namespace: string | undefined, name: string) => {
    const id = secretId(namespace, name);
    let pending = accountCache.get(id);
    if (!pending)
      accountCache.set(id, (pending = (request.pullSecrets?.serviceAccountPullSecrets(namespace, name) ?? Promise.resolve(undefined)).catch(() => undefined)));
    return pending;
  };

  const chooseCredential = async (use: ImageUse, reference: ImageReference): Promise<CredentialChoice> => {
    const choice: CredentialChoice = { missing: [], looked: [] };
    if (request.anonymousOnly) return choice;
    const names = [...use.pullSecrets];
    if (request.pullSecrets)
      for (const name of (await loadAccount(use.workload.namespace, use.serviceAccount)) ?? []) if (!names.includes(name)) names.push(name);
    for (const name of names) {
      choice.looked.push(secretId(use.workload.namespace, name));
      if (!request.pullSecrets) continue;
      const loaded = await loadSecret(use.workload.namespace, name);
      if (loaded.problem) choice.missing.push(loaded.problem);
      const credential = loaded.store?.lookup(reference.domain, reference.repository);
      if (credential && !choice.credential) choice.credential = credential;
    }
    if (!choice.credential) {
      const credential = request.credentials?.lookup(reference.domain, reference.repository);
      if (credential) choice.credential = credential;
    }
    return choice;
  };

  for (const use of request.uses) {
    let reference: ImageReference | undefined;
    let error: string | undefined;
    try {
      reference = parseImageReference(use.image);
    } catch (caught) {
      if (!(caught instanceof ReferenceError)) throw caught;
      error = caught.message;
    }
    const choice = reference ? await chooseCredential(use, reference) : { missing: [], looked: [] };
    const key = `${reference?.canonical ?? use.image}\u0000${choice.credential?.source ?? ''}`;
    const group = groups.get(key);
    if (group) {
      group.uses.push(use);
      group.choice.missing.push(...choice.missing.filter((m) => !group.choice.missing.includes(m)));
      group.choice.looked.push(...choice.looked.filter((m) => !group.choice.looked.includes(m)));
    } else groups.set(key, { ...(reference ? { reference } : {}), ...(error ? { error } : {}), uses: [use], choice });
  }

  const images = await mapBounded([...groups.values()], request.concurrency ?? 8, async (group): Promise<ImageCheck> => {
    const usedBy = group.uses.map((use) => ({ ...use.workload, container: use.container, ...(use.location ? { location: use.location } : {}) }));
    const image = group.uses[0]?.image ?? '';
    if (!group.reference) return { image, canonical: image, registry: '', status: 'invalid', message: group.error ?? 'invalid reference', usedBy };
    const { reference, choice } = group;
    const resolution = await deps.registry.resolve(reference, choice.credential);
    const base = {
      image,
      canonical: reference.canonical,
      registry: reference.domain,
      usedBy,
      ...(choice.credential ? { credentials: choice.credential.source } : {}),
    };
    return { ...base, ...verdict(resolution, reference, choice, group.uses, request) };
  });

  const findings = images.flatMap((check) => findingsOf(check, request.mode));
  return { mode: request.mode, images, findings, refused: findings.some((f) => f.severity === 'error') };
}

function verdict(
  resolution: Resolution,
  reference: ImageReference,
  choice: CredentialChoice,
  uses: readonly ImageUse[],
  request: PreflightRequest,
): Pick<ImageCheck, 'status' | 'digest' | 'message'> {
  switch (resolution.outcome) {
    case 'resolved':
      return { status: 'resolved', digest: resolution.digest, message: `${reference.manifestReference} → ${resolution.digest}` };
    case 'not-found':
      return { status: 'not-found', message: resolution.message };
    case 'unavailable':
      return {
        status: 'unavailable',
        message: `registry ${reference.domain} could not answer (${resolution.message}); the image was not checked — the cluster may not be able to pull it either`,
      };
    case 'unauthorized': {
      if (request.anonymousOnly)
        return {
          status: 'not-checked',
          message: `${reference.domain} wants credentials for ${reference.repository} (${resolution.message}); private images are not checked without credentials`,
        };
      if (resolution.withCredentials) {
        return {
          status: 'unauthorized',
          message: `${reference.domain} refused the credentials from ${choice.credential?.source ?? 'the configuration'} for ${reference.repository} (${resolution.message}); the kubelet will be refused too`,
        };
      }
      const workloads = [...new Set(uses.map((u) => describeWorkload(u.workload)))].join(', ');
      if (choice.missing.length)
        return {
          status: 'unauthorized',
          message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}) and ${choice.missing.join('; ')}`,
        };
      if (choice.looked.length && request.pullSecrets) {
        return {
          status: 'unauthorized',
          message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}); pull secret(s) ${choice.looked.join(', ')} hold none for ${reference.domain}`,
        };
      }
      if (choice.looked.length) {
        return {
          status: 'unauthorized',
          message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}); pull secret(s) ${choice.looked.join(', ')} were not read (no cluster) and --registry-config has none for ${reference.domain}`,
        };
      }
      return {
        status: 'unauthorized',
        message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}) and no pull secret is configured: add imagePullSecrets (a kubernetes.io/dockerconfigjson Secret) to ${workloads} or to its ServiceAccount`,
      };
    }
  }
}

/** Refusals name the image, the workload and the line to fix; an unreachable registry is one warning per image. */
function findingsOf(check: ImageCheck, mode: PreflightReport['mode']): Finding[] {
  if (check.status === 'resolved') return [];
  if (check.status === 'unavailable' || check.status === 'not-checked') {
    const first = check.usedBy[0];
    return [
      {
        severity: 'warning',
        code: check.status === 'unavailable' ? 'IMAGE_REGISTRY_UNAVAILABLE' : 'IMAGE_NOT_CHECKED',
        message: `image ${check.image}: ${check.message}`,
        ...(first?.location ? { location: first.location } : {}),
      },
    ];
  }
  const code = check.status === 'not-found' ? 'IMAGE_NOT_FOUND' : check.status === 'unauthorized' ? 'IMAGE_UNAUTHORIZED' : 'IMAGE_INVALID';
  return check.usedBy.map((user) => ({
    severity: mode === 'enforce' ? 'error' : 'warning',
    code,
    message: `image ${check.image} of ${describeWorkload(user)} container ${user.container}: ${check.message}${user.location ? `; set at ${user.location.file}:${user.location.line ?? 1}` : ''}`,
    ...(user.location ? { location: user.location } : {}),
  }));
}

export interface PinnedImage {
  image: string;
  digest: string;
  pinned: string;
}

/**
 * pin_digests: every resolved image deployed as `name:tag@sha256:…`, so every pod of the rollout runs the same bits
 * even if the tag moves. Images written with a digest and images not resolved are left as written.
 */
export function pinDigests(
  objects: readonly KubernetesObject[],
  uses: readonly ImageUse[],
  report: PreflightReport,
): { objects: KubernetesObject[]; pinned: PinnedImage[] } {
  const digests = new Map<string, string>();
  for (const check of report.images) if (check.status === 'resolved' && check.digest) digests.set(check.image, check.digest);
  const pinned = new Map<string, PinnedImage>();
  const rewritten = rewriteImages(objects, uses, (use) => {
    const digest = digests.get(use.image);
    if (!digest) return undefined;
    const reference = parseImageReference(use.image);
    if (reference.digest) return undefined;
    const image = pinnedReference(reference, digest);
    pinned.set(use.image, { image: use.image, digest, pinned: image });
    return image;
  });
  return { objects: rewritten, pinned: [...pinned.values()] };
}

import { readdir, readFile } from 'node:fs/promises';
import { servicesSelectingNothing } from '../apply/select.js';
import { join, relative, resolve } from 'node:path';
import { checkClusterConfig } from '../cluster/preflight.js';
import { loadDeployControl, overlayPath, type LoadedDeployControl, controlFileIn } from '../config/deploy-control.js';
import { ConfigurationError, hasErrors, type Finding, type SourceLocation } from '../errors.js';
import type { Kubectl } from '../k8s/kubectl.js';
import { silentLogger, type Logger } from '../log.js';
import { parseYaml, parseYamlStream, type LocatedDocument } from '../yaml/located.js';
import { buildOverlay } from '../manifests/render.js';
import type { PlaceholderReport } from './manifests.js';
import { SourceIndex, type FileReader } from './sources.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { preflightObjects } from '../preflight/run.js';
import type { FetchLike } from '../preflight/registry.js';

export interface ValidateRequest {
  /** Folder holding deploy-control.yaml and k8s/ (paths in findings are built from it as given). */
  root: string;
  /** The control file; default `<root>/deploy-control.yaml`. */
  controlFile?: string;
  /** Names the deploy's `secrets` input will have; when given, a placeholder none supplies is an error. */
  secretNames?: readonly string[];
  /** Overlays built at once (kubectl kustomize is CPU-bound; runners have 2-4 cores). */
  concurrency?: number;
  /**
   * Resolve every image in its registry, anonymously (the PR check has no credentials): a missing tag or repository
   * is an error on the line that sets it; private images and unreachable registries are warnings.
   */
  imagePreflight?: boolean;
}

export interface ValidateDeps {
  kubectl: Kubectl;
  logger?: Logger;
  files?: FileReader;
  /** Needed with imagePreflight: how registries are reached. */
  fetch?: FetchLike;
}

export interface ResourceSummary {
  kind: string;
  namespace?: string;
  name: string;
}

export interface OverlayReport {
  /** The overlay folder, e.g. infra/k8s/hetzner/dev. */
  path: string;
  provider: string;
  name: string;
  /** deploy-control environments whose `overlay` is this folder. */
  environments: string[];
  /** Whether `kubectl kustomize` succeeded. */
  built: boolean;
  resources: ResourceSummary[];
  kinds: Record<string, number>;
  placeholders: PlaceholderReport[];
  /** apiVersion/kind pairs with no offline model (CRDs): built and counted, not schema-checked. */
  unchecked: string[];
  errors: number;
  warnings: number;
}

export interface ClusterConfigReport {
  path: string;
  environment: string;
  errors: number;
}

export interface ValidationReport {
  valid: boolean;
  root: string;
  controlFile: string;
  /** Environments of deploy-control.yaml; empty when it could not be loaded. */
  environments: string[];
  overlays: OverlayReport[];
  clusterConfigs: ClusterConfigReport[];
  /** Every finding, errors first in discovery order; each is located where possible. */
  findings: Finding[];
  counts: { errors: number; warnings: number; notices: number };
}

export const nodeFiles: FileReader = {
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw error;
    }
  },
  async list(path) {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
};

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface OverlayFolder {
  directory: string;
  kustomization: string;
  provider: string;
  name: string;
}

/** `k8s/<provider>/<env>/kustomization.yaml`, exactly two levels under k8s/, never k8s/base. */
export async function findOverlays(files: FileReader, root: string): Promise<OverlayFolder[]> {
  const k8s = join(root, 'k8s');
  const overlays: OverlayFolder[] = [];
  const providers = (await files.list(k8s)) ?? [];
  for (const provider of providers.filter((e) => e.directory && e.name !== 'base').sort((a, b) => a.name.localeCompare(b.name))) {
    const environments = (await files.list(join(k8s, provider.name))) ?? [];
    for (const environment of environments.filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
      const directory = join(k8s, provider.name, environment.name);
      const entries = (await files.list(directory)) ?? [];
      const file = KUSTOMIZATION_FILES.find((candidate) => entries.some((entry) => !entry.directory && entry.name === candidate));
      if (file) overlays.push({ directory, kustomization: join(directory, file), provider: provider.name, name: environment.name });
    }
  }
  return overlays;
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The PR check's image preflight of one overlay: anonymous, missing images are errors; paths as the root was given. */
async function imageFindings(directory: string, objects: KubernetesObject[], deps: ValidateDeps, logger: Logger): Promise<Finding[]> {
  if (!deps.fetch) throw new Error('validate: imagePreflight needs deps.fetch');
  const absolute = resolve(directory);
  const { report } = await preflightObjects(
    { objects, overlay: absolute, mode: 'enforce', pinDigests: false, anonymousOnly: true },
    {
      fetch: deps.fetch,
      registerSecret: () => undefined,
      logger: { info: (m) => logger.info(m), warning: () => undefined, group: (n, b) => logger.group(n, b) },
    },
  );
  logger.info(`${directory}: ${report.images.length} image(s) checked, ${report.findings.filter((f) => f.severity === 'error').length} missing`);
  return report.findings.map((f) => (f.location ? { ...f, location: { ...f.location, file: join(directory, relative(absolute, f.location.file)) } } : f));
}

/** The line of the kustomization entry (resource, patch, component, ...) the message names, else the top. */
function locateKustomizeError(kustomization: LocatedDocument | undefined, file: string, message: string): SourceLocation {
  if (!kustomization) return { file, line: 1 };
  const value = kustomization.value as Record<string, unknown> | null;
  if (value && typeof value === 'object') {
    for (const field of ['resources', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'bases', 'configMapGenerator', 'secretGenerator']) {
      const list: unknown = value[field];
      if (!Array.isArray(list)) continue;
      for (const [index, entry] of (list as unknown[]).entries()) {
        const path = (entry as { path?: unknown } | null)?.path;
        const reference = typeof entry === 'string' ? entry : typeof path === 'string' ? path : undefined;
        if (reference && message.includes(reference)) {
          return kustomization.locate(typeof entry === 'string' ? [field, index] : [field, index, 'path'], typeof entry === 'string' ? 'key' : 'value');
        }
      }
    }
  }
  return { file, line: 1 };
}

function severityCounts(findings: readonly Finding[]): ValidationReport['counts'] {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    notices: findings.filter((f) => f.severity === 'notice').length,
  };
}

/** A file seen twice (a cluster config is also YAML under k8s/) must not report its syntax error twice. */
function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.code, finding.message, finding.location?.file, finding.location?.line]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function loadControl(file: string, findings: Finding[]): Promise<LoadedDeployControl | undefined> {
  try {
    return await loadDeployControl(file);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    findings.push(
      ...(error.findings.length ? error.findings : [{ severity: 'error' as const, code: 'DEPLOY_CONTROL', message: error.message, location: { file } }]),
    );
    return undefined;
  }
}

/**
 * The PR check: deploy-control.yaml, every overlay built with kustomize and checked offline, every hetzner-k3s
 * cluster config. Never throws for a user's mistake: everything found is in the report, located.
 */
export async function validateInfrastructure(request: ValidateRequest, deps: ValidateDeps): Promise<ValidationReport> {
  const files = deps.files ?? nodeFiles;
  const logger = deps.logger ?? silentLogger;
  const root = request.root;
  const controlFile = request.controlFile ?? controlFileIn(root);
  const findings: Finding[] = [];
  // The manifest checks carry the Kubernetes OpenAPI models (~1.5 MB): loaded by a validation, not by every command
  // of the CLI that shares this bundle.
  const { checkManifests, countKinds, effectiveNamespace } = await import('./manifests.js');

  const control = await logger.group(`deploy-control: ${controlFile}`, async () => {
    const loaded = await loadControl(controlFile, findings);
    if (loaded) logger.info(`environments: ${Object.keys(loaded.config.environments).join(', ')}`);
    return loaded;
  });
  const environments = control ? Object.keys(control.config.environments) : [];

  const overlayFolders = await findOverlays(files, root);
  if (overlayFolders.length === 0) {
    findings.push({
      severity: 'error',
      code: 'NO_OVERLAYS',
      message: `no overlays found: expected ${join(root, 'k8s', '<provider>', '<environment>', 'kustomization.yaml')} (for example k8s/hetzner/dev)`,
      location: { file: join(root, 'k8s') },
    });
  }

  const environmentsOf = new Map<string, string[]>();
  if (control) {
    for (const environment of environments) {
      const folder = overlayPath(control, environment);
      const overlay = overlayFolders.find((candidate) => resolve(candidate.directory) === folder);
      if (overlay) {
        environmentsOf.set(overlay.directory, [...(environmentsOf.get(overlay.directory) ?? []), environment]);
        continue;
      }
      const declared = control.config.environments[environment]?.overlay !== undefined;
      const entries = (await files.list(folder)) ?? [];
      if (entries.some((entry) => KUSTOMIZATION_FILES.includes(entry.name))) continue;
      findings.push({
        severity: 'error',
        code: 'OVERLAY_MISSING',
        message: `environment "${environment}" deploys ${relative(resolve(root), folder) || '.'}, which has no kustomization.yaml`,
        key: declared ? `environments.${environment}.overlay` : `environments.${environment}`,
        location: control.document.locate(declared ? ['environments', environment, 'overlay'] : ['environments', environment], declared ? 'value' : 'key'),
      });
    }
  }

  const index = await SourceIndex.load(
    files,
    join(root, 'k8s'),
    overlayFolders.map((overlay) => overlay.directory),
  );
  findings.push(...index.findings);

  // One group around the parallel builds: log groups cannot interleave, so each overlay reports one line when done.
  const overlays = await logger.group(`kubectl kustomize: ${overlayFolders.length} overlay(s)`, () =>
    mapBounded(overlayFolders, request.concurrency ?? 2, async (overlay) => {
      const overlayFindings: Finding[] = [];
      const report: OverlayReport = {
        path: overlay.directory,
        provider: overlay.provider,
        name: overlay.name,
        environments: environmentsOf.get(overlay.directory) ?? [],
        built: false,
        resources: [],
        kinds: {},
        placeholders: [],
        unchecked: [],
        errors: 0,
        warnings: 0,
      };
      const result = await buildOverlay(deps.kubectl, overlay.directory);
      if (!result.ok) {
        const message = result.message;
        let kustomization: LocatedDocument | undefined;
        try {
          kustomization = parseYaml((await files.readText(overlay.kustomization)) ?? '', overlay.kustomization);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
        }
        overlayFindings.push({
          severity: 'error',
          code: 'KUSTOMIZE_BUILD',
          message: `kubectl kustomize ${overlay.directory} failed: ${message}`,
          location: locateKustomizeError(kustomization, overlay.kustomization, message),
        });
        logger.info(`${overlay.directory}: build failed: ${message}`);
      } else {
        let documents: LocatedDocument[] = [];
        try {
          documents = parseYamlStream(result.yaml, `${overlay.kustomization} (kustomize output)`);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          overlayFindings.push(...error.findings);
        }
        const checked = checkManifests(documents, {
          secretNames: request.secretNames,
          locate: index.locatorFor(overlay.directory, { file: overlay.kustomization, line: 1 }),
        });
        overlayFindings.push(...checked.findings);
        report.built = true;
        report.resources = checked.resources.map(({ object }) => {
          const namespace = effectiveNamespace(object);
          return namespace ? { kind: object.kind, namespace, name: object.metadata.name } : { kind: object.kind, name: object.metadata.name };
        });
        if (control) {
          const objects = checked.resources.map((resource) => resource.object);
          for (const environment of report.environments) overlayFindings.push(...servicesSelectingNothing(control, environment, objects));
        }
        report.kinds = countKinds(checked.resources);
        report.placeholders = checked.placeholders;
        report.unchecked = checked.unchecked;
        if (request.imagePreflight)
          overlayFindings.push(
            ...(await imageFindings(
              overlay.directory,
              checked.resources.map((r) => r.object),
              deps,
              logger,
            )),
          );
        logger.info(
          `${overlay.directory}: ${checked.resources.length} resources (${Object.entries(report.kinds)
            .map(([kind, n]) => `${kind} ${n}`)
            .join(', ')})`,
        );
      }
      report.errors = overlayFindings.filter((f) => f.severity === 'error').length;
      report.warnings = overlayFindings.filter((f) => f.severity === 'warning').length;
      return { report, findings: overlayFindings };
    }),
  );
  for (const overlay of overlays) findings.push(...overlay.findings);

  const clusterConfigs: ClusterConfigReport[] = [];
  const hetzner = join(root, 'k8s', 'hetzner');
  for (const entry of ((await files.list(hetzner)) ?? []).filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(hetzner, entry.name, 'cluster', 'cluster-config.yaml');
    const text = await files.readText(path);
    if (text === undefined) continue;
    let configFindings: Finding[];
    try {
      configFindings = checkClusterConfig(parseYaml(text, path), { environment: entry.name });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      configFindings = error.findings;
    }
    findings.push(...configFindings);
    clusterConfigs.push({ path, environment: entry.name, errors: configFindings.filter((f) => f.severity === 'error').length });
  }

  const unique = dedupeFindings(findings);
  const ordered = [...unique.filter((f) => f.severity === 'error'), ...unique.filter((f) => f.severity !== 'error')];
  return {
    valid: !hasErrors(unique),
    root,
    controlFile,
    environments,
    overlays: overlays.map((overlay) => overlay.report),
    clusterConfigs,
    findings: ordered,
    counts: severityCounts(unique),
  };
}

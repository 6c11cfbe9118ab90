import type { Finding, SourceLocation } from '../errors.js';
import { formatKeyPath } from '../config/schema.js';
import { CLUSTER_SCOPED_KINDS, findPlaceholders, resourceKey, type KubernetesObject, type Placeholder, type Resource } from '../manifests/resource.js';
import type { KeyPath, LocatedDocument } from '../yaml/located.js';
import { checkAgainstModel } from './models.js';
import { groupOfApiVersion } from '../k8s/client.js';
import { isRecord } from '../json.js';

/** Where a key of a built object should be annotated; by default the rendered document itself. */
export type Locator = (object: KubernetesObject, rendered: LocatedDocument, path: KeyPath) => SourceLocation;

export interface ManifestCheckOptions {
  /**
   * Names of the secret values the deploy will have (the keys of its `secrets` input). When given, a placeholder
   * no name supplies is an error; when absent, placeholders are only listed.
   */
  secretNames?: readonly string[];
  locate?: Locator;
}

export interface PlaceholderReport {
  secret: string;
  namespace: string;
  key: string;
  field: 'data' | 'stringData';
  /** Which available name supplies it; null when no secret names were given, false when none does. */
  suppliedBy: string | null | false;
  location?: SourceLocation;
}

export interface ManifestCheckResult {
  resources: Resource[];
  placeholders: PlaceholderReport[];
  findings: Finding[];
  /** Kinds without an offline model (CRDs): counted, not checked. */
  unchecked: string[];
}

const defaultLocate: Locator = (_object, rendered, path) => rendered.locate(path);

/** The namespace an object lands in: kustomize already applied any overlay namespace, the API defaults the rest. */
export function effectiveNamespace(object: KubernetesObject): string | undefined {
  if (CLUSTER_SCOPED_KINDS.has(object.kind)) return undefined;
  return object.metadata.namespace || 'default';
}

/**
 * Offline checks of one overlay's rendered documents: identity fields, the Kubernetes OpenAPI model of built-in
 * kinds, duplicates (after namespace defaulting) and Secret placeholders.
 */
export function checkManifests(documents: readonly LocatedDocument[], options: ManifestCheckOptions = {}): ManifestCheckResult {
  const locate = options.locate ?? defaultLocate;
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  const unchecked = new Set<string>();
  const seen = new Map<string, { object: KubernetesObject; location: SourceLocation }>();

  for (const document of documents) {
    const value = document.value;
    if (!isRecord(value)) {
      findings.push({
        severity: 'error',
        code: 'NOT_AN_OBJECT',
        message: `a rendered document is not a Kubernetes object (a ${Array.isArray(value) ? 'list' : typeof value}, not a mapping)`,
        location: document.locate([]),
      });
      continue;
    }
    const partial = value as Partial<KubernetesObject>;
    const metadata = isRecord(value.metadata) ? value.metadata : undefined;
    const label = `${typeof value.kind === 'string' ? value.kind : '(no kind)'}/${typeof metadata?.name === 'string' ? metadata.name : '(no name)'}`;
    const missing: KeyPath[] = [];
    if (typeof value.apiVersion !== 'string' || !value.apiVersion) missing.push(['apiVersion']);
    if (typeof value.kind !== 'string' || !value.kind) missing.push(['kind']);
    if (typeof metadata?.name !== 'string' || !metadata.name) missing.push(['metadata', 'name']);
    if (missing.length > 0) {
      for (const path of missing) {
        findings.push({
          severity: 'error',
          code: 'MISSING_FIELD',
          message: `${label}: missing required field ${formatKeyPath(path)}`,
          key: formatKeyPath(path),
          location: document.locate(path),
        });
      }
      continue;
    }
    const object = partial as KubernetesObject;
    const origin = (path: KeyPath) => locate(object, document, path);

    const model = checkAgainstModel(object);
    if (model.status === 'invalid') {
      for (const problem of model.problems) {
        const key = formatKeyPath(problem.path);
        findings.push({
          severity: 'error',
          code: 'K8S_SCHEMA',
          message: `${label}: ${key}: ${problem.message}`,
          key,
          location: origin(problem.path),
        });
      }
    } else if (model.status === 'unchecked') {
      unchecked.add(`${object.apiVersion}/${object.kind}`);
      if (model.builtInGroup) {
        findings.push({
          severity: 'warning',
          code: 'UNKNOWN_KIND',
          message: `${label}: ${object.apiVersion} has no kind "${object.kind}" that k8sapp knows; check the spelling of kind`,
          key: 'kind',
          location: origin(['kind']),
        });
      }
    }

    const namespace = effectiveNamespace(object);
    // The API group, not the version: apps/v1 and apps/v1beta1 of one name are the same object on the server.
    const key = `${groupOfApiVersion(object.apiVersion)}:${resourceKey({ kind: object.kind, namespace, name: object.metadata.name })}`;
    const location = origin([]);
    const earlier = seen.get(key);
    if (earlier) {
      findings.push({
        severity: 'error',
        code: 'DUPLICATE_RESOURCE',
        message:
          `${object.kind} ${namespace ? `${namespace}/` : ''}${object.metadata.name} is defined twice` +
          ` (first at ${earlier.location.file}${earlier.location.line ? `:${earlier.location.line}` : ''});` +
          ' objects without a namespace land in "default"',
        location,
      });
    } else {
      seen.set(key, { object, location });
    }
    resources.push({ object, source: document });
  }

  const placeholders = checkPlaceholders(resources, options, findings, locate);
  return { resources, placeholders, findings, unchecked: [...unchecked].sort() };
}

/** Which of the available names supplies a Secret key: `namespace/secret/KEY` beats `secret/KEY` beats `KEY`. */
export function supplyingName(placeholder: Pick<Placeholder, 'secret' | 'key'> & { namespace?: string }, names: readonly string[]): string | undefined {
  const available = new Set(names);
  const candidates = [
    placeholder.namespace ? `${placeholder.namespace}/${placeholder.secret}/${placeholder.key}` : undefined,
    `${placeholder.secret}/${placeholder.key}`,
    placeholder.key,
  ];
  return candidates.find((name): name is string => name !== undefined && available.has(name));
}

function checkPlaceholders(resources: readonly Resource[], options: ManifestCheckOptions, findings: Finding[], locate: Locator): PlaceholderReport[] {
  return findPlaceholders(resources).map((placeholder) => {
    const resource = resources.find(
      (r) => r.object.kind === 'Secret' && r.object.metadata.name === placeholder.secret && r.object.metadata.namespace === placeholder.namespace,
    );
    const location = resource ? locate(resource.object, resource.source, [placeholder.field, placeholder.key]) : placeholder.location;
    const namespace = placeholder.namespace ?? 'default';
    let suppliedBy: PlaceholderReport['suppliedBy'] = null;
    if (options.secretNames) {
      suppliedBy = supplyingName({ ...placeholder, namespace }, options.secretNames) ?? false;
      if (suppliedBy === false) {
        findings.push({
          severity: 'error',
          code: 'PLACEHOLDER_UNSUPPLIED',
          message:
            `Secret ${namespace}/${placeholder.secret} key ${placeholder.key} holds a placeholder and no available secret supplies it` +
            ` (add a secret named ${placeholder.key} or ${placeholder.secret}/${placeholder.key})`,
          key: `${placeholder.field}.${placeholder.key}`,
          location,
        });
      }
    }
    const report: PlaceholderReport = { secret: placeholder.secret, namespace, key: placeholder.key, field: placeholder.field, suppliedBy };
    if (location) report.location = location;
    return report;
  });
}

/** `{ ConfigMap: 2, Secret: 2 }`, sorted by kind, for the report table. */
export function countKinds(resources: readonly Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of resources.map((r) => r.object.kind).sort()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

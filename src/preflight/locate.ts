import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { overlayDependencies } from '../changes/dependencies.js';
import type { SourceLocation } from '../errors.js';
import { parseYamlStream, type LocatedDocument } from '../yaml/located.js';
import type { ImageUse } from './images.js';
import { isRecord } from '../json.js';

/** The image without its tag or digest, as kustomize's `images:` transformer matches `name`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0] as string;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

interface SourceFiles {
  kustomizations: LocatedDocument[];
  manifests: LocatedDocument[];
}

async function loadSources(overlayDirectory: string): Promise<SourceFiles> {
  const files = [...(await overlayDependencies(overlayDirectory))].filter((file) => /\.ya?ml$/.test(file) || basename(file) === 'Kustomization');
  const sources: SourceFiles = { kustomizations: [], manifests: [] };
  for (const file of files) {
    let documents: LocatedDocument[];
    try {
      documents = parseYamlStream(await readFile(file, 'utf8'), file);
    } catch {
      continue;
    }
    if (/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file)) sources.kustomizations.push(...documents);
    else sources.manifests.push(...documents);
  }
  return sources;
}

type Json = Record<string, unknown>;

/** A kustomization `images:` entry that produced this image (newName/newTag/digest), located on the key that set it. */
function fromImagesTransformer(documents: readonly LocatedDocument[], use: ImageUse): SourceLocation[] {
  const name = imageName(use.image);
  const found: SourceLocation[] = [];
  for (const document of documents) {
    const images = (document.value as Json | null)?.images;
    if (!Array.isArray(images)) continue;
    images.forEach((entry: unknown, index) => {
      if (!isRecord(entry) || typeof entry.name !== 'string') return;
      const target = typeof entry.newName === 'string' ? entry.newName : entry.name;
      if (target !== name) return;
      const key =
        typeof entry.digest === 'string' ? 'digest' : typeof entry.newTag === 'string' ? 'newTag' : typeof entry.newName === 'string' ? 'newName' : undefined;
      if (key) found.push(document.locate(['images', index, key], 'value'));
    });
  }
  return found;
}

/** The `image:` of the same container in a document of the same kind and name (base manifest or overlay patch). */
function fromManifests(documents: readonly LocatedDocument[], use: ImageUse): { image: SourceLocation[]; workload: SourceLocation[] } {
  const image: SourceLocation[] = [];
  const workload: SourceLocation[] = [];
  const specPath = use.path.slice(0, -3);
  for (const document of documents) {
    const value = document.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (value?.kind !== use.workload.kind || value.metadata?.name !== use.workload.name) continue;
    workload.push(document.locate(['metadata', 'name']));
    let node: unknown = value;
    for (const segment of specPath) node = isRecord(node) ? node[segment as string] : undefined;
    const containers = isRecord(node) ? node[use.field] : undefined;
    if (!Array.isArray(containers)) continue;
    const index = containers.findIndex((c: unknown) => isRecord(c) && c.name === use.container && typeof c.image === 'string');
    if (index !== -1) image.push(document.locate([...specPath, use.field, index, 'image'], 'value'));
  }
  return { image, workload };
}

/** Overlay files first: environment-specific image tags usually live in the overlay's patches or `images:`. */
function preferOverlay(locations: readonly SourceLocation[], overlayDirectory: string): SourceLocation | undefined {
  return locations.find((l) => l.file.startsWith(overlayDirectory)) ?? locations[0];
}

/**
 * Where each image is set in the repository — the same search the rollout annotations use (the overlay's
 * kustomization graph, documents of the same kind and name), narrowed to the line: the `images:` entry of a
 * kustomization that rewrote it, else the container's `image:`, else the workload's `metadata.name`.
 */
export async function locateImages(overlayDirectory: string, uses: readonly ImageUse[]): Promise<ImageUse[]> {
  let sources: SourceFiles;
  try {
    sources = await loadSources(overlayDirectory);
  } catch {
    return [...uses];
  }
  return uses.map((use) => {
    const manifests = fromManifests(sources.manifests, use);
    const location =
      preferOverlay(fromImagesTransformer(sources.kustomizations, use), overlayDirectory) ??
      preferOverlay(manifests.image, overlayDirectory) ??
      preferOverlay(manifests.workload, overlayDirectory);
    return location ? { ...use, location } : use;
  });
}

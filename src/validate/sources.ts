import { join, relative, sep } from 'node:path';
import { ConfigurationError, type Finding, type SourceLocation } from '../errors.js';
import type { KubernetesObject } from '../manifests/resource.js';
import { parseYamlStream, type KeyPath, type LocatedDocument } from '../yaml/located.js';
import type { Locator } from './manifests.js';

/** The file access the validation core needs; the default reads the real file system. */
export interface FileReader {
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** Entries of a folder, or undefined when it does not exist. */
  list(path: string): Promise<{ name: string; directory: boolean }[] | undefined>;
}

/** Every YAML file below a folder, depth first, in a stable order. */
export async function yamlFilesBelow(files: FileReader, directory: string): Promise<string[]> {
  const entries = await files.list(directory);
  if (!entries) return [];
  const found: string[] = [];
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.directory) found.push(...(await yamlFilesBelow(files, path)));
    else if (/\.ya?ml$/i.test(entry.name)) found.push(path);
  }
  return found;
}

interface SourceDocument {
  file: string;
  document: LocatedDocument;
  kind: string;
  name: string;
}

function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

function has(value: unknown, path: KeyPath): boolean {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[segment];
    if (node === undefined) return false;
  }
  return true;
}

function namespaceOf(document: LocatedDocument): string | undefined {
  const namespace = (document.value as Partial<KubernetesObject>).metadata?.namespace;
  return typeof namespace === 'string' && namespace ? namespace : undefined;
}

/**
 * The hand-written YAML under k8s/, indexed by kind and name, so a problem found in kustomize's output can be
 * annotated in the file it came from: a patch in the overlay when it sets the key, else the base resource.
 */
export class SourceIndex {
  readonly findings: Finding[] = [];
  private readonly byId = new Map<string, SourceDocument[]>();
  private overlayDirectories: string[] = [];

  static async load(files: FileReader, k8sDirectory: string, overlayDirectories: readonly string[]): Promise<SourceIndex> {
    const index = new SourceIndex();
    index.overlayDirectories = [...overlayDirectories];
    for (const file of await yamlFilesBelow(files, k8sDirectory)) {
      const text = await files.readText(file);
      if (text === undefined) continue;
      let documents: LocatedDocument[];
      try {
        documents = parseYamlStream(text, file);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        index.findings.push(...error.findings);
        continue;
      }
      for (const document of documents) {
        const value = document.value as Partial<KubernetesObject> | null;
        const name = value?.metadata?.name;
        if (typeof value?.kind !== 'string' || typeof name !== 'string') continue;
        const id = `${value.kind}/${name}`;
        const list = index.byId.get(id) ?? [];
        list.push({ file, document, kind: value.kind, name });
        index.byId.set(id, list);
      }
    }
    return index;
  }

  /** A Locator for one overlay: its own files and shared bases only, never another overlay's patches. */
  locatorFor(overlayDirectory: string, fallback: SourceLocation): Locator {
    return (object, _rendered, path) => {
      const visible = (this.byId.get(`${object.kind}/${object.metadata.name}`) ?? []).filter(
        (source) => isInside(overlayDirectory, source.file) || !this.overlayDirectories.some((other) => isInside(other, source.file)),
      );
      // Two sources of one kind/name (how a duplicate arises) differ in apiVersion or namespace: keep this object's.
      const narrow = (list: SourceDocument[], same: (source: SourceDocument) => boolean) => {
        const kept = list.filter(same);
        return kept.length > 0 ? kept : list;
      };
      const candidates = narrow(
        narrow(visible, (source) => (source.document.value as Partial<KubernetesObject>).apiVersion === object.apiVersion),
        (source) => namespaceOf(source.document) === object.metadata.namespace,
      );
      if (candidates.length === 0) return fallback;
      const own = candidates.filter((source) => isInside(overlayDirectory, source.file));
      const chosen =
        own.find((source) => has(source.document.value, path)) ??
        candidates.find((source) => has(source.document.value, path)) ??
        candidates.find((source) => !isInside(overlayDirectory, source.file)) ??
        candidates[0];
      return chosen ? chosen.document.locate(path) : fallback;
    };
  }
}

import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** File access the dependency walk needs; injected so tests can use an in-memory tree. */
export interface FileReader {
  readText(path: string): Promise<string | undefined>;
  isDirectory(path: string): Promise<boolean>;
}

export const diskReader: FileReader = {
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory: async (path) => {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
};

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type Kustomization = Record<string, unknown>;

const isRemote = (reference: string) => /^(https?|git|ssh|oci):\/\/|^github\.com\/|^git@|\?ref=/.test(reference);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** Generator `files:` entries may be `key=path`. */
function generatorFiles(generator: Record<string, unknown>): string[] {
  const files = strings(generator.files).map((entry) => (entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry));
  const envs = strings(generator.envs);
  if (typeof generator.env === 'string') envs.push(generator.env);
  return [...files, ...envs];
}

/** Every local path a kustomization names, as written (files or folders). */
export function referencedPaths(kustomization: Kustomization): { paths: string[]; folders: string[] } {
  const folders = [...strings(kustomization.bases), ...strings(kustomization.components)];
  const paths: string[] = [...strings(kustomization.resources), ...strings(kustomization.crds)];
  paths.push(...strings(kustomization.generators), ...strings(kustomization.transformers), ...strings(kustomization.validators));
  paths.push(...strings(kustomization.configurations));
  // An inline patch is YAML text (it has a newline); only single-line entries are file paths.
  paths.push(...strings(kustomization.patchesStrategicMerge).filter((entry) => !entry.includes('\n')));
  for (const key of ['patches', 'patchesJson6902', 'replacements']) {
    for (const entry of objects(kustomization[key])) if (typeof entry.path === 'string') paths.push(entry.path);
  }
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of objects(kustomization[key])) paths.push(...generatorFiles(generator));
  }
  for (const chart of objects(kustomization.helmCharts)) {
    if (typeof chart.valuesFile === 'string') paths.push(chart.valuesFile);
    paths.push(...strings(chart.additionalValuesFiles));
  }
  const openapi = kustomization.openapi as Record<string, unknown> | undefined;
  if (openapi && typeof openapi.path === 'string') paths.push(openapi.path);
  return { paths: paths.filter((path) => !isRemote(path)), folders: folders.filter((path) => !isRemote(path)) };
}

/**
 * The files an overlay is built from: its kustomization and everything it names, following nested bases and
 * components recursively. Absolute paths. A broken reference is simply not a dependency (the build reports it).
 */
export async function overlayDependencies(overlayDirectory: string, reader: FileReader = diskReader): Promise<Set<string>> {
  const files = new Set<string>();
  const visited = new Set<string>();

  async function walkFolder(folder: string): Promise<void> {
    const absolute = resolve(folder);
    if (visited.has(absolute)) return;
    visited.add(absolute);
    for (const name of KUSTOMIZATION_NAMES) {
      const file = join(absolute, name);
      const text = await reader.readText(file);
      if (text === undefined) continue;
      files.add(file);
      let kustomization: Kustomization;
      try {
        kustomization = (parse(text) ?? {}) as Kustomization;
      } catch {
        return;
      }
      const { paths, folders } = referencedPaths(kustomization);
      for (const folderReference of folders) await walkFolder(join(absolute, folderReference));
      for (const reference of paths) {
        const target = join(absolute, reference);
        if (await reader.isDirectory(target)) await walkFolder(target);
        else files.add(target);
      }
      return;
    }
  }

  await walkFolder(overlayDirectory);
  return files;
}

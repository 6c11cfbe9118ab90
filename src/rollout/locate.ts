import { readFile } from 'node:fs/promises';
import { overlayDependencies } from '../changes/dependencies.js';
import type { SourceLocation } from '../errors.js';
import { parseYamlStream } from '../yaml/located.js';
import type { WorkloadRef } from './types.js';

/**
 * Where a workload is written in the repository: the files the overlay is built from (kustomization graph), searched
 * for a document with the same kind and metadata.name. An overlay patch wins over the base definition, because
 * environment-specific changes (image tags, env) usually live there. Undefined when nothing matches.
 */
export async function findManifestLocation(overlayDirectory: string, ref: WorkloadRef): Promise<SourceLocation | undefined> {
  const files = [...(await overlayDependencies(overlayDirectory))].filter((file) => /\.ya?ml$/.test(file) && !/kustomization\.ya?ml$/.test(file));
  const matches: SourceLocation[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    let documents;
    try {
      documents = parseYamlStream(text, file);
    } catch {
      continue;
    }
    for (const document of documents) {
      const value = document.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (value?.kind === ref.kind && value.metadata?.name === ref.name) matches.push(document.locate(['metadata', 'name']));
    }
  }
  const inOverlay = matches.find((m) => m.file.startsWith(overlayDirectory));
  return inOverlay ?? matches[0];
}

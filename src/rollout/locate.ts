import { readFile } from 'node:fs/promises';
import { overlayDependencies } from '../changes/dependencies.js';
import { relative } from 'node:path';
import type { Finding, SourceLocation } from '../errors.js';
import { parseYamlStream } from '../yaml/located.js';
import type { PublicWorkloadResult, WorkloadRef } from './types.js';

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

/**
 * One error finding per workload that did not succeed, located on the manifest that defines it when the overlay
 * names it (paths relative to the workspace, as annotations want them).
 */
export async function failedWorkloadFindings(
  overlayDirectory: string | undefined,
  workloads: readonly PublicWorkloadResult[],
  workspace: string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const workload of workloads.filter((w) => w.status !== 'succeeded')) {
    const location = overlayDirectory ? await findManifestLocation(overlayDirectory, workload).catch(() => undefined) : undefined;
    const first = workload.diagnosis.find((row) => row.fatal) ?? workload.diagnosis[0];
    const detail = first ? `${first.reason}${first.pod ? ` (pod ${first.pod})` : ''}: ${first.message}` : workload.message;
    const finding: Finding = { severity: 'error', code: 'ROLLOUT_FAILED', message: `${workload.kind}/${workload.name} ${workload.status}: ${detail}` };
    if (location) finding.location = { ...location, file: relative(workspace, location.file) };
    findings.push(finding);
  }
  return findings;
}

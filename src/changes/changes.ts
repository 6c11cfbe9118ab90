import { isDeepStrictEqual } from 'node:util';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { migrationsFolder, overlayFolder, type DeployControl } from '../config/deploy-control.js';
import { diskReader, overlayDependencies, type FileReader } from './dependencies.js';

export interface ChangeRequest {
  /** Absolute path of the repository root; changed files are relative to it, as git reports them. */
  repositoryRoot: string;
  /** Absolute path of deploy-control.yaml. */
  controlFile: string;
  control: DeployControl;
  changedFiles: readonly string[];
  /**
   * deploy-control.yaml as it was before the change: its text, `null` when it did not exist, `undefined` when
   * unknown (only a file list was given), in which case any change to it affects every environment.
   */
  previousControlText?: string | null;
  /** The pushed branch: only environments whose `branch` matches are marked for deployment. */
  branch?: string;
}

export interface AffectedEnvironment {
  name: string;
  reasons: string[];
  branch?: string;
  /** Affected and mapped to the pushed branch (always true when no branch was given). */
  deploy: boolean;
}

export interface AffectedCluster {
  name: string;
  provider: string;
  file: string;
}

export interface ChangeResult {
  environments: AffectedEnvironment[];
  clusters: AffectedCluster[];
}

const within = (file: string, folder: string) => file === folder || file.startsWith(folder + sep);

/** Which parts of deploy-control.yaml changed meaning: `global`, or the names of environments. */
function controlDifferences(previousText: string | null, current: DeployControl): { global: boolean; environments: Set<string> } | 'unknown' {
  if (previousText === null) return 'unknown';
  let previous: DeployControl;
  try {
    previous = (parse(previousText) ?? {}) as DeployControl;
  } catch {
    return 'unknown';
  }
  const environments = new Set<string>();
  const names = new Set([...Object.keys(previous.environments ?? {}), ...Object.keys(current.environments)]);
  for (const name of names) {
    if (!isDeepStrictEqual(previous.environments?.[name], current.environments[name])) environments.add(name);
  }
  return { global: !isDeepStrictEqual(previous.global, current.global), environments };
}

/**
 * Decides which environments a set of changed files affects, precisely: an overlay is affected when one of the
 * files its build actually reads changed; deploy-control.yaml affects the environments whose section (or global)
 * changed meaning; cluster configs belong to the cluster workflow and are reported apart.
 */
export async function detectChanges(request: ChangeRequest, reader: FileReader = diskReader): Promise<ChangeResult> {
  const controlFolder = dirname(request.controlFile);
  const changed = request.changedFiles.map((file) => resolve(request.repositoryRoot, file));
  const display = (file: string) => relative(request.repositoryRoot, file);
  const reasons = new Map<string, string[]>();
  const names = Object.keys(request.control.environments);
  const add = (environment: string, reason: string) => {
    if (!names.includes(environment)) return;
    const list = reasons.get(environment) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(environment, list);
  };

  for (const environment of names) {
    const dependencies = await overlayDependencies(overlayFolder(request.control, controlFolder, environment), reader);
    for (const file of changed) if (dependencies.has(file)) add(environment, `${display(file)} is part of its overlay`);
  }

  const controlFile = resolve(request.controlFile);
  if (changed.includes(controlFile)) {
    const difference = request.previousControlText === undefined ? 'unknown' : controlDifferences(request.previousControlText, request.control);
    if (difference === 'unknown') {
      const why = request.previousControlText === null ? 'is new' : 'changed (no earlier version to compare with)';
      for (const environment of names) add(environment, `${display(controlFile)} ${why}`);
    } else {
      if (difference.global) for (const environment of names) add(environment, `${display(controlFile)}: global settings changed`);
      for (const environment of difference.environments) add(environment, `${display(controlFile)}: environments.${environment} changed`);
    }
  }

  const migrations = migrationsFolder(request.control, controlFolder);
  for (const file of changed) {
    if (within(file, migrations)) for (const environment of names) add(environment, `${display(file)} is a migration (runs on every deploy)`);
  }

  const clusters: AffectedCluster[] = [];
  const k8sFolder = join(controlFolder, 'k8s');
  for (const file of changed) {
    const parts = relative(k8sFolder, file).split(sep);
    if (parts.length >= 4 && parts[0] !== '..' && parts[2] === 'cluster') {
      const [provider, name] = parts as [string, string];
      if (!clusters.some((cluster) => cluster.name === name && cluster.provider === provider)) {
        clusters.push({ name, provider, file: display(file) });
      }
    }
  }

  const environments: AffectedEnvironment[] = [];
  for (const name of names) {
    const list = reasons.get(name);
    if (!list) continue;
    const branch = request.control.environments[name]?.branch;
    const entry: AffectedEnvironment = { name, reasons: list, deploy: request.branch === undefined || branch === request.branch };
    if (branch !== undefined) entry.branch = branch;
    environments.push(entry);
  }
  return { environments, clusters };
}

import { ConfigurationError } from '../errors.js';
import type { Kubectl } from '../k8s/kubectl.js';
import { parseYamlStream } from '../yaml/located.js';
import type { KubernetesObject, Resource } from './resource.js';

export interface RenderedOverlay {
  overlay: string;
  /** kustomize's output, as it goes to kubectl (Secrets still hold placeholders). */
  yaml: string;
  resources: Resource[];
}

/**
 * kubectl prints kustomize failures as a klog line: `E1122 ... run.go:72] "command failed" err="..."` (or
 * `err=<` and an indented block). Keep only what kustomize said.
 */
export function kustomizeMessage(stderr: string): string {
  const block = /err=<\n([\s\S]*?)\n\s*>/.exec(stderr);
  if (block?.[1])
    return block[1]
      .split('\n')
      .map((line) => line.replace(/^\t/, ''))
      .join('\n')
      .trim();
  const quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted?.[1] !== undefined) {
    try {
      return (JSON.parse(`"${quoted[1]}"`) as string).trim();
    } catch {
      return quoted[1].trim();
    }
  }
  return stderr.replace(/^[EWI]\d{4} [^\]]*\] /gm, '').trim() || 'kubectl kustomize failed without a message';
}

/** Objects of a rendered stream; a document without kind or metadata.name is a located configuration error. */
export function resourcesFromYaml(yaml: string, origin: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of parseYamlStream(yaml, origin)) {
    const object = document.value as KubernetesObject;
    if (!object || typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new ConfigurationError(`${origin}: the built stream holds a document without kind or metadata.name.`, [
        { severity: 'error', code: 'MANIFEST_SHAPE', message: 'document without kind or metadata.name', location: document.locate([]) },
      ]);
    }
    resources.push({ object, source: document });
  }
  return resources;
}

/**
 * The one way an overlay is built: `kubectl kustomize`, offline. Either the stream, or kustomize's own message
 * (without kubectl's klog framing) for the caller to report — validate collects it as a finding, the rest throw.
 */
export async function buildOverlay(kubectl: Kubectl, overlay: string): Promise<{ ok: true; yaml: string } | { ok: false; message: string }> {
  const built = await kubectl.kustomize(overlay);
  return built.exitCode === 0 ? { ok: true, yaml: built.stdout } : { ok: false, message: kustomizeMessage(built.stderr) };
}

/** Builds an overlay and reads its objects; a failed build is a configuration error quoting kustomize. */
export async function renderOverlay(kubectl: Kubectl, overlay: string): Promise<RenderedOverlay> {
  const built = await buildOverlay(kubectl, overlay);
  if (!built.ok) {
    throw new ConfigurationError(`kubectl kustomize ${overlay} failed:\n${built.message}`, [
      { severity: 'error', code: 'KUSTOMIZE_BUILD', message: built.message, location: { file: overlay } },
    ]);
  }
  return { overlay, yaml: built.yaml, resources: resourcesFromYaml(built.yaml, overlay) };
}

import type { Finding } from '../errors.js';
import type { KeyPath } from '../yaml/located.js';
import type { Resource } from './resource.js';

// The grammar of github.com/distribution/reference (what the kubelet and container runtimes parse).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);
const NAME_MAX = 255;

/** Why an image reference cannot be pulled as written, or undefined when it is syntactically valid. */
export function imageReferenceProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'no image is set';
  if (image !== image.trim() || /\s/.test(image)) return `"${image}" contains whitespace`;
  const match = REFERENCE.exec(image);
  if (!match) {
    if (
      /[A-Z]/.test(
        image
          .split('@')[0]
          ?.split('/')
          .slice(image.includes('/') ? 1 : 0)
          .join('/') ?? '',
      )
    )
      return `"${image}" is not a valid image reference (the repository name must be lowercase)`;
    return `"${image}" is not a valid image reference (expected [registry/]repository[:tag][@sha256:digest])`;
  }
  if ((match[1] ?? '').length > NAME_MAX) return `"${image}" is not a valid image reference (the name is longer than ${NAME_MAX} characters)`;
  return undefined;
}

/** Where each kind keeps the pod spec whose containers the kubelet pulls (the image checks and the preflight). */
export const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function at(value: unknown, path: KeyPath): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** One located error per container whose image reference is not valid, so a deploy never waits on a pull that cannot work. */
export function imageReferenceFindings(resources: readonly Resource[]): Finding[] {
  const findings: Finding[] = [];
  for (const { object, source } of resources) {
    const specPath = POD_SPEC_PATH[object.kind];
    if (!specPath) continue;
    const spec = at(object, specPath);
    for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      const containers = at(spec, [list]);
      if (!Array.isArray(containers)) continue;
      containers.forEach((container: { name?: unknown; image?: unknown }, index) => {
        const problem = imageReferenceProblem(container?.image);
        if (!problem) return;
        const path = [...specPath, list, index, 'image'];
        findings.push({
          severity: 'error',
          code: 'IMAGE_REFERENCE',
          message: `${object.kind} ${object.metadata.name}, container ${typeof container?.name === 'string' ? container.name : index}: ${problem}`,
          key: path.join('.'),
          location: source.locate(path, 'value'),
        });
      });
    }
  }
  return findings;
}

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/run-action.js';

export const EXAMPLE_INFRA = join(REPO_ROOT, 'examples', 'infra');

/** A fresh copy of examples/infra at `<workspace>/infra`, so tests can break it and run with cwd = workspace. */
export async function copyExample(): Promise<{ workspace: string; infra: string }> {
  const workspace = await mkdtemp(join(tmpdir(), 'k8sapp-validate-'));
  const infra = join(workspace, 'infra');
  await cp(EXAMPLE_INFRA, infra, { recursive: true });
  return { workspace, infra };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`test setup: edit of ${file} changed nothing`);
  await writeFile(file, after);
}

async function addLocalResources(infra: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(infra, 'k8s/podman/local', name), text);
  const entries = Object.keys(files)
    .map((name) => `  - ${name}\n`)
    .join('');
  await edit(join(infra, 'k8s/podman/local/kustomization.yaml'), (text) =>
    text.replace(/^resources:\n  - \.\.\/\.\.\/base\n/m, `resources:\n  - ../../base\n${entries}`),
  );
}

/** Each break, applied to a copy at `infra`; returns the file (relative to the workspace) the error belongs in. */
export const breaks = {
  /** A service `mongo` in every environment (the same keys everywhere) that no manifest is named or labelled after. */
  async serviceSelectsNothing(infra: string): Promise<string> {
    await edit(join(infra, 'deploy-control.yaml'), (text) =>
      text.replace(
        /^    services:\n/gm,
        '    services:\n      mongo: { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: false }\n',
      ),
    );
    return 'infra/deploy-control.yaml';
  },

  /** A nested mapping on one line in the test overlay's redis patch (line 4 of the file). */
  async malformedYaml(infra: string): Promise<string> {
    const file = 'k8s/hetzner/test/patches/statefulsets/redis.statefulset.yaml';
    await writeFile(join(infra, file), 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis: oops\nspec: {}\n');
    return join('infra', file);
  },

  /** A patch for a StatefulSet no resource defines, so kustomize fails. */
  async patchTargetsMissingResource(infra: string): Promise<string> {
    await writeFile(
      join(infra, 'k8s/hetzner/dev/patches/ghost.statefulset.yaml'),
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ghost\nspec:\n  replicas: 2\n',
    );
    await edit(join(infra, 'k8s/hetzner/dev/kustomization.yaml'), (text) =>
      text.replace(/^patches:\n/m, 'patches:\n  - path: patches/ghost.statefulset.yaml\n'),
    );
    return 'infra/k8s/hetzner/dev/kustomization.yaml';
  },

  /** A second ConfigMap redis-config in the local overlay: kustomize itself refuses the build (line 18 names it). */
  async duplicateResource(infra: string): Promise<string> {
    await addLocalResources(infra, {
      'extra.configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: redis-config\ndata:\n  extra: "1"\n',
    });
    return 'infra/k8s/podman/local/kustomization.yaml';
  },

  /**
   * One autoscaler written twice under two API versions: distinct ids for kustomize, one object for the API server.
   * The error belongs on the second file's first line.
   */
  async duplicateAcrossVersions(infra: string): Promise<string> {
    const hpa = (apiVersion: string) =>
      `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: redis\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: redis}\n  minReplicas: 1\n  maxReplicas: 3\n`;
    await addLocalResources(infra, { 'hpa-v2.yaml': hpa('autoscaling/v2'), 'hpa-v1.yaml': hpa('autoscaling/v1') });
    return 'infra/k8s/podman/local/hpa-v1.yaml';
  },

  /** replicas: "three" in the prod postgres patch: only the OpenAPI model catches it. */
  async wrongFieldType(infra: string): Promise<string> {
    const file = 'k8s/hetzner/prod/patches/statefulsets/postgres.statefulset.yaml';
    await edit(join(infra, file), (text) => text.replace(/^(\s*)replicas: \d+/m, '$1replicas: three'));
    return join('infra', file);
  },

  async missingControlFile(infra: string): Promise<string> {
    await rm(join(infra, 'deploy-control.yaml'));
    return 'infra/deploy-control.yaml';
  },

  async noOverlays(infra: string): Promise<string> {
    await rm(join(infra, 'k8s/hetzner'), { recursive: true });
    await rm(join(infra, 'k8s/podman'), { recursive: true });
    return 'infra/k8s';
  },

  /** A control-file schema violation: enabled must be a boolean. */
  async controlSchemaViolation(infra: string): Promise<string> {
    await edit(join(infra, 'deploy-control.yaml'), (text) => text.replace(/^(  test:\n    enabled:) true$/m, '$1 sometimes'));
    return 'infra/deploy-control.yaml';
  },
};

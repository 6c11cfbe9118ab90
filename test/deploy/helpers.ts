import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LoadedDeployControl } from '../../src/config/deploy-control.js';
import type { DeploymentsApi, DeploymentState } from '../../src/github/deployments.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import type { LoadedMigration } from '../../src/migrations/loader.js';
import type { Migration } from '../../src/migrations/types.js';
import { parseYaml } from '../../src/yaml/located.js';
import { FakeKube } from '../helpers/fake-kube.js';
import { fixture, ok, type FakeKubectl } from '../helpers/fake-kubectl.js';
import { serve } from '../apply/helpers.js';
import { REPO_ROOT } from '../helpers/run-action.js';

export const NS = 'apps';

/** deploy-control with one environment and one service; every key the gate needs is there. */
export function controlFor(
  service: string,
  overrides: { auto_deploy?: boolean; rollback_on_failure?: boolean; rollback?: 'undo' | 'release'; require_manual_approval?: boolean; prune?: boolean } = {},
  file = '/repo/infra/deploy-control.yaml',
): LoadedDeployControl {
  const config = {
    global: { auto_deploy: true },
    environments: {
      dev: {
        enabled: true,
        auto_deploy: overrides.auto_deploy ?? true,
        require_manual_approval: overrides.require_manual_approval ?? false,
        branch: 'dev',
        overlay: 'k8s/dev',
        rollout_timeout: 30,
        immutable_recovery: 'recreate' as const,
        rollback: overrides.rollback ?? ('undo' as const),
        ...(overrides.prune !== undefined ? { prune: overrides.prune } : {}),
        deployment_windows: { enabled: false },
        services: {
          [service]: { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: overrides.rollback_on_failure ?? true },
        },
      },
    },
  };
  return { file, config, document: parseYaml(JSON.stringify(config), file) };
}

/** The overlay of `name`: a ConfigMap, a Secret with a placeholder and a Deployment, all labelled app=<name>. */
export function overlayObjects(name: string, namespace = NS): KubernetesObject[] {
  const labels = { app: name };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace, labels }, data: { MODE: 'production' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: `${name}-secret`, namespace, labels }, type: 'Opaque', data: { PASSWORD: 'StrongBase64Password' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `registry.example/${name}:2` }] } },
      },
    },
  ];
}

export function streamOf(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

export const listOf = (items: readonly unknown[]) => ok(JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: {}, items }));

/** A Deployment that kstatus calls Current (recorded from a real server, renamed). */
export function readyDeployment(name: string, namespace = NS): KubernetesObject {
  const web = JSON.parse(fixture('apply-outputs/ssa--k132/07-o-json').stdout) as KubernetesObject;
  web.metadata = { ...web.metadata, name, namespace, labels: { app: name } };
  (web.spec as Record<string, unknown>).selector = { matchLabels: { app: name } };
  return web;
}

/** The recorded Deployment whose rollout hit ProgressDeadlineExceeded, renamed. */
export function deadlineDeployment(name: string, namespace = NS): KubernetesObject {
  const web = JSON.parse(fixture('rollout-status-progress-deadline-exceeded/03-get-deployment-json').stdout) as KubernetesObject;
  web.metadata = { ...web.metadata, name, namespace, labels: { app: name } };
  return web;
}

const isApply = (args: string[]) => args[0] === 'apply';
export const isReleaseWrite = (args: string[]) => isApply(args) && args.includes('--field-manager=k8sapp-releases');
export const isMigrationRecordWrite = (args: string[]) => isApply(args) && args.includes('--field-manager=k8sapp-migrations');

const apis = new WeakMap<FakeKubectl, FakeKube>();

/**
 * The API client paired with a kubectl fake: the apply engine talks to the API, the other phases (rollout, releases,
 * migrations, prune) still run kubectl. `scriptNewObjects` scripts both halves of the same cluster.
 */
export function apiFor(fake: FakeKubectl): FakeKube {
  let kube = apis.get(fake);
  if (!kube) {
    kube = new FakeKube();
    apis.set(fake, kube);
  }
  return kube;
}

/** The apply engine's writes (real applies, deletes) as `apply Kind/name`, in call order. */
export function engineWrites(fake: FakeKubectl): string[] {
  return apiFor(fake)
    .calls.filter((c) => c.verb === 'delete' || (c.verb === 'apply' && !c.options?.dryRun))
    .map((c) => `${c.verb} ${c.kind}/${c.name}`);
}

/**
 * Scripts `fake` (and its paired API client, apiFor) as a cluster where `objects` do not exist yet: kustomize renders them, the live read finds nothing,
 * the dry run accepts them, the apply confirms each, and the release/migration record ConfigMaps start empty.
 * `workload` answers the rollout's reads of the Deployment (called with the number of `rollout undo` calls so far).
 */
export function scriptNewObjects(
  fake: FakeKubectl,
  objects: readonly KubernetesObject[],
  workload: (undone: number) => KubernetesObject,
  existing: readonly KubernetesObject[] = [],
): void {
  // The apply engine's live state, dry runs and applies: `existing` is what the API lists.
  serve(apiFor(fake), existing);
  const name = objects.find((o) => o.kind === 'Deployment')?.metadata.name ?? '';
  const undone = () => fake.calls.filter((c) => (c.args[0] === 'rollout' && c.args[1] === 'undo') || c.args[0] === 'patch').length;
  fake
    .on(['kustomize'], ok(streamOf(objects)))
    .on(['version'], fixture('versions/k132'))
    .on((args) => args[0] === 'get' && (args[1] ?? '').startsWith('configmap/k8sapp-'), ok(''))
    .on(
      (args) => args[0] === 'get' && args[1] === `deployment/${name}`,
      () => ok(JSON.stringify(workload(undone()))),
    )
    .on((args) => args[0] === 'get' && args[1] === 'pods,persistentvolumeclaims', listOf([]))
    .on((args) => args[0] === 'get' && args[1] === 'events', listOf([]))
    .on((args) => args[0] === 'get', listOf([]))
    .on(isReleaseWrite, ok('configmap/k8sapp-releases-dev serverside-applied\n'))
    .on(isMigrationRecordWrite, ok('configmap/k8sapp-migrations-dev serverside-applied\n'))
    .on(['rollout', 'undo'], fixture('rollout-undo-deploy/01-rollout-undo'))
    .on(['patch'], () => ok(JSON.stringify(workload(undone()))));
}

/** The overlay's objects as an earlier deploy left them live: image tag 1 instead of 2. */
export function previousVersion(name: string, namespace = NS): KubernetesObject[] {
  return overlayObjects(name, namespace).map((object) => {
    const live = structuredClone(object);
    live.metadata = { ...live.metadata, uid: `uid-${live.metadata.name}`, resourceVersion: '41' };
    const containers = (live.spec as { template?: { spec: { containers: { image: string }[] } } } | undefined)?.template?.spec.containers;
    for (const container of containers ?? []) container.image = container.image.replace(/:2$/, ':1');
    return live;
  });
}

/** A DeploymentsApi double that remembers what the pipeline recorded. */
export class FakeDeployments implements DeploymentsApi {
  readonly created: { ref: string; environment: string; description: string; production: boolean }[] = [];
  readonly statuses: { id: number; state: DeploymentState; logUrl?: string; description: string }[] = [];
  async create(request: { ref: string; environment: string; description: string; production: boolean }): Promise<number> {
    this.created.push(request);
    return 4242;
  }
  async setStatus(id: number, state: DeploymentState, details: { logUrl?: string; description: string }): Promise<void> {
    this.statuses.push({ id, state, ...details });
  }
}

export function migration(fields: Partial<Migration> & Pick<Migration, 'id' | 'phase'>): LoadedMigration {
  return {
    migration: {
      description: `test migration ${fields.id}`,
      components: [],
      isNeeded: async () => true,
      run: async () => undefined,
      ...fields,
    },
    file: `/repo/infra/migrations/${fields.id}.mjs`,
    builtin: false,
  };
}

/** A repository like the examples: examples/infra/deploy-control.yaml and a small overlay per environment. */
export async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'k8sapp-deploy-ws-'));
  // The examples configure a migrations folder; an empty one keeps these runs about the pipeline itself.
  await mkdir(join(root, 'infra/migrations'), { recursive: true });
  // The examples' control file with only the service this overlay has (a service selecting nothing is refused), and
  // without the image preflight (these runs must not reach real registries); test/preflight covers it against a real
  // registry, test/deploy/preflight.test.ts in this pipeline.
  const text = await readFile(join(REPO_ROOT, 'examples/infra/deploy-control.yaml'), 'utf8');
  if (!text.includes('image_preflight: enforce')) throw new Error('examples/infra/deploy-control.yaml no longer sets image_preflight: enforce');
  const control = parse(text.replaceAll('image_preflight: enforce', 'image_preflight: off')) as {
    environments: Record<string, { services: Record<string, unknown> }>;
  };
  for (const environment of Object.values(control.environments)) environment.services = { postgres: environment.services.postgres };
  await writeFile(join(root, 'infra/deploy-control.yaml'), stringify(control));
  const objects = overlayObjects('postgres').map((o) => {
    const { namespace: _namespace, ...metadata } = o.metadata;
    return o.kind === 'Secret' ? { ...o, metadata, data: { POSTGRES_SA_PASSWORD: 'StrongBase64Password' } } : { ...o, metadata };
  });
  for (const env of ['dev', 'test', 'prod']) {
    const dir = join(root, 'infra/k8s/hetzner', env);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'objects.yaml'), streamOf(objects));
    await writeFile(
      join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: apps\nresources:\n  - objects.yaml\n',
    );
  }
  return root;
}

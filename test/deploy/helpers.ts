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
import { call, FakeKube, listOf, SERVER_VERSION, type KubeCall } from '../helpers/fake-kube.js';
import { fixture, ok, type FakeKubectl } from '../helpers/fake-kubectl.js';
import { mutations, serve } from '../apply/helpers.js';
import { answerWaits } from '../rollout/helpers.js';
import { releaseStore } from '../rollout/release-store.js';
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

const apis = new WeakMap<FakeKubectl, FakeKube>();

/**
 * The API client paired with a kubectl fake: every cluster call goes to the client; kubectl only builds the overlay
 * (`kubectl kustomize`, offline). `scriptNewObjects` scripts both halves of the same cluster.
 */
export function apiFor(fake: FakeKubectl): FakeKube {
  let kube = apis.get(fake);
  if (!kube) {
    kube = new FakeKube();
    apis.set(fake, kube);
  }
  return kube;
}

const stores = new WeakMap<FakeKube, ReturnType<typeof releaseStore>>();

/** The release ConfigMap of dev on `kube` (test/rollout/release-store.ts: GET, create, replace with resourceVersion). */
export function releasesOf(kube: FakeKube): ReturnType<typeof releaseStore> {
  let store = stores.get(kube);
  if (!store) {
    store = releaseStore(kube, { namespace: 'default', environment: 'dev' });
    stores.set(kube, store);
  }
  return store;
}

/**
 * The release store of `fake`'s cluster holding `configMap`, as an earlier deploy wrote it. The store is filled through
 * its own create; that call is an earlier run's and is dropped from the calls tests assert on.
 */
export async function releasesHolding(fake: FakeKubectl, configMap: KubernetesObject): Promise<ReturnType<typeof releaseStore>> {
  const kube = apiFor(fake);
  const store = releasesOf(kube);
  await kube.create(configMap);
  kube.calls.pop();
  return store;
}

/** The migration record ConfigMap (k8sapp-migrations-<env>, any namespace): GET what was written, create, replace. */
function migrationRecord(kube: FakeKube): void {
  let stored: KubernetesObject | undefined;
  const isRecord = (verb: string) => (c: KubeCall) => c.verb === verb && c.kind === 'ConfigMap' && (c.name ?? '').startsWith('k8sapp-migrations-');
  const keep = (c: KubeCall) => (stored = { ...(c.body as KubernetesObject), metadata: { ...(c.body as KubernetesObject).metadata, resourceVersion: '1' } });
  kube
    .on(isRecord('get'), () => stored)
    .on(isRecord('create'), keep)
    .on(isRecord('replace'), keep);
}

/** Every call that changed the cluster, as `verb Kind/name` in call order (applies, the records, patches, deletes). */
export function clusterWrites(fake: FakeKubectl): string[] {
  return mutations(apiFor(fake)).map((c) => `${c.verb} ${c.kind}/${c.name}`);
}

/**
 * Scripts `fake` and its paired API client (apiFor) as a cluster where `objects` do not exist yet (`existing` is what
 * the API lists): kustomize renders them (the only kubectl call), the server tells its version, the apply engine's
 * lists, dry runs and applies are served (test/apply/helpers.ts), the release store starts empty (unless the test
 * filled it, releasesHolding), the migration record too. Once the Deployment was really applied, its reads answer
 * `workload` (called with the number of patches so far: a rollback restores by patch), and the waiter's pods, PVCs,
 * Warning events and watches are answered (answerWaits, none unless the test set its own rules first).
 */
export function scriptNewObjects(
  fake: FakeKubectl,
  objects: readonly KubernetesObject[],
  workload: (undone: number) => KubernetesObject,
  existing: readonly KubernetesObject[] = [],
): void {
  fake.on(['kustomize'], ok(streamOf(objects)));
  const kube = apiFor(fake);
  const deployment = objects.find((o) => o.kind === 'Deployment');
  const { name, namespace } = deployment?.metadata ?? { name: '' };
  const applied = () => kube.calls.some((c) => c.verb === 'apply' && !c.options?.dryRun && c.kind === 'Deployment' && c.name === name);
  const readsWorkload = (c: KubeCall) =>
    c.kind === 'Deployment' && c.namespace === namespace && (c.verb === 'list' || (c.verb === 'get' && c.name === name)) && applied();
  kube.on(call('version'), SERVER_VERSION);
  releasesOf(kube);
  migrationRecord(kube);
  kube.on(readsWorkload, (c: KubeCall) => {
    const live = workload(kube.of('patch').length);
    return c.verb === 'get' ? live : listOf([live]);
  });
  // A rollback's template restore (or undo): the server answers the Deployment as patched.
  kube.on(call('patch', { kind: 'Deployment', name }), () => workload(kube.of('patch').length));
  answerWaits(kube);
  serve(kube, existing);
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

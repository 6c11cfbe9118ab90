import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Obj } from './cluster.js';

export interface ServiceSettings {
  enabled?: boolean;
  auto_deploy?: boolean;
  require_approval?: boolean;
  rollback_on_failure?: boolean;
}

export interface InfraOptions {
  /** Environment name (also the GitHub environment name); unique per test. */
  environment: string;
  /** Namespace the overlay sets on every namespaced object. */
  namespace: string;
  /** The overlay's objects (besides the Namespace, which is added unless namespaceObject is false). */
  resources: Obj[];
  /** deploy-control keys of the environment, merged over the defaults below. */
  environmentSettings?: Obj;
  /** Services under the environment; default: every `app` label of the resources, all enabled. */
  services?: Record<string, ServiceSettings>;
  /** Defaults for services not listed in `services`. */
  serviceDefaults?: ServiceSettings;
  /** deploy-control `global:` keys. */
  global?: Obj;
  /** Files of the migrations folder: name → source. */
  migrations?: Record<string, string>;
  /** Add a Namespace object to the overlay (default true): k8sapp creates it in its first stage. */
  namespaceObject?: boolean;
}

/** A temporary infra tree: deploy-control.yaml and one Kustomize overlay, rewritten between deploys. */
export class Infra {
  private constructor(
    readonly root: string,
    private options: InfraOptions,
  ) {}

  static async create(options: InfraOptions): Promise<Infra> {
    const root = await mkdtemp(join(tmpdir(), `k8sapp-e2e-${options.environment}-`));
    const infra = new Infra(root, options);
    await infra.write();
    return infra;
  }

  get overlayDir(): string {
    return join(this.root, 'k8s', this.options.environment);
  }

  /** Rewrites the tree with new resources and/or settings (the next commit of the repository). */
  async update(changes: Partial<Omit<InfraOptions, 'environment' | 'namespace'>>): Promise<void> {
    this.options = { ...this.options, ...changes };
    await this.write();
  }

  /** Writes deploy-control.yaml verbatim (for configuration-error scenarios). */
  async writeControl(text: string): Promise<void> {
    await writeFile(join(this.root, 'deploy-control.yaml'), text);
  }

  controlDocument(): Obj {
    const o = this.options;
    const names = o.services ? Object.keys(o.services) : [...new Set(o.resources.map((r) => r.metadata?.labels?.app).filter(Boolean))];
    const services = Object.fromEntries(
      names.map((name) => [
        name,
        { enabled: true, auto_deploy: true, require_approval: false, rollback_on_failure: false, ...o.serviceDefaults, ...o.services?.[name] },
      ]),
    );
    return {
      version: '3.0.0',
      global: { auto_deploy: true, ...o.global },
      environments: {
        [o.environment]: {
          enabled: true,
          auto_deploy: true,
          require_manual_approval: false,
          branch: o.environment,
          overlay: `k8s/${o.environment}`,
          rollout_timeout: 180,
          immutable_recovery: 'recreate',
          rollback: 'undo',
          deployment_windows: {
            enabled: false,
            timezone: 'UTC',
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            hours: { start: '00:00', end: '00:00' },
            blackout: [],
            allow_emergency_override: false,
          },
          services,
          ...o.environmentSettings,
        },
      },
    };
  }

  private async write(): Promise<void> {
    const o = this.options;
    await mkdir(this.overlayDir, { recursive: true });
    await writeFile(join(this.root, 'deploy-control.yaml'), stringify(this.controlDocument(), { lineWidth: 0 }));
    const objects = [
      ...(o.namespaceObject === false ? [] : [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.namespace, labels: { 'k8sapp.io/e2e': 'true' } } }]),
      ...o.resources,
    ];
    await writeFile(join(this.overlayDir, 'resources.yaml'), objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n'));
    await writeFile(
      join(this.overlayDir, 'kustomization.yaml'),
      stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: o.namespace, resources: ['resources.yaml'] }),
    );
    const migrationsDir = join(this.root, 'migrations');
    await rm(migrationsDir, { recursive: true, force: true });
    if (o.migrations) {
      await mkdir(migrationsDir, { recursive: true });
      for (const [name, source] of Object.entries(o.migrations)) await writeFile(join(migrationsDir, name), source);
    }
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

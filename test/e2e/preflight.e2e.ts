import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getObject } from './helpers/cluster.js';
import { describeRun } from './helpers/k8sapp.js';
import { deployment } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';
import { pushImage, registryAvailability, startRegistry, type RunningRegistry } from '../preflight/registry-server.js';

/**
 * The image preflight against the lab: a deploy whose image tag does not exist in a local registry (distribution 2.8
 * on 127.0.0.1) is refused before the first mutating call — no Namespace, no Deployment, no release record — and the
 * output names the manifest line to fix. The lab never has to pull from that registry: nothing reaches it.
 */
const availability = registryAvailability();

describe.runIf(availability.run).concurrent('image preflight', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    await pushImage(registry, 'shop/web', '1.0');
  }, 60_000);
  afterAll(async () => registry?.stop());

  it(
    'a missing tag: refused before apply, the cluster unchanged, the manifest line named',
    async (t) => {
      const image = `${registry.host}/shop/web:1.01`;
      const s = await scenario(t, 'preflight missing tag', {
        resources: [deployment('web', { image })],
        environmentSettings: { image_preflight: 'enforce', pin_digests: false },
      });
      const run = await s.deploy();
      expectExit(run, 1);
      expect(run.json?.status, describeRun(run)).toBe('failed');
      expect(run.json?.phases.map((p: { name: string }) => p.name)).toEqual(['gate', 'build', 'connect', 'preflight']);
      expect(run.json?.resources).toEqual([]);

      const manifest = join(s.infra.overlayDir, 'resources.yaml');
      const line =
        readFileSync(manifest, 'utf8')
          .split('\n')
          .findIndex((l) => l.includes(image)) + 1;
      expect(line).toBeGreaterThan(0);
      expect(run.json?.message).toContain(`image ${image} of Deployment/web (namespace ${s.namespace}) container`);
      expect(run.json?.message).toContain(`tag 1.01 of shop/web does not exist in ${registry.host}; set at ${manifest}:${line}`);

      // Nothing was created or changed: not the Namespace (stage 1 of the apply), not the workload, no release.
      expect(await getObject('namespace', s.namespace)).toBeUndefined();
      expect(await getObject('configmap', `k8sapp-releases-${s.id}`, 'default')).toBeUndefined();
    },
    SCENARIO_TIMEOUT_MS,
  );
});

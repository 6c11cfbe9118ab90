import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecordedContext } from '../../src/migrations/testing.js';
import type { KubeObject, Migration } from '../../src/migrations/types.js';

// Also the pattern docs/migrations.md shows users: recorded objects in, isNeeded/run out, calls asserted.
const EXAMPLE = resolve(import.meta.dirname, '../../examples/infra/migrations/001-postgres-major-upgrade-guard.mjs');
let guard: Migration;
beforeAll(async () => {
  const file: string = EXAMPLE;
  guard = ((await import(file)) as { default: Migration }).default;
});

function statefulSet(image: string, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'postgres', namespace: 'default', labels: { app: 'postgres' }, ...(annotations ? { annotations } : {}), generation: 3, uid: '6f1c' },
    spec: {
      replicas: 1,
      serviceName: 'postgres-headless',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } },
      template: { spec: { containers: [{ name: 'postgres', image, imagePullPolicy: 'IfNotPresent' }] } },
    },
    status: { availableReplicas: 1, currentReplicas: 1, readyReplicas: 1, replicas: 1, observedGeneration: 3 },
  };
}

function backupJob(name: string, hoursAgo: number, complete = true): KubeObject {
  const at = new Date(Date.now() - hoursAgo * 3600_000).toISOString();
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', labels: { 'k8sapp.io/backup-of': 'postgres', 'batch.kubernetes.io/job-name': name } },
    spec: { backoffLimit: 2, completions: 1, parallelism: 1 },
    status: complete
      ? {
          completionTime: at,
          conditions: [{ lastProbeTime: at, lastTransitionTime: at, status: 'True', type: 'Complete' }],
          ready: 0,
          startTime: at,
          succeeded: 1,
          terminating: 0,
          uncountedTerminatedPods: {},
        }
      : {
          conditions: [
            {
              lastProbeTime: at,
              lastTransitionTime: at,
              message: 'Job has reached the specified backoff limit',
              reason: 'BackoffLimitExceeded',
              status: 'True',
              type: 'Failed',
            },
          ],
          failed: 3,
          startTime: at,
        },
  };
}

const desired18 = [statefulSet('postgis/postgis:18-3.6')];

describe('example: 001-postgres-major-upgrade-guard', () => {
  it('a fresh install has nothing to guard, after one read', async () => {
    const ctx = createRecordedContext([], { manifests: desired18, components: ['postgres'] });
    expect(await guard.isNeeded(ctx)).toBe(false);
    expect(ctx.cluster.calls).toEqual([{ verb: 'get', apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'postgres', namespace: 'default' }]);
  });

  it('the same major version is not needed (a minor/PostGIS bump is not a major upgrade)', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:18-3.5')], { manifests: desired18 });
    expect(await guard.isNeeded(ctx)).toBe(false);
    expect(ctx.cluster.calls).toHaveLength(1);
  });

  it('17 → 18 without a backup: needed, and run refuses, changing nothing', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5'), backupJob('pg-backup-old', 72), backupJob('pg-backup-failed', 1, false)], {
      manifests: desired18,
    });
    expect(await guard.isNeeded(ctx)).toBe(true);
    await expect(guard.run(ctx)).rejects.toThrow(
      /PostgreSQL major upgrade 17 → 18 \(postgis\/postgis:17-3\.5 → postgis\/postgis:18-3\.6\) needs a backup first: no Job labelled k8sapp\.io\/backup-of=postgres completed in the last 24 hours \(found pg-backup-old, pg-backup-failed, none complete and recent\)/,
    );
    expect(ctx.cluster.calls.at(-1)).toEqual({
      verb: 'list',
      apiVersion: 'batch/v1',
      kind: 'Job',
      namespace: 'default',
      options: { labelSelector: 'k8sapp.io/backup-of=postgres' },
    });
    expect(ctx.cluster.mutations()).toEqual([]);
  });

  it('17 → 18 with a recent completed backup: proceeds and says which backup', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5'), backupJob('pg-backup-before-18', 2)], { manifests: desired18 });
    await guard.run(ctx);
    expect(ctx.cluster.logs).toEqual([
      expect.stringMatching(/^PostgreSQL 17 → 18: backup Job pg-backup-before-18 completed at .*; the upgrade may proceed\.$/),
    ]);
  });

  it('the data version annotation set by an earlier upgrade step wins over the image', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5', { 'k8sapp.io/pg-data-version': '18' })], { manifests: desired18 });
    expect(await guard.isNeeded(ctx)).toBe(false);
  });

  it('refuses a downgrade outright', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:18-3.6'), backupJob('pg-backup', 1)], {
      manifests: [statefulSet('postgis/postgis:17-3.5')],
    });
    expect(await guard.isNeeded(ctx)).toBe(true);
    await expect(guard.run(ctx)).rejects.toThrow(/PostgreSQL cannot downgrade a data directory/);
  });
});

describe('createRecordedContext', () => {
  it('answers get/list/patch/delete like the API server and keeps the patched state', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5'), backupJob('b', 1)]);
    expect(await ctx.kube.get('sts', 'missing')).toBeUndefined();
    expect((await ctx.kube.list('jobs', { selector: 'k8sapp.io/backup-of=postgres' })).map((j) => j.metadata.name)).toEqual(['b']);
    expect(await ctx.kube.list('jobs', { selector: 'k8sapp.io/backup-of=redis' })).toEqual([]);
    const patched = await ctx.kube.patch('statefulset', 'postgres', { metadata: { annotations: { 'k8sapp.io/pg-data-version': '18' } } });
    expect(patched.metadata.annotations).toEqual({ 'k8sapp.io/pg-data-version': '18' });
    expect(ctx.cluster.find('StatefulSet', 'postgres')!.metadata.annotations).toEqual({ 'k8sapp.io/pg-data-version': '18' });
    await ctx.kube.delete('job', 'b');
    expect(ctx.cluster.find('Job', 'b')).toBeUndefined();
    expect(ctx.cluster.mutations().map((c) => [c.verb, c.kind, c.name])).toEqual([
      ['patch', 'StatefulSet', 'postgres'],
      ['delete', 'Job', 'b'],
    ]);
  });

  it('refuses to delete a PersistentVolumeClaim and orphans workload pods by default', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5')]);
    await expect(ctx.kube.delete('pvc', 'data-postgres-0')).rejects.toThrow(/never deletes PersistentVolumeClaims/);
    await ctx.kube.delete('statefulset', 'postgres');
    expect(ctx.cluster.calls.at(-1)).toEqual({
      verb: 'delete',
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'postgres',
      namespace: 'default',
      options: { propagationPolicy: 'Orphan' },
    });
    expect(ctx.cluster.find('StatefulSet', 'postgres')).toBeUndefined();
    await ctx.kube.delete('configmap', 'settings', { cascade: 'foreground' });
    expect(ctx.cluster.calls.at(-1)!.options).toEqual({ propagationPolicy: 'Foreground' });
  });

  it('in dry-run, mutating calls are server dry runs and change nothing', async () => {
    const ctx = createRecordedContext([statefulSet('postgis/postgis:17-3.5')], { dryRun: true });
    await ctx.kube.patch('statefulset', 'postgres', { spec: { replicas: 0 } });
    expect(ctx.cluster.calls.at(-1)!.options).toEqual({ type: 'merge', dryRun: true });
    expect(ctx.cluster.mutations()).toEqual([]);
    expect((ctx.cluster.find('StatefulSet', 'postgres')!.spec as { replicas: number }).replicas).toBe(1);
  });

  it('a custom resource is named by its Kind and apiVersion; a kind it cannot resolve is a clear error', async () => {
    const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'default' }, spec: {} };
    const ctx = createRecordedContext([certificate]);
    expect((await ctx.kube.get('Certificate', 'web', { apiVersion: 'cert-manager.io/v1' }))?.metadata.name).toBe('web');
    await expect(ctx.kube.get('certificates', 'web')).rejects.toThrow(
      /"certificates" is not a built-in kind k8sapp knows; for a custom resource pass its Kind and apiVersion/,
    );
  });

  it('a write gets a new resourceVersion and is visible to the next read, as on a real server', async () => {
    const ctx = createRecordedContext([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', resourceVersion: '5' }, data: {} }]);
    const live = (await ctx.kube.patch('configmap', 'a', { data: { v: '2' } })) as { metadata: { resourceVersion?: string } };
    expect(live.metadata.resourceVersion).not.toBe('5');
    // A migration's own write is visible to the next read.
    expect((await ctx.kube.get('cm', 'a'))?.data).toEqual({ v: '2' });
  });

  it("a call the server refuses names the call and the server's reason", async () => {
    const ctx = createRecordedContext([]);
    const refused = await ctx.kube.patch('statefulset', 'missing', { spec: {} }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'KubeCallError', reason: 'NotFound', code: 404 });
    expect((refused as Error).message).toBe('patch StatefulSet/default/missing failed: NotFound (404): statefulsets "missing" not found');
  });
});

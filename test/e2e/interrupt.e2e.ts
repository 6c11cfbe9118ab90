import { describe, expect, it } from 'vitest';
import { getObject, imagesOf, list, ownedBy, waitRolledOut, type Obj } from './helpers/cluster.js';
import { describeRun, type CliRun } from './helpers/k8sapp.js';
import { deployment, IMAGE, IMAGE_NEXT, statefulSet } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';

const uids = (objects: readonly Obj[]) => Object.fromEntries(objects.map((o) => [o.metadata.name, o.metadata.uid as string]));

/** Sends SIGTERM (what a runner or `kill` sends) and waits for the process to end, bounded. */
async function terminate(running: { child: { kill(signal: NodeJS.Signals): boolean }; done: Promise<CliRun> }): Promise<CliRun> {
  running.child.kill('SIGTERM');
  const bound = new Promise<never>((_, fail) => setTimeout(() => fail(new Error('k8sapp did not end within 60 s of SIGTERM')), 60_000));
  return Promise.race([running.done, bound]);
}

async function releaseRevisions(s: { k8sapp: (command: string) => Promise<CliRun> }): Promise<number[]> {
  const run = await s.k8sapp('releases');
  expectExit(run, 0);
  return (run.json?.releases ?? []).map((r: Obj) => r.revision as number);
}

describe.concurrent('a deploy killed with SIGTERM', () => {
  it(
    'mid-rollout: ends without recording a release; the next deploy completes it and records one',
    async (t) => {
      const s = await scenario(t, 'sigterm rollout', { resources: [deployment('app', { replicas: 2 })] });
      expectExit(await s.deploy(), 0);
      expect(await releaseRevisions(s)).toEqual([1]);

      // minReadySeconds keeps the rollout in progress long enough to be interrupted in the rollout phase.
      const slow = deployment('app', { replicas: 2, image: IMAGE_NEXT, minReadySeconds: 20 });
      await s.infra.update({ resources: [slow] });
      const running = s.startDeploy();
      await running.waitForStderr(/== rollout: /);
      await running.waitForStderr(/app \d\/2 ready/);
      const killed = await terminate(running);
      expect(killed.exitCode === 0, describeRun(killed)).toBe(false);
      expect(killed.signal ?? killed.exitCode).toBeTruthy();
      // Not a release: the rollout never finished.
      expect(await releaseRevisions(s)).toEqual([1]);
      // The apply reached the cluster; the controller carries on with it.
      expect(imagesOf((await getObject('deployment', 'app', s.namespace)) as Obj)).toEqual([IMAGE_NEXT]);

      const next = await s.deploy();
      expectExit(next, 0);
      expect(next.json?.status, describeRun(next)).toBe('succeeded');
      const live = await waitRolledOut('Deployment', 'app', s.namespace);
      expect(imagesOf(live)).toEqual([IMAGE_NEXT]);
      expect(await releaseRevisions(s)).toEqual([2, 1]);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'during a StatefulSet re-creation: the next deploy restores the StatefulSet; pods and PVCs survive',
    async (t) => {
      const s = await scenario(t, 'sigterm recreate', { resources: [statefulSet('app', { replicas: 2, storage: '1Gi' })] });
      expectExit(await s.deploy(), 0);
      await waitRolledOut('StatefulSet', 'app', s.namespace);
      const pods = uids(await list('pods', s.namespace, 'app=app'));
      const pvcs = uids(await list('pvc', s.namespace));

      await s.infra.update({ resources: [statefulSet('app', { replicas: 2, storage: '2Gi', image: IMAGE })] });
      const running = s.startDeploy();
      // Killed as soon as the recovery starts: the orphan delete may or may not have happened, the re-apply not yet.
      await running.waitForStderr(/Re-creating StatefulSet/);
      const killed = await terminate(running);
      expect(killed.exitCode === 0, describeRun(killed)).toBe(false);

      const next = await s.deploy();
      expectExit(next, 0);
      expect(next.json?.status, describeRun(next)).toBe('succeeded');
      const live = await waitRolledOut('StatefulSet', 'app', s.namespace);
      expect(live.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
      const after = await list('pods', s.namespace, 'app=app');
      expect(uids(after)).toEqual(pods);
      expect(ownedBy(after, live.metadata.uid).length).toBe(2);
      expect(uids(await list('pvc', s.namespace))).toEqual(pvcs);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

import type { KubernetesObject } from '../../src/manifests/resource.js';
import { clone, fixtureObjects } from './helpers.js';

/**
 * Workload objects for the fixture scenarios whose workload JSON was not captured (only pods/events were): built
 * from a recorded Deployment and shaped like the captured `rollout status` lines of the same case.
 */
export function brokenImageDeployment(): KubernetesObject {
  const web = clone(fixtureObjects('rollout-status-progress-deadline-exceeded/03-get-deployment-json')[0] as KubernetesObject);
  web.metadata.namespace = 'ro-broken-deploy';
  web.metadata.generation = 2;
  delete (web.spec as Record<string, unknown>).progressDeadlineSeconds;
  web.status = {
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 1,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-6f959df8ff" is progressing.' },
    ],
  };
  return web;
}

export function readyDeployment(name: string, namespace: string): KubernetesObject {
  const web = clone(fixtureObjects('apply-outputs/ssa--k132/07-o-json')[0] as KubernetesObject);
  web.metadata = { ...web.metadata, name, namespace, labels: { app: name } };
  (web.spec as Record<string, unknown>).selector = { matchLabels: { app: name } };
  return web;
}

export function progressingDeployment(name: string, namespace: string, ready = 0): KubernetesObject {
  const web = readyDeployment(name, namespace);
  web.status = {
    observedGeneration: web.metadata.generation,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: ready,
    availableReplicas: ready,
    conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}-abc123" is progressing.` }],
  };
  return web;
}

/** The StatefulSet of rollout-status-broken-image-sts: db-0 on the good revision, db-1 stuck on the broken one. */
export function stuckStatefulSet(): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'ro-broken-sts', generation: 2, labels: { app: 'db' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'db' } },
      serviceName: 'db',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [{ metadata: { name: 'data' } }],
    },
    status: {
      observedGeneration: 2,
      replicas: 2,
      readyReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      currentRevision: 'db-57bb9949',
      updateRevision: 'db-c9f9bfb65',
    },
  };
}

/** The same StatefulSet once `rollout undo` reverted the template (generation 3) and it came back. */
export function revertedStatefulSet(ready: boolean): KubernetesObject {
  const sts = stuckStatefulSet();
  sts.metadata.generation = 3;
  sts.status = {
    observedGeneration: 3,
    replicas: 2,
    readyReplicas: ready ? 2 : 1,
    currentReplicas: ready ? 2 : 1,
    updatedReplicas: ready ? 2 : 1,
    currentRevision: 'db-57bb9949',
    updateRevision: 'db-57bb9949',
  };
  return sts;
}

export function brokenImageDaemonSet(): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'ro-broken-ds', generation: 2, labels: { app: 'node-agent' } },
    spec: { selector: { matchLabels: { app: 'node-agent' } } },
    status: {
      observedGeneration: 2,
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 0,
      numberReady: 0,
      numberUnavailable: 1,
    },
  };
}

export function crashingDeployment(): KubernetesObject {
  const web = progressingDeployment('crashy', 'ro-crash-1');
  web.status = {
    observedGeneration: web.metadata.generation,
    replicas: 1,
    updatedReplicas: 1,
    unavailableReplicas: 1,
    conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "crashy-7445ffbc6d" is progressing.' }],
  };
  (web.spec as Record<string, unknown>).replicas = 1;
  return web;
}

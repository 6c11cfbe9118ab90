import type { Obj } from './cluster.js';

/** A container that runs until it is stopped (kind: a real busybox; the lab: a simulated one). */
export const SLEEP = ['sh', '-c', 'sleep 3600'];
/** The suite's crash convention: busybox exiting 1 (the lab's kubelet crash-loops `command … exit 1` too). */
export const CRASH = ['sh', '-c', 'exit 1'];
export const IMAGE = 'busybox:1.36';
export const IMAGE_NEXT = 'busybox:1.37';
/** A real repository with a tag that does not exist: ErrImagePull/ImagePullBackOff on every cluster. */
export const BROKEN_IMAGE = 'busybox:1.36-broken';

export interface PodOptions {
  image?: string;
  command?: string[];
  env?: Obj[];
  /** Labels of the pod template (default: the selector's). */
  podLabels?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  annotations?: Record<string, string>;
}

export interface WorkloadOptions extends PodOptions {
  replicas?: number;
  /** matchLabels (default `{ app: name }`); the pod template gets these labels too unless podLabels is set. */
  selector?: Record<string, string>;
  minReadySeconds?: number;
}

function podTemplate(labels: Record<string, string>, o: PodOptions): Obj {
  return {
    metadata: { labels: o.podLabels ?? labels, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      terminationGracePeriodSeconds: 1,
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
      containers: [
        {
          name: 'main',
          image: o.image ?? IMAGE,
          command: o.command ?? SLEEP,
          ...(o.env ? { env: o.env } : {}),
        },
      ],
    },
  };
}

export function deployment(name: string, o: WorkloadOptions = {}): Obj {
  const selector = o.selector ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: o.replicas ?? 1,
      ...(o.minReadySeconds ? { minReadySeconds: o.minReadySeconds } : {}),
      selector: { matchLabels: selector },
      template: podTemplate(selector, o),
    },
  };
}

export interface StatefulSetOptions extends WorkloadOptions {
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** volumeClaimTemplates[data].storage; absent: no volumes. */
  storage?: string;
  storageClassName?: string;
}

export function statefulSet(name: string, o: StatefulSetOptions = {}): Obj {
  const selector = o.selector ?? { app: name };
  const template = podTemplate(selector, o);
  if (o.storage) template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, labels: { app: name } },
    spec: {
      serviceName: name,
      replicas: o.replicas ?? 1,
      ...(o.podManagementPolicy ? { podManagementPolicy: o.podManagementPolicy } : {}),
      selector: { matchLabels: selector },
      template,
      ...(o.storage
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  ...(o.storageClassName ? { storageClassName: o.storageClassName } : {}),
                  resources: { requests: { storage: o.storage } },
                },
              },
            ],
          }
        : {}),
    },
  };
}

/** A DaemonSet pod runs on every node, also the tainted control-plane node of kind. */
function withTolerations(template: Obj): Obj {
  template.spec.tolerations = [{ operator: 'Exists' }];
  return template;
}

export function daemonSet(name: string, o: WorkloadOptions = {}): Obj {
  const selector = o.selector ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, labels: { app: name } },
    spec: {
      selector: { matchLabels: selector },
      template: withTolerations(podTemplate(selector, o)),
    },
  };
}

export function job(name: string, o: PodOptions & { backoffLimit?: number } = {}): Obj {
  const template = podTemplate({ app: name }, { command: ['sh', '-c', 'echo done'], ...o });
  template.spec.restartPolicy = 'Never';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { app: name } },
    spec: { backoffLimit: o.backoffLimit ?? 2, template },
  };
}

export function service(name: string, o: { clusterIP?: string; type?: string; selector?: Record<string, string>; externalName?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { app: name } },
    spec: {
      ...(o.type ? { type: o.type } : {}),
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ...(o.externalName ? { externalName: o.externalName } : { selector: o.selector ?? { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
    },
  };
}

export function configMap(name: string, data: Record<string, string>, labels: Record<string, string> = { app: name }): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function secret(name: string, o: { data?: Record<string, string>; stringData?: Record<string, string>; labels?: Record<string, string> }): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, labels: o.labels ?? { app: name } },
    type: 'Opaque',
    ...(o.data ? { data: o.data } : {}),
    ...(o.stringData ? { stringData: o.stringData } : {}),
  };
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

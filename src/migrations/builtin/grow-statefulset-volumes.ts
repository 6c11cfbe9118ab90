import type { KubeObject, Migration, MigrationContext } from '../types.js';
import { parseQuantity } from '../quantity.js';

interface ClaimTemplate {
  metadata?: { name?: string };
  spec?: { resources?: { requests?: { storage?: string } } };
}

interface StatefulSetObject extends KubeObject {
  spec?: { volumeClaimTemplates?: ClaimTemplate[] };
}

interface PvcObject extends KubeObject {
  spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
  status?: {
    phase?: string;
    capacity?: { storage?: string };
    conditions?: { type?: string; status?: string; message?: string }[];
  };
}

interface StorageClassObject extends KubeObject {
  allowVolumeExpansion?: boolean;
  provisioner?: string;
}

interface Growth {
  pvc: string;
  namespace: string | undefined;
  statefulSet: string;
  ordinal: string;
  from: string;
  to: string;
  toBytes: number;
  storageClass: string | undefined;
}

interface Analysis {
  grow: Growth[];
  refusals: string[];
}

const ID = 'grow-statefulset-volumes';

function where(namespace: string | undefined): string {
  return namespace ? ` in namespace ${namespace}` : '';
}

function belongs(object: KubeObject, components: readonly string[]): boolean {
  if (components.length === 0) return true;
  const labels = object.metadata.labels ?? {};
  return components.some((c) => labels['app.kubernetes.io/name'] === c || labels.app === c || object.metadata.name === c);
}

/**
 * Compares each desired StatefulSet's volumeClaimTemplates with its live PVCs: one PVC list per namespace, plus
 * one StorageClass read per class only when a PVC is smaller than desired.
 */
async function analyse(context: MigrationContext): Promise<Analysis> {
  const desired = context.manifests.filter((o): o is StatefulSetObject => o.kind === 'StatefulSet' && belongs(o, context.components));
  const wanted = desired.flatMap((sts) =>
    (sts.spec?.volumeClaimTemplates ?? [])
      .filter((t) => t.metadata?.name && parseQuantity(t.spec?.resources?.requests?.storage) !== undefined)
      .map((t) => ({
        statefulSet: sts.metadata.name,
        namespace: sts.metadata.namespace,
        template: t.metadata!.name!,
        size: t.spec!.resources!.requests!.storage!,
      })),
  );
  const analysis: Analysis = { grow: [], refusals: [] };
  if (wanted.length === 0) return analysis;

  const namespaces = [...new Set(wanted.map((w) => w.namespace))];
  const claims = new Map<string | undefined, PvcObject[]>();
  for (const namespace of namespaces) {
    claims.set(namespace, await context.kube.list<PvcObject>('persistentvolumeclaims', namespace ? { namespace } : {}));
  }
  for (const want of wanted) {
    const pattern = new RegExp(`^${escapeRegExp(want.template)}-${escapeRegExp(want.statefulSet)}-(\\d+)$`);
    const desiredBytes = parseQuantity(want.size)!;
    for (const pvc of claims.get(want.namespace) ?? []) {
      const match = pattern.exec(pvc.metadata.name);
      if (!match) continue;
      const live = pvc.spec?.resources?.requests?.storage;
      const liveBytes = parseQuantity(live);
      if (liveBytes === undefined || liveBytes === desiredBytes) continue;
      const name = `PersistentVolumeClaim ${pvc.metadata.name}${where(want.namespace)}`;
      if (liveBytes > desiredBytes) {
        analysis.refusals.push(
          `${name} requests ${live} but StatefulSet ${want.statefulSet} now asks for ${want.size} in volumeClaimTemplates "${want.template}": ` +
            `Kubernetes cannot shrink a volume. Set the template back to ${live} (or more); to really shrink, move the data to a new claim by hand.`,
        );
        continue;
      }
      if (pvc.status?.phase !== 'Bound') {
        analysis.refusals.push(
          `${name} is ${pvc.status?.phase ?? 'not bound'}: Kubernetes only resizes bound claims ` +
            `("spec is immutable after creation except resources.requests for bound claims"). Let it bind first (start its pod), then deploy again.`,
        );
        continue;
      }
      analysis.grow.push({
        pvc: pvc.metadata.name,
        namespace: want.namespace,
        statefulSet: want.statefulSet,
        ordinal: match[1]!,
        from: live!,
        to: want.size,
        toBytes: desiredBytes,
        storageClass: pvc.spec?.storageClassName || undefined,
      });
    }
  }
  if (analysis.grow.length === 0) return analysis;

  const classes = new Map<string, StorageClassObject | undefined>();
  for (const name of new Set(analysis.grow.map((g) => g.storageClass).filter((c): c is string => Boolean(c)))) {
    classes.set(name, await context.kube.get<StorageClassObject>('storageclass', name));
  }
  const expandable: Growth[] = [];
  for (const growth of analysis.grow) {
    const name = `PersistentVolumeClaim ${growth.pvc}${where(growth.namespace)}`;
    if (!growth.storageClass) {
      analysis.refusals.push(`${name} has no storageClassName, so it cannot be expanded (${growth.from} → ${growth.to}).`);
      continue;
    }
    const storageClass = classes.get(growth.storageClass);
    if (!storageClass) {
      analysis.refusals.push(`${name} uses StorageClass ${growth.storageClass}, which does not exist; cannot grow ${growth.from} → ${growth.to}.`);
    } else if (storageClass.allowVolumeExpansion !== true) {
      analysis.refusals.push(
        `${name} cannot grow ${growth.from} → ${growth.to}: StorageClass ${growth.storageClass} (provisioner ${storageClass.provisioner ?? 'unknown'}) ` +
          'does not set allowVolumeExpansion: true. Use a class that allows expansion (if the driver supports it, set the field on the class), or keep the old size.',
      );
    } else expandable.push(growth);
  }
  analysis.grow = expandable;
  return analysis;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function refuse(analysis: Analysis): void {
  if (analysis.refusals.length === 0) return;
  throw new Error(`${ID}: refusing to resize volumes:\n- ${analysis.refusals.join('\n- ')}`);
}

/** What a PVC's status says about its resize, in words a person can act on. */
export function describeResize(pvc: PvcObject, growth: Growth): { line: string; warning: boolean } {
  const name = `${growth.pvc}${where(growth.namespace)}`;
  const conditions = pvc.status?.conditions ?? [];
  const capacity = pvc.status?.capacity?.storage;
  const condition = (type: string) => conditions.find((c) => c.type === type && c.status !== 'False');
  const failed = condition('ControllerResizeError') ?? condition('NodeResizeError');
  if (failed) return { line: `${name}: resize failed (${failed.type}): ${failed.message ?? 'no message'}`, warning: true };
  if (condition('FileSystemResizePending')) {
    return {
      line:
        `${name}: the volume is expanded to ${growth.to}; FileSystemResizePending: the file system grows when the kubelet next mounts it. ` +
        `Drivers with online expansion do that while pod ${growth.statefulSet}-${growth.ordinal} runs; otherwise restart that pod ` +
        `(recreating the StatefulSet with the Orphan propagation policy does not restart it).`,
      warning: false,
    };
  }
  if (condition('Resizing')) return { line: `${name}: the storage backend is expanding the volume (${growth.from} → ${growth.to}).`, warning: false };
  if ((parseQuantity(capacity) ?? 0) >= growth.toBytes) return { line: `${name}: resized, capacity ${capacity}.`, warning: false };
  return {
    line: `${name}: resize to ${growth.to} requested (capacity still ${capacity ?? 'unknown'}); the external resizer has not reported yet — see \`kubectl describe pvc ${growth.pvc}\`.`,
    warning: false,
  };
}

export const growStatefulSetVolumes: Migration = {
  id: ID,
  description:
    'Grows the PersistentVolumeClaims of a StatefulSet whose volumeClaimTemplates ask for more storage than they have ' +
    '(Kubernetes does not do it when the StatefulSet is recreated).',
  phase: 'pre',
  components: [],
  async isNeeded(context) {
    const analysis = await analyse(context);
    refuse(analysis);
    return analysis.grow.length > 0;
  },
  async run(context) {
    const analysis = await analyse(context);
    refuse(analysis);
    for (const growth of analysis.grow) {
      await context.kube.patch(
        'persistentvolumeclaim',
        growth.pvc,
        { spec: { resources: { requests: { storage: growth.to } } } },
        growth.namespace ? { namespace: growth.namespace } : {},
      );
      context.log.info(`${growth.pvc}${where(growth.namespace)}: requested ${growth.from} → ${growth.to}${context.dryRun ? ' (server dry run)' : ''}`);
    }
    if (context.dryRun) return;
    for (const namespace of new Set(analysis.grow.map((g) => g.namespace))) {
      const claims = await context.kube.list<PvcObject>('persistentvolumeclaims', namespace ? { namespace } : {});
      for (const growth of analysis.grow.filter((g) => g.namespace === namespace)) {
        const pvc = claims.find((c) => c.metadata.name === growth.pvc);
        if (!pvc) continue;
        const status = describeResize(pvc, growth);
        if (status.warning) context.log.warning(status.line);
        else context.log.info(status.line);
      }
    }
  },
};

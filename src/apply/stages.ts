import { API_CONCURRENCY, mapLimit } from '../k8s/concurrency.js';
import { idOf, type KubernetesObject } from '../manifests/resource.js';
import { ApplyAbort, type ApplyContext } from './context.js';
import { describe, valueAt } from './objects.js';
import { judge, planStage, type Planned } from './plan.js';
import { newRecreation, ORPHANING_KINDS, poll, predictedPreservation, recreate, selectorKeepsPods } from './recreate.js';
import { csaUpgradePatch } from './csa-upgrade.js';
import { FIELD_MANAGER, groupOfApiVersion, refOf } from '../k8s/client.js';

/**
 * The stages of an apply: Namespaces and CustomResourceDefinitions first (the rest needs them), then everything
 * else. Each stage is planned in full (live state, one dry run per object); a stage the dry run refuses changes
 * nothing; otherwise each changed object is applied (16 in flight) and immutable-field refusals are re-created.
 */

export const STAGE_ONE_KINDS = new Set(['Namespace', 'CustomResourceDefinition']);

export function stagesOf(objects: readonly KubernetesObject[]): [string, KubernetesObject[]][] {
  return [
    ['Namespaces and CustomResourceDefinitions', objects.filter((object) => STAGE_ONE_KINDS.has(object.kind))],
    ['Resources', objects.filter((object) => !STAGE_ONE_KINDS.has(object.kind))],
  ];
}

export class StageRunner {
  /** Plan mode: namespaces and custom kinds that stage one would create, so stage two cannot dry-run into them. */
  private readonly pendingNamespaces = new Set<string>();
  private readonly pendingKinds = new Set<string>();

  constructor(private readonly context: ApplyContext) {}

  /** Returns false when the stage was refused and later stages must not run. */
  async run(objects: KubernetesObject[], first: boolean): Promise<boolean> {
    const { context } = this;
    const deferred = context.request.dryRun ? objects.filter((object) => this.isDeferred(object)) : [];
    for (const object of deferred) {
      const why =
        object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace)
          ? `namespace ${object.metadata.namespace} is created first`
          : `its CustomResourceDefinition is created first`;
      context.record(object, 'created', `predicted: ${why} (not dry-run)`);
    }
    const checked = objects.filter((object) => !deferred.includes(object));
    if (checked.length === 0) return true;

    const planned = await planStage(context, checked);
    if (context.request.dryRun) {
      this.reportPlan(planned);
      if (first) this.rememberPending(planned);
      return true;
    }

    const refused = planned.filter((entry) => entry.prediction === 'blocked' || entry.prediction === 'rejected');
    if (refused.length > 0) {
      for (const entry of refused) {
        context.record(entry.object, 'failed', entry.reason);
        context.fail(`${describe(idOf(entry.object))}: ${entry.reason}`);
      }
      const note = `not applied: the server's dry run refused ${refused.length} object(s) of this stage, so nothing in it was changed`;
      for (const entry of planned) if (!refused.includes(entry)) context.record(entry.object, 'skipped', note);
      return false;
    }

    for (const entry of planned) if (entry.prediction === 'unchanged') context.record(entry.object, 'unchanged');
    const toApply = planned.filter((entry) => entry.prediction !== 'unchanged');
    if (toApply.length === 0) {
      context.logger.info('Nothing to change in this stage.');
      return true;
    }
    await this.applyAndRecover(toApply);
    if (first) await this.waitForCrds(toApply.map((entry) => entry.object));
    return !toApply.some((entry) => context.resultOf(entry.object)?.action === 'failed');
  }

  private isDeferred(object: KubernetesObject): boolean {
    if (object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace)) return true;
    return this.pendingKinds.has(`${object.kind}.${groupOfApiVersion(object.apiVersion)}`);
  }

  private rememberPending(planned: Planned[]): void {
    for (const entry of planned) {
      if (entry.prediction !== 'create') continue;
      if (entry.object.kind === 'Namespace') this.pendingNamespaces.add(entry.object.metadata.name);
      if (entry.object.kind === 'CustomResourceDefinition') {
        const spec = entry.object.spec as { group?: string; names?: { kind?: string } } | undefined;
        if (spec?.names?.kind) this.pendingKinds.add(`${spec.names.kind}.${spec.group ?? ''}`);
      }
    }
  }

  private reportPlan(planned: Planned[]): void {
    const { context } = this;
    for (const entry of planned) {
      switch (entry.prediction) {
        case 'create':
          context.record(entry.object, 'created');
          break;
        case 'configure':
          context.record(entry.object, 'configured');
          break;
        case 'unchanged':
          context.record(entry.object, 'unchanged');
          break;
        case 'recreate': {
          context.record(entry.object, 'recreated', entry.reason);
          const recreation = newRecreation(context, entry, 'planned');
          recreation.preserved = predictedPreservation(entry);
          const orphans = entry.live && ORPHANING_KINDS.has(entry.object.kind) && !selectorKeepsPods(entry.object, entry.live);
          if (orphans) {
            recreation.warning = `the selector changes: the running pods will not be adopted; k8sapp removes them once the new ${entry.object.kind} is ready`;
          }
          context.report.recreated.push(recreation);
          break;
        }
        default:
          context.record(entry.object, 'failed', entry.reason);
          context.fail(`${describe(idOf(entry.object))}: ${entry.reason ?? 'refused'}`);
      }
    }
  }

  /** Server-side apply of each object (field manager k8sapp, forced), then re-creation of what immutable fields refused. */
  private async applyAndRecover(toApply: Planned[]): Promise<void> {
    const { context } = this;
    context.logger.info(`Server-side apply (field manager k8sapp, conflicts forced) of ${toApply.length} object(s), ${API_CONCURRENCY} at a time`);
    const answers = await mapLimit(toApply, API_CONCURRENCY, async (entry) => {
      const upgrade = entry.live ? csaUpgradePatch(entry.live, FIELD_MANAGER) : undefined;
      if (upgrade) {
        const taken = await context.ask(`taking over ${describe(idOf(entry.object))} from client-side apply`, entry.object, () =>
          context.kube.patch(refOf(entry.live!), upgrade, { type: 'json', fieldManager: FIELD_MANAGER }),
        );
        // Not taken over (someone wrote in between, say): the apply still goes ahead, and the next deploy tries again.
        if (taken.error) context.logger.info(`${describe(idOf(entry.object))}: client-side ownership not taken over: ${taken.error.message}`);
      }
      return context.ask(`applying ${describe(idOf(entry.object))}`, entry.object, () => context.kube.apply(entry.object));
    });
    const recover: Planned[] = [];
    for (const [index, entry] of toApply.entries()) {
      const error = answers[index]?.error;
      if (!error) {
        context.record(entry.object, entry.prediction === 'create' ? 'created' : 'configured');
        continue;
      }
      const judged = judge(context, entry.object, entry.live, error);
      if (judged.prediction === 'recreate') recover.push(judged);
      else {
        context.record(entry.object, 'failed', judged.reason);
        context.fail(`${describe(idOf(entry.object))}: ${judged.reason}`);
      }
    }
    if (recover.length > 0) await recreate(context, recover);
  }

  /**
   * New or changed CustomResourceDefinitions must be Established, and their kinds served by discovery, before a
   * custom resource of them is applied.
   */
  private async waitForCrds(objects: KubernetesObject[]): Promise<void> {
    const { context } = this;
    const crds = objects.filter(
      (object) => object.kind === 'CustomResourceDefinition' && ['created', 'configured', 'recreated'].includes(context.resultOf(object)?.action ?? ''),
    );
    if (crds.length === 0) return;
    const limit = (context.request.crdTimeoutSeconds ?? 60) * 1000;
    let pending = crds;
    const ready = await poll(context, `${crds.length} CustomResourceDefinition(s) to be established`, limit, 1000, async () => {
      const served = await mapLimit(pending, API_CONCURRENCY, (crd) => this.crdServed(crd));
      pending = pending.filter((_, index) => !served[index]);
      return pending.length === 0;
    });
    if (!ready) {
      throw new ApplyAbort(`CustomResourceDefinition(s) ${pending.map((crd) => crd.metadata.name).join(', ')} not established within ${limit / 1000}s`);
    }
  }

  private async crdServed(crd: KubernetesObject): Promise<boolean> {
    const { context } = this;
    const ref = { apiVersion: crd.apiVersion, kind: crd.kind, name: crd.metadata.name };
    const current = await context.call(`reading CustomResourceDefinition ${crd.metadata.name}`, () => context.kube.get(ref));
    if (!current || !established(current)) return false;
    const spec = (current.spec ?? {}) as { group?: string; names?: { kind?: string }; versions?: { name?: string; served?: boolean }[] };
    const version = spec.versions?.find((candidate) => candidate.served !== false)?.name;
    if (!spec.group || !spec.names?.kind || !version) return true;
    const apiVersion = `${spec.group}/${version}`;
    const kind = spec.names.kind;
    return (await context.call(`discovering ${kind} in ${apiVersion}`, () => context.kube.resourceOf(apiVersion, kind))) !== undefined;
  }
}

function established(crd: KubernetesObject): boolean {
  const conditions = (valueAt(crd, ['status', 'conditions']) as { type?: string; status?: string }[] | undefined) ?? [];
  return conditions.some((condition) => condition.type === 'Established' && condition.status === 'True');
}

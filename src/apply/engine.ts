import { renderOverlay, resourcesFromYaml } from '../manifests/render.js';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { refKey } from '../rollout/types.js';
import { environmentSettings, overlayPath } from '../config/deploy-control.js';
import { withoutKlogNoise } from '../k8s/unreachable.js';
import type { ExecResult } from '../exec.js';
import { CLUSTER_SCOPED_KINDS, idOf, WORKLOAD_KINDS, type KubernetesObject, type Resource, type ResourceId } from '../manifests/resource.js';
import {
  allowedStatefulSetFields,
  classifyObjectError,
  credentialProblem,
  credentialSentence,
  isTransient,
  parseKubectlErrors,
  type ObjectError,
} from './errors.js';
import {
  appliedClientSide,
  describe,
  differences,
  errorNames,
  groupOf,
  hasDrifted,
  itemsOf,
  keyOf,
  parseFieldPath,
  sameObject,
  selectorArgument,
  selectorMatches,
  selectorOf,
  ownerUids,
  typedRef,
  uidOf,
  valueAt,
} from './objects.js';
import { redactor, substituteSecrets } from './secrets.js';
import { selectServiceResources, type ServiceSelection } from './select.js';
import type { ApplyDependencies, ApplyReport, ApplyRequest, ImmutableRecovery, Recreation, ResourceAction, ResourceResult } from './types.js';

/** Stops the whole apply: credentials, an unreachable API server, a kubectl failure that names no object. */
export class ApplyAbort extends Error {
  override name = 'ApplyAbort';
}

type Prediction = 'create' | 'configure' | 'unchanged' | 'recreate' | 'blocked' | 'rejected';

interface Planned {
  object: KubernetesObject;
  live?: KubernetesObject;
  prediction: Prediction;
  reason?: string;
  error?: ObjectError;
  fields?: string[];
}

const STAGE_ONE_KINDS = new Set(['Namespace', 'CustomResourceDefinition']);
const ORPHANING_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet']);
/** Workloads whose pod template a rollback restores. */
const TEMPLATED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const MAX_QUOTE = 600;

/**
 * Builds the environment's overlay, substitutes secrets in memory, applies (or, with dryRun, plans) it with
 * server-side apply in two stages, and recovers from immutable-field refusals. See docs/apply.md.
 */
export async function applyEnvironment(request: ApplyRequest, deps: ApplyDependencies): Promise<ApplyReport> {
  const run = new ApplyRun(request, deps);
  return run.execute();
}

class ApplyRun {
  private readonly report: ApplyReport;
  private readonly results = new Map<string, ResourceResult>();
  private readonly redact: (text: string) => string;
  private readonly policy: ImmutableRecovery;
  private readonly readyTimeoutMs: number;
  /** Plan mode: namespaces and custom kinds that stage one would create, so stage two cannot dry-run into them. */
  private readonly pendingNamespaces = new Set<string>();
  private readonly pendingKinds = new Set<string>();
  /** Position of each object in the built stream, so the report lists resources in manifest order. */
  private readonly order = new Map<string, number>();

  constructor(
    private readonly request: ApplyRequest,
    private readonly deps: ApplyDependencies,
  ) {
    this.report = {
      environment: request.environment,
      mode: request.dryRun ? 'plan' : 'apply',
      ok: true,
      resources: [],
      recreated: [],
      placeholders: [],
      errors: [],
      warnings: [],
      workloads: [],
      templatesBefore: new Map(),
    };
    this.redact = redactor(request.secrets);
    const settings = environmentSettings(request.control.config, request.environment);
    this.policy = request.immutableRecovery ?? settings.immutableRecovery;
    this.readyTimeoutMs = (request.readyTimeoutSeconds ?? settings.rolloutTimeoutSeconds) * 1000;
  }

  async execute(): Promise<ApplyReport> {
    const { logger } = this.deps;
    const resources = await logger.group('Build', () => this.build());
    const substitution = substituteSecrets(resources, this.request.secrets, this.request.registerSecret);
    for (const [index, resource] of resources.entries()) this.order.set(keyOf(resource.object), index);
    const { selected, skipped } = this.selectServices(substitution.resources);
    for (const [object, reason] of skipped) this.record(object, 'skipped', reason);

    const selectedKeys = new Set(selected.map((resource) => keyOf(resource.object)));
    const placeholders = substitution.placeholders.filter((placeholder) =>
      selectedKeys.has(keyOf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: placeholder.secret, namespace: placeholder.namespace } })),
    );
    this.report.placeholders = placeholders.map(({ secret, namespace, key, field }) => ({ secret, ...(namespace ? { namespace } : {}), key, field }));
    if (substitution.unused.length > 0) {
      this.warn(`Supplied secret value(s) matched no Secret key and were not used: ${substitution.unused.join(', ')}`);
    }
    logger.info(`${selected.length} object(s) selected, ${skipped.length} skipped; ${substitution.substituted.length} secret value(s) substituted in memory.`);

    if (placeholders.length > 0) {
      for (const placeholder of placeholders) {
        const where = `${placeholder.namespace ? `${placeholder.namespace}/` : ''}${placeholder.secret}`;
        this.fail(
          `Secret ${where}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`,
        );
      }
      if (!this.request.dryRun) {
        for (const { object } of selected) this.record(object, 'skipped', 'not applied: unresolved secret placeholders (see errors)');
        return this.finish();
      }
    }

    const objects = selected.map((resource) => resource.object);
    const stageOne = objects.filter((object) => STAGE_ONE_KINDS.has(object.kind));
    const stageTwo = objects.filter((object) => !STAGE_ONE_KINDS.has(object.kind));
    const stages: [string, KubernetesObject[]][] = [
      ['Namespaces and CustomResourceDefinitions', stageOne],
      ['Resources', stageTwo],
    ];
    let stopped: string | undefined;
    for (const [index, [name, stage]] of stages.entries()) {
      if (stage.length === 0) continue;
      if (stopped) {
        for (const object of stage) this.record(object, 'skipped', stopped);
        continue;
      }
      try {
        const verb = this.request.dryRun ? 'Plan' : 'Apply';
        const completed = await logger.group(`${verb} stage ${index + 1}: ${name} (${stage.length})`, () => this.runStage(stage, index === 0));
        if (!completed) stopped = 'not applied: an earlier stage failed (see errors)';
      } catch (error) {
        if (!(error instanceof ApplyAbort)) throw error;
        const message = this.redact(error.message);
        this.fail(message);
        for (const object of stage) if (!this.results.has(keyOf(object))) this.record(object, 'failed', firstLine(message));
        stopped = 'not applied: an earlier stage failed (see errors)';
      }
    }
    return this.finish();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Build and selection

  private async build(): Promise<Resource[]> {
    const given = this.request.manifests;
    const overlay = given?.origin ?? overlayPath(this.request.control, this.request.environment);
    let resources: Resource[];
    if (given) {
      resources = resourcesFromYaml(given.yaml, overlay);
    } else {
      this.deps.logger.info(`kubectl kustomize ${overlay}`);
      resources = (await renderOverlay(this.deps.kubectl, overlay)).resources;
    }
    this.deps.logger.info(`${given ? 'Read' : 'Built'} ${resources.length} object(s) from ${overlay}.`);
    return resources;
  }

  private selectServices(resources: readonly Resource[]): ServiceSelection {
    return selectServiceResources(this.request.control, this.request.environment, resources, this.request.services);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // One stage: read live state, dry-run, then (apply mode) apply and recover.

  /** Returns false when the stage was refused and later stages must not run. */
  private async runStage(objects: KubernetesObject[], first: boolean): Promise<boolean> {
    const deferred = this.request.dryRun ? objects.filter((object) => this.isDeferred(object)) : [];
    for (const object of deferred) {
      const why =
        object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace)
          ? `namespace ${object.metadata.namespace} is created first`
          : `its CustomResourceDefinition is created first`;
      this.record(object, 'created', `predicted: ${why} (not dry-run)`);
    }
    const checked = objects.filter((object) => !deferred.includes(object));
    if (checked.length === 0) return true;

    const live = await this.fetchLive(checked);
    const planned = await this.plan(checked, live);

    if (this.request.dryRun) {
      this.reportPlan(planned);
      if (first) this.rememberPending(planned);
      return true;
    }

    const refused = planned.filter((entry) => entry.prediction === 'blocked' || entry.prediction === 'rejected');
    if (refused.length > 0) {
      for (const entry of refused) {
        this.record(entry.object, 'failed', entry.reason);
        this.fail(`${describe(idOf(entry.object))}: ${entry.reason}`);
      }
      const note = `not applied: the server's dry run refused ${refused.length} object(s) of this stage, so nothing in it was changed`;
      for (const entry of planned) if (!refused.includes(entry)) this.record(entry.object, 'skipped', note);
      return false;
    }

    for (const entry of planned) if (entry.prediction === 'unchanged') this.record(entry.object, 'unchanged');
    const toApply = planned.filter((entry) => entry.prediction !== 'unchanged');
    if (toApply.length === 0) {
      this.deps.logger.info('Nothing to change in this stage.');
      return true;
    }
    await this.applyAndRecover(toApply);
    if (first) await this.waitForCrds(toApply.map((entry) => entry.object));
    return !toApply.some((entry) => this.results.get(keyOf(entry.object))?.action === 'failed');
  }

  private isDeferred(object: KubernetesObject): boolean {
    if (object.metadata.namespace && this.pendingNamespaces.has(object.metadata.namespace)) return true;
    return this.pendingKinds.has(`${object.kind}.${groupOf(object.apiVersion)}`);
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

  /** One `kubectl get -o json` per namespace for every object of the stage. */
  private async fetchLive(objects: KubernetesObject[]): Promise<Map<string, KubernetesObject>> {
    const byNamespace = new Map<string, KubernetesObject[]>();
    for (const object of objects) {
      const namespace = CLUSTER_SCOPED_KINDS.has(object.kind) ? '' : (object.metadata.namespace ?? '');
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), object]);
    }
    const live = new Map<string, KubernetesObject>();
    for (const [namespace, group] of byNamespace) {
      const what = `reading the live state of ${summarize(group)}`;
      const result = await this.kubectl(what, () => this.deps.kubectl.get(group.map(typedRef), { ...(namespace ? { namespace } : {}), ignoreNotFound: true }));
      if (result.exitCode !== 0) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
      const items = itemsOf(result.stdout);
      for (const object of group) {
        const found = items.find((item) => sameObject(item, object));
        if (found) live.set(keyOf(object), found);
      }
    }
    return live;
  }

  /** The server-side dry run of the whole stage, then a prediction per object. */
  private async plan(objects: KubernetesObject[], live: Map<string, KubernetesObject>): Promise<Planned[]> {
    const dryRun = new Map<string, KubernetesObject>();
    const errors = new Map<string, ObjectError>();
    let pending = objects;
    // kubectl prints no objects when any one fails; dry-run the rest again to see them (bounded).
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      const what = `server-side dry run of ${summarize(pending)}`;
      const result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(pending), { forceConflicts: true, dryRun: 'server', output: 'json' }));
      const items = itemsOf(result.stdout);
      for (const object of pending) {
        const found = items.find((item) => sameObject(item, object));
        if (found) dryRun.set(keyOf(object), found);
      }
      if (result.exitCode === 0) break;
      const parsed = parseKubectlErrors(result.stderr);
      const { all, ambiguous } = this.attribute(parsed.objects, pending, errors);
      if (!all) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
      const alone = await this.askAlone(ambiguous, errors, (object) =>
        this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: true, dryRun: 'server', output: 'json' }),
      );
      for (const [key, single] of alone) {
        const found = itemsOf(single.stdout)[0];
        if (found) dryRun.set(key, found);
      }
      pending = pending.filter((object) => !errors.has(keyOf(object)) && !dryRun.has(keyOf(object)));
    }

    for (const object of objects) this.rememberTemplate(object, live.get(keyOf(object)), dryRun.get(keyOf(object)));
    return objects.map((object): Planned => {
      const key = keyOf(object);
      const current = live.get(key);
      const error = errors.get(key);
      if (error) return this.judge(object, current, error);
      const result = dryRun.get(key);
      if (!current) return { object, prediction: 'create' };
      if (!result) return { object, live: current, prediction: 'rejected', reason: 'the server-side dry run returned no result for this object' };
      // Last applied client-side: only the real apply moves kubectl-client-side-apply's fields to k8sapp (kubectl's
      // migrateToSSAIfNecessary), and until then fields dropped from the manifest stay while the dry run looks equal.
      if (object.kind === 'Service' && valueAt(current, ['spec', 'clusterIP']) === 'None' && valueAt(object, ['spec', 'clusterIP']) === undefined) {
        this.warn(
          `${describe(idOf(object))} stays headless (clusterIP: None): its manifest no longer sets clusterIP, but the server keeps a Service's clusterIP, so applying cannot give it a virtual IP. If that is intended, delete the Service by hand and deploy again; otherwise put "clusterIP: None" back into the manifest.`,
        );
      }
      const changes = hasDrifted(current, result) || appliedClientSide(current);
      return { object, live: current, prediction: changes ? 'configure' : 'unchanged' };
    });
  }

  /**
   * Keeps a workload's live pod template from before the apply: the revision a failed rollout goes back to. Without
   * a dry-run result (the server refused the object: it is re-created) the template counts as changed, so a
   * rollback may restore it; restoring an equal template changes nothing.
   */
  private rememberTemplate(object: KubernetesObject, current: KubernetesObject | undefined, dryRun: KubernetesObject | undefined): void {
    if (!TEMPLATED_KINDS.has(object.kind)) return;
    const key = refKey(idOf(object));
    const before = valueAt(current, ['spec', 'template']);
    if (!current || before === undefined) {
      this.report.templatesBefore.set(key, { changed: true });
      return;
    }
    const after = dryRun ? valueAt(dryRun, ['spec', 'template']) : undefined;
    this.report.templatesBefore.set(key, { template: before, changed: !dryRun || !isDeepStrictEqual(before, after) });
  }

  /**
   * Matches parsed errors to objects; `all` is false when some error named none of them. An error that fits several
   * objects is pinned on none: server-side apply never prints the namespace (`StatefulSet.apps "web" is invalid`) and
   * the short form no API group, so `web` in two namespaces would both look refused. Those are `ambiguous`, to be
   * asked about one at a time (askAlone): k8sapp deletes only what the server named.
   */
  private attribute(parsed: ObjectError[], objects: KubernetesObject[], into: Map<string, ObjectError>): { all: boolean; ambiguous: KubernetesObject[] } {
    if (parsed.length === 0) return { all: false, ambiguous: [] };
    let all = true;
    const ambiguous = new Set<KubernetesObject>();
    for (const error of parsed) {
      const matches = objects.filter((object) => errorNames(error, object));
      if (matches.length === 0) all = false;
      if (matches.length > 1) for (const object of matches) ambiguous.add(object);
      else for (const object of matches) into.set(keyOf(object), error);
    }
    for (const object of ambiguous) into.delete(keyOf(object));
    return { all, ambiguous: [...ambiguous] };
  }

  /**
   * Runs the same idempotent call (server-side apply, or its dry run) for each ambiguous object alone, so an error
   * can only be about that object. Returns the answers that succeeded, by object key; failures go into `errors`.
   */
  private async askAlone(
    objects: KubernetesObject[],
    errors: Map<string, ObjectError>,
    call: (object: KubernetesObject) => Promise<ExecResult>,
  ): Promise<Map<string, ExecResult>> {
    const succeeded = new Map<string, ExecResult>();
    for (const object of objects) {
      const what = `asking the server about ${describe(idOf(object))} alone`;
      const result = await this.kubectl(what, () => call(object));
      if (result.exitCode === 0) {
        succeeded.set(keyOf(object), result);
        continue;
      }
      const { all } = this.attribute(parseKubectlErrors(result.stderr).objects, [object], errors);
      if (!all) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
    }
    return succeeded;
  }

  /** What a refusal means for this object under the environment's policy. */
  private judge(object: KubernetesObject, live: KubernetesObject | undefined, error: ObjectError): Planned {
    const serverSays = `server: "${this.redact(clip(error.message))}"`;
    const fields = blockingFields(error, object, live);
    const fieldText = fields.join(', ');
    const id = describe(idOf(object));
    switch (classifyObjectError(error)) {
      case 'recreatable':
        if (this.policy === 'recreate') {
          return { object, live, error, fields, prediction: 'recreate', reason: `immutable field ${fieldText} changed; ${serverSays}` };
        }
        return {
          object,
          live,
          error,
          fields,
          prediction: 'blocked',
          reason: `immutable field ${fieldText} of ${id} blocks the change and immutable_recovery is "fail"; change it back or recreate ${id} deliberately; ${serverSays}`,
        };
      case 'pvc':
        return { object, live, error, fields, prediction: 'blocked', reason: `${pvcGuidance(error, fieldText)} ${serverSays}` };
      case 'immutable':
        return {
          object,
          live,
          error,
          fields,
          prediction: 'blocked',
          reason: `field ${fieldText} cannot change and k8sapp never re-creates a ${object.kind}: ${immutableGuidance(object.kind)} ${serverSays}`,
        };
      default:
        return { object, live, error, prediction: 'rejected', reason: `the server rejected it: "${this.redact(clip(error.message))}"` };
    }
  }

  private reportPlan(planned: Planned[]): void {
    for (const entry of planned) {
      switch (entry.prediction) {
        case 'create':
          this.record(entry.object, 'created');
          break;
        case 'configure':
          this.record(entry.object, 'configured');
          break;
        case 'unchanged':
          this.record(entry.object, 'unchanged');
          break;
        case 'recreate': {
          this.record(entry.object, 'recreated', entry.reason);
          const recreation = this.newRecreation(entry, 'planned');
          recreation.preserved = predictedPreservation(entry);
          const orphans = entry.live && ORPHANING_KINDS.has(entry.object.kind) && !selectorKeepsPods(entry.object, entry.live);
          if (orphans) {
            recreation.warning = `the selector changes: the running pods will not be adopted; k8sapp removes them once the new ${entry.object.kind} is ready`;
          }
          this.report.recreated.push(recreation);
          break;
        }
        default:
          this.record(entry.object, 'failed', entry.reason);
          this.fail(`${describe(idOf(entry.object))}: ${entry.reason ?? 'refused'}`);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Apply, then re-create what the server refused because of immutable fields.

  private async applyAndRecover(toApply: Planned[]): Promise<void> {
    const objects = toApply.map((entry) => entry.object);
    const what = `applying ${summarize(objects)}`;
    this.deps.logger.info(`kubectl apply --server-side --field-manager=k8sapp --force-conflicts (${objects.length} object(s))`);
    const result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(objects), { forceConflicts: true }));
    const confirmed = appliedRefs(result.stdout);
    const parsed = result.exitCode === 0 ? undefined : parseKubectlErrors(result.stderr);
    for (const warning of parsed?.warnings ?? []) this.warn(this.redact(warning));
    const errors = new Map<string, ObjectError>();
    const ambiguous = parsed ? this.attribute(parsed.objects, objects, errors).ambiguous : [];
    const appliedAlone = await this.askAlone(ambiguous, errors, (object) => this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: true }));
    const unexplained = parsed && parsed.general.length > 0 ? this.redact(quote(parsed.general.join('\n'))) : undefined;

    const recover: Planned[] = [];
    for (const entry of toApply) {
      const key = keyOf(entry.object);
      const error = errors.get(key);
      if (error) {
        const judged = this.judge(entry.object, entry.live, error);
        if (judged.prediction === 'recreate') recover.push(judged);
        else {
          this.record(entry.object, 'failed', judged.reason);
          this.fail(`${describe(idOf(entry.object))}: ${judged.reason}`);
        }
        continue;
      }
      if (appliedAlone.has(key) || takeConfirmation(confirmed, entry.object)) {
        this.record(entry.object, entry.prediction === 'create' ? 'created' : 'configured');
        continue;
      }
      const reason = unexplained ? `kubectl apply failed: ${unexplained}` : 'kubectl reported no result for this object';
      this.record(entry.object, 'failed', reason);
      this.fail(`${describe(idOf(entry.object))}: ${reason}`);
    }
    if (recover.length > 0) await this.recreate(recover);
  }

  private async recreate(entries: Planned[]): Promise<void> {
    const { logger } = this.deps;
    const deleted: { entry: Planned; recreation: Recreation; orphans: OrphanPlan | undefined }[] = [];
    for (const entry of entries) {
      const recreation = this.newRecreation(entry, 'recreated');
      this.report.recreated.push(recreation);
      const id = idOf(entry.object);
      const orphans = entry.live ? await this.planOrphans(entry.object, entry.live) : undefined;
      if (orphans) recreation.preserved.push(...orphans.preserved);
      logger.info(`Re-creating ${describe(id)}: ${entry.reason}`);
      const what = `deleting ${describe(id)} (--cascade=${recreation.cascade}) to re-create it`;
      const result = await this.kubectl(what, () =>
        this.deps.kubectl.delete(typedKind(entry.object), entry.object.metadata.name, {
          ...(entry.object.metadata.namespace ? { namespace: entry.object.metadata.namespace } : {}),
          cascade: recreation.cascade,
          ignoreNotFound: true,
        }),
      );
      if (result.exitCode !== 0) {
        recreation.status = 'failed';
        const reason = `${entry.reason}; then ${what} failed: ${this.redact(quote(result.stderr))}`;
        this.record(entry.object, 'failed', reason);
        this.fail(`${describe(id)}: ${reason}`);
        continue;
      }
      deleted.push({ entry, recreation, orphans });
    }
    if (deleted.length === 0) return;

    // Exactly one more apply, of exactly the deleted objects: no loops.
    const objects = deleted.map(({ entry }) => entry.object);
    const what = `re-applying ${summarize(objects)}`;
    const result = await this.kubectl(what, () => this.deps.kubectl.apply(manifestOf(objects), { forceConflicts: true }));
    const confirmed = appliedRefs(result.stdout);
    const parsed = result.exitCode === 0 ? undefined : parseKubectlErrors(result.stderr);
    const errors = new Map<string, ObjectError>();
    const ambiguous = parsed ? this.attribute(parsed.objects, objects, errors).ambiguous : [];
    const appliedAlone = await this.askAlone(ambiguous, errors, (object) => this.deps.kubectl.apply(manifestOf([object]), { forceConflicts: true }));
    for (const { entry, recreation, orphans } of deleted) {
      const id = idOf(entry.object);
      const second = errors.get(keyOf(entry.object));
      if (second || !(appliedAlone.has(keyOf(entry.object)) || takeConfirmation(confirmed, entry.object))) {
        recreation.status = 'failed';
        const again = second ? `"${this.redact(clip(second.message))}"` : this.redact(quote(result.stderr || 'no result from kubectl'));
        const reason = `still refused after re-creation. First: ${entry.reason}. After deleting it: ${again}. It is now absent from the cluster; fix the manifest and deploy again.`;
        this.record(entry.object, 'failed', reason);
        this.fail(`${describe(id)}: ${reason}`);
        continue;
      }
      this.record(entry.object, 'recreated', entry.reason);
      if (recreation.warning) this.warn(`${describe(id)}: ${recreation.warning}`);
      if (orphans && orphans.orphaned.length > 0) await this.cleanupOrphans(entry.object, recreation, orphans);
    }
  }

  private newRecreation(entry: Planned, status: Recreation['status']): Recreation {
    const object = entry.object;
    const cascade: Recreation['cascade'] = object.kind === 'Job' ? 'foreground' : object.kind === 'Service' ? 'background' : 'orphan';
    const recreation: Recreation = {
      ...idOf(object),
      status,
      fields: entry.fields ?? [],
      serverMessage: this.redact(clip(entry.error?.message ?? '')),
      cascade,
      preserved: [],
      orphansRemoved: [],
      orphansLeft: [],
    };
    if (object.kind === 'Service') {
      const before = valueAt(entry.live, ['spec', 'clusterIP']);
      recreation.warning = `Service re-created: its clusterIP changes${typeof before === 'string' ? ` (was ${before})` : ''}; clients that resolved or cached the old address must reconnect.`;
    }
    if (object.kind === 'Job') recreation.warning = 'Job re-created: it runs again from the start (its old pods were deleted first).';
    return recreation;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Orphans: --cascade=orphan keeps pods running; if the new selector does not select them, nothing adopts them.

  private async planOrphans(desired: KubernetesObject, live: KubernetesObject): Promise<OrphanPlan | undefined> {
    if (!ORPHANING_KINDS.has(desired.kind)) return undefined;
    const oldSelector = selectorOf(live);
    const oldUid = uidOf(live);
    if (!oldSelector || !oldUid) return undefined;
    const childKind = desired.kind === 'Deployment' ? 'replicaset' : 'pod';
    const namespace = desired.metadata.namespace ?? live.metadata.namespace;
    const what = `listing the ${childKind}s of ${describe(idOf(desired))}`;
    const result = await this.kubectl(what, () =>
      this.deps.kubectl.get([`${childKind}s`], { ...(namespace ? { namespace } : {}), selector: selectorArgument(oldSelector) }),
    );
    if (result.exitCode !== 0) throw new ApplyAbort(`${what} failed: ${quote(result.stderr)}`);
    const children = itemsOf(result.stdout).filter((child) => ownerUids(child).includes(oldUid));
    const newSelector = selectorOf(desired);
    const adopted = children.filter((child) => selectorMatches(newSelector, child.metadata.labels));
    const orphaned = children.filter((child) => !adopted.includes(child));
    const preserved = adopted.map((child) => `${childKind}/${child.metadata.name} (adopted by the new ${desired.kind})`);
    if (desired.kind === 'StatefulSet') preserved.push(...claimNames(live, children).map((claim) => `persistentvolumeclaim/${claim} (never deleted)`));
    return { childKind, namespace, oldUid, orphaned: orphaned.map((child) => child.metadata.name), preserved };
  }

  private async cleanupOrphans(desired: KubernetesObject, recreation: Recreation, plan: OrphanPlan): Promise<void> {
    const { logger } = this.deps;
    const id = describe(idOf(desired));
    const scope = plan.namespace ? { namespace: plan.namespace } : {};
    await logger.group(`Orphans of ${id}`, async () => {
      if (desired.kind === 'StatefulSet') {
        // The unowned pod web-0 blocks the new web-0: replace them one at a time, in ordinal order.
        const pods = [...plan.orphaned].sort((a, b) => ordinal(a) - ordinal(b));
        // Ordinals the new StatefulSet will never create (it has fewer replicas): delete those orphans, wait for nothing.
        const spec = (desired.spec ?? {}) as { replicas?: number; ordinals?: { start?: number } };
        const first = Number(spec.ordinals?.start ?? 0);
        const wanted = (pod: string) => ordinal(pod) >= first && ordinal(pod) < first + Number(spec.replicas ?? 1);
        for (const [index, pod] of pods.entries()) {
          logger.info(`Replacing orphaned pod ${pod} so the new StatefulSet can create its own`);
          const outcome = await this.deleteStatefulSetOrphan(pod, plan, scope);
          if (outcome.failed) {
            this.leaveOrphans(
              recreation,
              pods.slice(index).map((name) => `pod/${name}`),
              `deleting pod ${pod} failed: ${outcome.failed}`,
            );
            return;
          }
          if (outcome.removed) recreation.orphansRemoved.push(`pod/${pod}`);
          if (!wanted(pod)) continue;
          const ready = await this.waitFor(`pod ${pod} of the new StatefulSet ${id} to be ready`, ['pod/' + pod], scope, (items) => {
            const replacement = items[0];
            return !!replacement && !ownerUids(replacement).includes(plan.oldUid) && ownerUids(replacement).length > 0 && podReady(replacement);
          });
          if (!ready) {
            this.leaveOrphans(
              recreation,
              pods.slice(index + 1).map((name) => `pod/${name}`),
              `pod ${pod} of the new StatefulSet did not become ready in time`,
            );
            return;
          }
        }
        return;
      }
      const ready = await this.waitFor(`the new ${id} to be ready`, [typedRef(desired)], scope, (items) => !!items[0] && workloadReady(items[0]));
      const refs = plan.orphaned.map((name) => `${plan.childKind}/${name}`);
      if (!ready) {
        this.leaveOrphans(recreation, refs, `the new ${desired.kind} did not become ready in time; the old ${plan.childKind}s keep serving`);
        return;
      }
      // Delete only what is still unowned: anything a controller adopted meanwhile stays.
      const current = await this.kubectl(`re-reading the orphans of ${id}`, () => this.deps.kubectl.get(refs, { ...scope, ignoreNotFound: true }));
      const stillOrphaned = itemsOf(current.stdout).filter((child) => ownerUids(child).length === 0);
      for (const child of stillOrphaned) {
        const ref = `${plan.childKind}/${child.metadata.name}`;
        const removed = await this.kubectl(`deleting orphaned ${ref}`, () =>
          this.deps.kubectl.delete(plan.childKind, child.metadata.name, {
            ...scope,
            ignoreNotFound: true,
            ...(plan.childKind === 'replicaset' ? { cascade: 'background' as const } : {}),
          }),
        );
        if (removed.exitCode === 0) recreation.orphansRemoved.push(ref);
        else this.leaveOrphans(recreation, [ref], `deleting ${ref} failed: ${quote(removed.stderr)}`);
      }
    });
  }

  /**
   * Deletes one orphaned StatefulSet pod while it is still an orphan. Its name is reused: once it is gone the new
   * controller creates a pod of the same name, so the pod is re-read before every attempt and never deleted once a
   * controller (other than the deleted old object) owns it; a transient failure is not retried blindly.
   */
  private async deleteStatefulSetOrphan(pod: string, plan: OrphanPlan, scope: { namespace?: string }): Promise<{ removed: boolean; failed?: string }> {
    const attempts = this.request.retry?.attempts ?? 5;
    let delay = this.request.retry?.initialDelayMs ?? 1000;
    let sent = false;
    for (let attempt = 1; ; attempt++) {
      const current = await this.kubectl(`re-reading orphaned pod ${pod}`, () => this.deps.kubectl.get([`pod/${pod}`], { ...scope, ignoreNotFound: true }));
      if (current.exitCode !== 0) return { removed: false, failed: quote(current.stderr) };
      const found = itemsOf(current.stdout)[0];
      const owners = found ? ownerUids(found).filter((uid) => uid !== plan.oldUid) : [];
      if (!found || owners.length > 0) {
        if (!sent) this.deps.logger.info(`pod ${pod} is ${found ? 'owned by a controller now' : 'already gone'}; not deleting it`);
        return { removed: sent };
      }
      const result = await this.deps.kubectl.delete('pod', pod, { ...scope, ignoreNotFound: true });
      sent = true;
      if (result.exitCode === 0) return { removed: true };
      const credentials = credentialProblem(result.stderr);
      if (credentials) throw new ApplyAbort(`deleting orphaned pod ${pod}: ${credentialSentence(credentials)}`);
      if (!isTransient(result.stderr) || attempt >= attempts) return { removed: false, failed: quote(result.stderr) };
      this.deps.logger.warning(
        this.redact(
          `deleting orphaned pod ${pod}: transient failure (${firstLine(result.stderr)}); re-reading it before retry ${attempt} of ${attempts - 1} in ${delay / 1000}s`,
        ),
      );
      await this.deps.clock.sleep(delay);
      delay *= 2;
    }
  }

  private leaveOrphans(recreation: Recreation, refs: string[], why: string): void {
    recreation.orphansLeft.push(...refs);
    if (refs.length === 0) return;
    const id = describe(recreation);
    this.fail(
      `${id}: orphaned ${refs.join(', ')} still running without an owner: ${why}. Delete them once the new ${recreation.kind} is ready (kubectl delete ${refs.join(' ')}${recreation.namespace ? ` -n ${recreation.namespace}` : ''}).`,
    );
  }

  private async waitFor(what: string, refs: string[], scope: { namespace?: string }, done: (items: KubernetesObject[]) => boolean): Promise<boolean> {
    const { clock, logger } = this.deps;
    const start = clock.now().getTime();
    let polls = 0;
    for (;;) {
      const result = await this.kubectl(`waiting for ${what}`, () => this.deps.kubectl.get(refs, { ...scope, ignoreNotFound: true }));
      if (result.exitCode === 0 && done(itemsOf(result.stdout))) return true;
      const elapsed = clock.now().getTime() - start;
      if (elapsed >= this.readyTimeoutMs) return false;
      if (polls++ % 5 === 0) logger.info(`Waiting for ${what} (${Math.round(elapsed / 1000)}s of ${Math.round(this.readyTimeoutMs / 1000)}s)`);
      await clock.sleep(2000);
    }
  }

  private async waitForCrds(objects: KubernetesObject[]): Promise<void> {
    const crds = objects.filter(
      (object) => object.kind === 'CustomResourceDefinition' && ['created', 'configured', 'recreated'].includes(this.results.get(keyOf(object))?.action ?? ''),
    );
    if (crds.length === 0) return;
    const { clock, logger } = this.deps;
    const limit = (this.request.crdTimeoutSeconds ?? 60) * 1000;
    const start = clock.now().getTime();
    for (;;) {
      const result = await this.kubectl('waiting for CustomResourceDefinitions to be established', () =>
        this.deps.kubectl.get(crds.map(typedRef), { ignoreNotFound: true }),
      );
      const items = itemsOf(result.stdout);
      const pending = crds.filter((crd) => !items.some((item) => sameObject(item, crd) && established(item)));
      if (pending.length === 0) return;
      if (clock.now().getTime() - start >= limit) {
        throw new ApplyAbort(`CustomResourceDefinition(s) ${pending.map((crd) => crd.metadata.name).join(', ')} not established within ${limit / 1000}s`);
      }
      logger.info(`Waiting for ${pending.length} CustomResourceDefinition(s) to be established`);
      await clock.sleep(1000);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Runs one kubectl call: transient failures retried with exponential backoff, credentials fail at once. */
  private async kubectl(what: string, call: () => Promise<ExecResult>): Promise<ExecResult> {
    const attempts = this.request.retry?.attempts ?? 5;
    let delay = this.request.retry?.initialDelayMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      const result = await call();
      if (result.exitCode === 0) return result;
      const credentials = credentialProblem(result.stderr);
      if (credentials) throw new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
      if (!isTransient(result.stderr)) return result;
      if (attempt >= attempts) {
        throw new ApplyAbort(`${what}: the API server stayed unreachable after ${attempts} attempts: ${quote(result.stderr)}`);
      }
      this.deps.logger.warning(
        this.redact(`${what}: transient failure (${firstLine(result.stderr)}); retry ${attempt} of ${attempts - 1} in ${delay / 1000}s`),
      );
      await this.deps.clock.sleep(delay);
      delay *= 2;
    }
  }

  private record(object: KubernetesObject, action: ResourceAction, reason?: string): void {
    const result: ResourceResult = { ...idOf(object), action };
    if (reason) result.reason = this.redact(reason);
    this.results.set(keyOf(object), result);
  }

  private fail(message: string): void {
    this.report.ok = false;
    this.report.errors.push(this.redact(message));
  }

  private warn(message: string): void {
    this.report.warnings.push(this.redact(message));
    this.deps.logger.warning(this.redact(message));
  }

  private finish(): ApplyReport {
    const position = (result: ResourceResult) => this.order.get(resourceKeyOf(result)) ?? Number.MAX_SAFE_INTEGER;
    this.report.resources = [...this.results.values()].sort((a, b) => position(a) - position(b));
    this.report.workloads = this.report.resources
      .filter((result) => WORKLOAD_KINDS.has(result.kind) && ['created', 'configured', 'recreated'].includes(result.action))
      .map(({ kind, namespace, name }) => ({ kind, ...(namespace ? { namespace } : {}), name }));
    const waited = new Set(this.report.workloads.map((workload) => refKey(workload)));
    for (const key of [...this.report.templatesBefore.keys()]) if (!waited.has(key)) this.report.templatesBefore.delete(key);
    if (this.report.errors.length > 0) this.report.ok = false;
    return this.report;
  }
}

interface OrphanPlan {
  childKind: 'pod' | 'replicaset';
  namespace?: string;
  oldUid: string;
  orphaned: string[];
  preserved: string[];
}

// -----------------------------------------------------------------------------------------------------------------
// Pure helpers (exported for tests).

export { serviceSelection } from './select.js';

export function manifestOf(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

function resourceKeyOf(id: ResourceId): string {
  return keyOf({ apiVersion: '', kind: id.kind, metadata: { name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) } });
}

function summarize(objects: readonly KubernetesObject[]): string {
  const names = objects.slice(0, 3).map((object) => describe(idOf(object)));
  return `${objects.length} object(s) (${names.join(', ')}${objects.length > 3 ? ', …' : ''})`;
}

/** `deployment.apps/web serverside-applied` lines → a multiset of refs. */
export function appliedRefs(stdout: string): Map<string, number> {
  const refs = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const match = /^(\S+\/\S+) (serverside-applied|created|configured|unchanged)\b/.exec(line.trim());
    if (match?.[1]) refs.set(match[1], (refs.get(match[1]) ?? 0) + 1);
  }
  return refs;
}

function takeConfirmation(refs: Map<string, number>, object: KubernetesObject): boolean {
  const ref = typedRef(object);
  const count = refs.get(ref) ?? 0;
  if (count === 0) return false;
  refs.set(ref, count - 1);
  return true;
}

function typedKind(object: KubernetesObject): string {
  const group = groupOf(object.apiVersion);
  return `${object.kind.toLowerCase()}${group ? `.${group}` : ''}`;
}

function quote(stderr: string): string {
  return `"${clip(withoutKlogNoise(stderr))}"`;
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}…` : trimmed;
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 300);
}

/** Which field(s) an immutable error is about, with old → new values where the manifest shows them. */
export function blockingFields(error: ObjectError, desired: KubernetesObject, live: KubernetesObject | undefined): string[] {
  const fields: string[] = [];
  const secret = desired.kind === 'Secret';
  const show = (difference: { path: string; desired: unknown; live: unknown }) => {
    const scalar = (value: unknown): value is string | number | boolean | bigint | null | undefined =>
      value === undefined || value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
    if (secret || !scalar(difference.desired) || !scalar(difference.live)) return difference.path;
    const text = `${String(difference.live ?? '(unset)')} → ${String(difference.desired)}`;
    return text.length > 80 ? difference.path : `${difference.path} (${text})`;
  };
  for (const cause of error.causes) {
    if (!live) {
      if (cause.field) fields.push(cause.field);
      continue;
    }
    const allowed = error.kind === 'StatefulSet' && cause.field === 'spec' ? allowedStatefulSetFields(cause.detail) : [];
    let found: { path: string; desired: unknown; live: unknown }[];
    if (allowed.length > 0) {
      const spec = { ...((desired.spec as Record<string, unknown>) ?? {}) };
      for (const key of allowed) delete spec[key];
      found = differences(spec, live.spec, 'spec');
    } else {
      const path = parseFieldPath(cause.field);
      found = differences(valueAt(desired, path), valueAt(live, path), cause.field);
    }
    if (found.length === 0) fields.push(cause.field || '(unknown field)');
    else fields.push(...found.slice(0, 5).map(show));
  }
  return [...new Set(fields)];
}

function pvcGuidance(error: ObjectError, fields: string): string {
  const shrink = error.causes.some((cause) => /can not be less than previous value/.test(cause.detail));
  const advice = shrink
    ? 'a PersistentVolumeClaim can only grow: restore the previous size, or create a new claim and migrate the data'
    : 'a PersistentVolumeClaim only allows resources.requests to grow (on a bound claim whose StorageClass allows expansion); storageClassName, accessModes and the rest cannot change: restore the previous value, or create a new claim under a new name and migrate the data';
  return `${fields} cannot change: ${advice}. k8sapp never deletes a PersistentVolumeClaim (its data would be lost).`;
}

function immutableGuidance(kind: string): string {
  if (kind === 'ConfigMap' || kind === 'Secret') {
    return `an immutable ${kind} cannot be edited; give it a new name (e.g. a kustomize generator with a hash suffix) or remove "immutable: true" and delete it by hand.`;
  }
  if (kind === 'Pod') return 'a bare Pod cannot change this field; manage it with a Deployment or delete the Pod by hand.';
  return `delete ${kind} by hand if re-creating it is safe.`;
}

/** Plan mode: what a re-creation would keep, from the live object alone. */
function predictedPreservation(entry: Planned): string[] {
  if (!entry.live || !ORPHANING_KINDS.has(entry.object.kind)) return [];
  const keeps = selectorKeepsPods(entry.object, entry.live);
  const preserved = [keeps ? 'running pods (adopted by the new object)' : 'running pods until the new object is ready'];
  if (entry.object.kind === 'StatefulSet') preserved.push('PersistentVolumeClaims (never deleted)');
  return preserved;
}

/** Whether the new selector selects the pods the old object's template made. */
function selectorKeepsPods(desired: KubernetesObject, live: KubernetesObject): boolean {
  const labels = valueAt(live, ['spec', 'template', 'metadata', 'labels']) as Record<string, string> | undefined;
  return selectorMatches(selectorOf(desired), labels);
}

function claimNames(live: KubernetesObject, pods: KubernetesObject[]): string[] {
  const templates = (valueAt(live, ['spec', 'volumeClaimTemplates']) as { metadata?: { name?: string } }[] | undefined) ?? [];
  return templates.flatMap((template) => pods.map((pod) => `${template.metadata?.name ?? ''}-${pod.metadata.name}`));
}

function ordinal(pod: string): number {
  const match = /-(\d+)$/.exec(pod);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

export function podReady(pod: KubernetesObject): boolean {
  const conditions = (valueAt(pod, ['status', 'conditions']) as { type?: string; status?: string }[] | undefined) ?? [];
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

function established(crd: KubernetesObject): boolean {
  const conditions = (valueAt(crd, ['status', 'conditions']) as { type?: string; status?: string }[] | undefined) ?? [];
  return conditions.some((condition) => condition.type === 'Established' && condition.status === 'True');
}

/** Ready enough to retire the orphans: the controller saw the new spec and all replicas are updated and available. */
export function workloadReady(object: KubernetesObject): boolean {
  const status = (object.status ?? {}) as Record<string, number | undefined>;
  const generation = Number(object.metadata.generation ?? 0);
  const observed = Number(status.observedGeneration ?? 0);
  if (observed < generation) return false;
  const replicas = Number(valueAt(object, ['spec', 'replicas']) ?? 1);
  switch (object.kind) {
    case 'Deployment':
      return (status.updatedReplicas ?? 0) >= replicas && (status.availableReplicas ?? 0) >= replicas;
    case 'DaemonSet': {
      const desired = status.desiredNumberScheduled ?? 0;
      return (status.updatedNumberScheduled ?? 0) >= desired && (status.numberAvailable ?? 0) >= desired;
    }
    case 'ReplicaSet':
    case 'StatefulSet':
      return (status.readyReplicas ?? 0) >= replicas;
    default:
      return true;
  }
}

export type { ResourceId };

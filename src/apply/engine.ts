import { overlayPath } from '../config/deploy-control.js';
import { renderOverlay, resourcesFromYaml } from '../manifests/render.js';
import { WORKLOAD_KINDS, type KubernetesObject, type Resource, type ResourceId } from '../manifests/resource.js';
import { refKey } from '../rollout/types.js';
import { firstLine } from '../errors.js';
import { ApplyAbort, ApplyContext } from './context.js';
import { keyOf } from './objects.js';
import { substituteSecrets } from './secrets.js';
import { selectServiceResources } from './select.js';
import { StageRunner, stagesOf } from './stages.js';
import type { ApplyDependencies, ApplyReport, ApplyRequest, ResourceResult } from './types.js';

export { ApplyAbort } from './context.js';
export { serviceSelection } from './select.js';

/**
 * Builds the environment's overlay, substitutes secrets in memory, applies (or, with dryRun, plans) it with
 * server-side apply in two stages, and recovers from immutable-field refusals. See docs/apply.md.
 *
 * The rooms: context.ts (the run's state and how a call's failure is judged), live.ts (live state by LIST),
 * plan.ts (dry run and judgement), stages.ts (stage order, apply, CRDs), recreate.ts (delete, orphans).
 */
export async function applyEnvironment(request: ApplyRequest, deps: ApplyDependencies): Promise<ApplyReport> {
  const context = new ApplyContext(request, deps.kube, deps.clock, deps.logger);
  const resources = await deps.logger.group('Build', () => build(request, deps));
  const order = new Map(resources.map((resource, index) => [keyOf(resource.object), index]));
  const selected = prepare(context, resources);
  if (selected) await applyStages(context, selected);
  return finish(context, order);
}

async function build(request: ApplyRequest, deps: ApplyDependencies): Promise<Resource[]> {
  const given = request.manifests;
  const overlay = given?.origin ?? overlayPath(request.control, request.environment);
  let resources: Resource[];
  if (given) {
    resources = resourcesFromYaml(given.yaml, overlay);
  } else {
    if (!deps.kubectl) throw new Error('bug: applyEnvironment needs kubectl (for kubectl kustomize) when no manifests are given');
    deps.logger.info(`kubectl kustomize ${overlay}`);
    resources = (await renderOverlay(deps.kubectl, overlay)).resources;
  }
  deps.logger.info(`${given ? 'Read' : 'Built'} ${resources.length} object(s) from ${overlay}.`);
  return resources;
}

/**
 * Secrets substituted, services selected, placeholders checked: the objects to apply, or undefined when an unresolved
 * placeholder stops the apply before any cluster call (a plan still shows what the rest would do).
 */
function prepare(context: ApplyContext, resources: Resource[]): KubernetesObject[] | undefined {
  const { request, logger } = context;
  const substitution = substituteSecrets(resources, request.secrets, request.registerSecret);
  const { selected, skipped } = selectServiceResources(request.control, request.environment, substitution.resources, request.services);
  for (const [object, reason] of skipped) context.record(object, 'skipped', reason);

  const selectedKeys = new Set(selected.map((resource) => keyOf(resource.object)));
  const placeholders = substitution.placeholders.filter((placeholder) =>
    selectedKeys.has(keyOf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: placeholder.secret, namespace: placeholder.namespace } })),
  );
  context.report.placeholders = placeholders.map(({ secret, namespace, key, field }) => ({ secret, ...(namespace ? { namespace } : {}), key, field }));
  if (substitution.unused.length > 0) {
    context.warn(`Supplied secret value(s) matched no Secret key and were not used: ${substitution.unused.join(', ')}`);
  }
  logger.info(`${selected.length} object(s) selected, ${skipped.length} skipped; ${substitution.substituted.length} secret value(s) substituted in memory.`);

  const objects = selected.map((resource) => resource.object);
  if (placeholders.length === 0) return objects;
  for (const placeholder of placeholders) {
    const where = `${placeholder.namespace ? `${placeholder.namespace}/` : ''}${placeholder.secret}`;
    context.fail(
      `Secret ${where}: key ${placeholder.key} (${placeholder.field}) still holds a placeholder; supply a value named "${placeholder.key}" or "${placeholder.secret}/${placeholder.key}" in the secrets input. Refusing to deploy a well-known value.`,
    );
  }
  if (request.dryRun) return objects;
  for (const object of objects) context.record(object, 'skipped', 'not applied: unresolved secret placeholders (see errors)');
  return undefined;
}

async function applyStages(context: ApplyContext, objects: KubernetesObject[]): Promise<void> {
  const runner = new StageRunner(context);
  let stopped: string | undefined;
  for (const [index, [name, stage]] of stagesOf(objects).entries()) {
    if (stage.length === 0) continue;
    if (stopped) {
      for (const object of stage) context.record(object, 'skipped', stopped);
      continue;
    }
    try {
      const verb = context.request.dryRun ? 'Plan' : 'Apply';
      const completed = await context.logger.group(`${verb} stage ${index + 1}: ${name} (${stage.length})`, () => runner.run(stage, index === 0));
      if (!completed) stopped = 'not applied: an earlier stage failed (see errors)';
    } catch (error) {
      if (!(error instanceof ApplyAbort)) throw error;
      const message = context.redact(error.message);
      context.fail(message);
      for (const object of stage) if (!context.resultOf(object)) context.record(object, 'failed', firstLine(message));
      stopped = 'not applied: an earlier stage failed (see errors)';
    }
  }
}

function finish(context: ApplyContext, order: Map<string, number>): ApplyReport {
  const report = context.report;
  const position = (result: ResourceResult) => order.get(resourceKeyOf(result)) ?? Number.MAX_SAFE_INTEGER;
  report.resources = context.allResults().sort((a, b) => position(a) - position(b));
  report.workloads = report.resources
    .filter((result) => WORKLOAD_KINDS.has(result.kind) && ['created', 'configured', 'recreated'].includes(result.action))
    .map(({ kind, namespace, name }) => ({ kind, ...(namespace ? { namespace } : {}), name }));
  const waited = new Set(report.workloads.map((workload) => refKey(workload)));
  for (const key of [...report.templatesBefore.keys()]) if (!waited.has(key)) report.templatesBefore.delete(key);
  if (report.errors.length > 0) report.ok = false;
  return report;
}

function resourceKeyOf(id: ResourceId): string {
  return keyOf({ apiVersion: '', kind: id.kind, metadata: { name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) } });
}

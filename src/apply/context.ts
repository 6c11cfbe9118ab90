import { environmentSettings, type ImmutableRecovery } from '../config/deploy-control.js';
import { KubeApiError, UnknownKindError } from '../k8s/api-error.js';
import type { KubeClient } from '../k8s/client.js';
import { ClusterUnreachableError } from '../k8s/unreachable.js';
import type { Clock, Logger } from '../log.js';
import { idOf, type KubernetesObject } from '../manifests/resource.js';
import { credentialProblemOf, credentialSentence, objectErrorOf, type ObjectError } from './errors.js';
import { describe, keyOf } from './objects.js';
import { redactor } from '../secrets/mask.js';
import type { ApplyReport, ApplyRequest, ResourceAction, ResourceResult } from './types.js';

/** Stops the whole apply: credentials or RBAC refused, the API server unreachable. */
export class ApplyAbort extends Error {
  override name = 'ApplyAbort';
}

const MAX_QUOTE = 600;

/**
 * One apply run's state and tools, shared by its stages: the client, the environment's policy, the results so far
 * (one per object) and the report, with every text redacted before it is kept or logged.
 */
export class ApplyContext {
  readonly report: ApplyReport;
  readonly redact: (text: string) => string;
  readonly policy: ImmutableRecovery;
  readonly readyTimeoutMs: number;
  private readonly results = new Map<string, ResourceResult>();

  constructor(
    readonly request: ApplyRequest,
    readonly kube: KubeClient,
    readonly clock: Clock,
    readonly logger: Logger,
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

  record(object: KubernetesObject, action: ResourceAction, reason?: string): void {
    const result: ResourceResult = { ...idOf(object), action };
    if (reason) result.reason = this.redact(reason);
    this.results.set(keyOf(object), result);
  }

  resultOf(object: KubernetesObject): ResourceResult | undefined {
    return this.results.get(keyOf(object));
  }

  allResults(): ResourceResult[] {
    return [...this.results.values()];
  }

  fail(message: string): void {
    this.report.ok = false;
    this.report.errors.push(this.redact(message));
  }

  warn(message: string): void {
    this.report.warnings.push(this.redact(message));
    this.logger.warning(this.redact(message));
  }

  /**
   * One API call that must be answered for the run to go on: credentials or RBAC refused, or no answer at all (the
   * client has already retried), stop the apply with one sentence; every other refusal is the caller's to judge.
   */
  async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw abortFor(what, error) ?? error;
    }
  }

  /**
   * One object's own request (dry run, apply): its refusal comes back as that object's error, an unknown kind too;
   * what concerns the whole run (credentials, an unreachable server) stops it.
   */
  async ask(what: string, object: KubernetesObject, request: () => Promise<KubernetesObject>): Promise<Answer> {
    try {
      return { object, result: await request() };
    } catch (error) {
      const abort = abortFor(what, error);
      if (abort) throw abort;
      if (error instanceof KubeApiError || error instanceof UnknownKindError) return { object, error: objectErrorOf(error, object) };
      throw error;
    }
  }
}

/** The server's answer to one object's request. */
export interface Answer {
  object: KubernetesObject;
  result?: KubernetesObject;
  error?: ObjectError;
}

function abortFor(what: string, error: unknown): ApplyAbort | undefined {
  const credentials = credentialProblemOf(error);
  if (credentials) return new ApplyAbort(`${what}: ${credentialSentence(credentials)}`);
  if (error instanceof ClusterUnreachableError) return new ApplyAbort(`${what}: ${error.message}`);
  return undefined;
}

export function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE)}…` : trimmed;
}

export function summarize(objects: readonly KubernetesObject[]): string {
  const names = objects.slice(0, 3).map((object) => describe(idOf(object)));
  return `${objects.length} object(s) (${names.join(', ')}${objects.length > 3 ? ', …' : ''})`;
}

import { isForbidden, isUnauthorized, KubeApiError, UnknownKindError } from '../k8s/api-error.js';

/**
 * What the API server said about one object, from its `Status` (each object is its own request, so the attribution is
 * exact). Every decision below reads the typed fields — reason, code, `details.causes[].field` — and only the
 * documented fallback for admission webhooks and CEL rules reads text.
 */
export interface FieldCause {
  /** The field the server names, e.g. `spec.selector`, `spec.clusterIPs[0]`, `spec` (a StatefulSet never says more). */
  field: string;
  /** The cause's reason: `FieldValueInvalid`, `FieldValueForbidden`, … */
  type: string;
  /** The server's text for this cause (may be multi-line, e.g. the PVC spec diff). */
  detail: string;
}

export interface ObjectError {
  kind: string;
  name: string;
  namespace?: string;
  /** The Status reason: `Invalid`, `Conflict`, `BadRequest`, …; `UnknownKind` when discovery does not serve the kind. */
  reason: string;
  code: number;
  causes: FieldCause[];
  /** The server's message for this object, verbatim. */
  message: string;
}

/** The error of one object's request, named by the object it was sent for. */
export function objectErrorOf(error: KubeApiError | UnknownKindError, object: { kind: string; metadata: { name: string; namespace?: string } }): ObjectError {
  const id = {
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
  if (error instanceof UnknownKindError) return { ...id, reason: 'UnknownKind', code: 0, causes: [], message: error.message };
  return {
    ...id,
    reason: error.reason,
    code: error.code,
    causes: error.details.causes.map((cause) => ({ field: cause.field ?? '', type: cause.reason ?? '', detail: cause.message })),
    message: error.message,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Credentials: 401 (the credentials themselves) and 403 (RBAC), one sentence for every caller.

export interface CredentialProblem {
  kind: 'unauthorized' | 'forbidden' | 'certificate';
  /** What the user should fix, naming the credential. */
  explanation: string;
  /** The server's words. */
  quote: string;
}

/** The sentence every caller prints for rejected credentials or RBAC: what is wrong, then the server's own words. */
export function credentialSentence(problem: CredentialProblem): string {
  return `${problem.explanation} The server said: "${problem.quote}"`;
}

const UNAUTHORIZED_EXPLANATION =
  'the API server rejected the credentials in the kubeconfig (401 Unauthorized): its user token or client certificate is invalid, expired or for another cluster. Update the kubeconfig secret.';

function forbiddenExplanation(who: string | undefined): string {
  return `the kubeconfig's identity${who ? ` "${who}"` : ''} is authenticated but not allowed to do this (403 Forbidden by RBAC). Grant it the missing permission (Role/ClusterRole binding) or use a kubeconfig with more rights.`;
}

/**
 * A refusal of the credentials (401) or of the identity's rights (403), decided from the code. The user named in the
 * message (`User "jane" cannot patch …`) only completes the sentence.
 */
export function credentialProblemOf(error: unknown): CredentialProblem | undefined {
  if (!(error instanceof KubeApiError)) return undefined;
  const quote = error.message.trim().split('\n')[0] ?? '';
  if (isUnauthorized(error)) return { kind: 'unauthorized', quote: quote || 'Unauthorized', explanation: UNAUTHORIZED_EXPLANATION };
  if (isForbidden(error)) return { kind: 'forbidden', quote, explanation: forbiddenExplanation(/User "([^"]+)"/.exec(quote)?.[1]) };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Immutable fields.

/** Kinds k8sapp may delete and re-create when the server refuses an immutable change. */
export const RECREATABLE_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Service', 'Job']);

/**
 * Fields the built-in validation refuses to change, per kind, as the server names them in `causes[].field` (kube-
 * apiserver 1.28, test/fixtures/kubernetes). A StatefulSet only ever says `spec` (Forbidden), and so do a Pod and a
 * PersistentVolumeClaim; a `spec` cause of another reason (a value the server finds invalid) is not about mutability.
 */
const IMMUTABLE_FIELDS: Record<string, { field: RegExp; reasons?: string[] }[]> = {
  StatefulSet: [{ field: /^spec$/, reasons: ['FieldValueForbidden'] }],
  Deployment: [{ field: /^spec\.selector$/ }],
  ReplicaSet: [{ field: /^spec\.selector$/ }],
  DaemonSet: [{ field: /^spec\.selector$/ }],
  Job: [{ field: /^spec\.(selector|template|completions|completionMode)$/ }],
  Service: [{ field: /^spec\.clusterIPs?(\[\d+\])?$/ }],
  PersistentVolumeClaim: [{ field: /^spec(\.resources\.requests\.storage)?$/, reasons: ['FieldValueForbidden'] }],
  ConfigMap: [{ field: /^(data|binaryData)$/, reasons: ['FieldValueForbidden'] }],
  Secret: [{ field: /^(data|stringData|type)$/, reasons: ['FieldValueForbidden'] }],
  Pod: [{ field: /^spec$/, reasons: ['FieldValueForbidden'] }],
};

/**
 * The documented text fallback (as fluxcd/pkg ssa/errors does it): admission webhooks and CEL rules
 * (`x-kubernetes-validations: self == oldSelf`) carry their own words, and apimachinery's `field is immutable`.
 */
const IMMUTABLE_TEXT = /\bis immutable\b|\bimmutable field\b|may not change once set/i;

function isImmutableCause(kind: string, reason: string, cause: FieldCause): boolean {
  const known =
    reason === 'Invalid' && (IMMUTABLE_FIELDS[kind] ?? []).some((rule) => rule.field.test(cause.field) && (!rule.reasons || rule.reasons.includes(cause.type)));
  return known || IMMUTABLE_TEXT.test(cause.detail);
}

export type FailureClass =
  /** Every cause is an immutable field on a kind k8sapp may re-create. */
  | 'recreatable'
  /** A PersistentVolumeClaim change the server refuses: never deleted, fails with guidance. */
  | 'pvc'
  /** Immutable on a kind k8sapp never re-creates (immutable ConfigMap/Secret, bare Pod, …). */
  | 'immutable'
  /** Anything else the server refused (validation, admission, a missing namespace, an unknown kind). */
  | 'rejected';

export function classifyObjectError(error: ObjectError): FailureClass {
  if (error.reason === 'UnknownKind') return 'rejected';
  // A webhook denial has no causes: its message is the one cause the fallback can read.
  const causes = error.causes.length > 0 ? error.causes : [{ field: '', type: '', detail: error.message }];
  const immutable = causes.filter((cause) => isImmutableCause(error.kind, error.reason, cause));
  if (error.kind === 'PersistentVolumeClaim' && immutable.length > 0) return 'pvc';
  if (immutable.length > 0 && immutable.length === causes.length && RECREATABLE_KINDS.has(error.kind)) return 'recreatable';
  if (immutable.length > 0) return 'immutable';
  return 'rejected';
}

/** The fields a StatefulSet may change, as the server lists them (`'replicas', 'ordinals', …`): for reporting only. */
export function allowedStatefulSetFields(detail: string): string[] {
  const list = /fields other than (.*) are forbidden/.exec(detail)?.[1];
  if (!list) return [];
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '').filter(Boolean);
}

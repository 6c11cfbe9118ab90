/**
 * Parsing of what kubectl prints on stderr when an apply fails, as captured verbatim from kube-apiserver 1.28 with
 * kubectl 1.27/1.28/1.32 (test/fixtures/kubernetes). Three shapes name an object:
 *
 * - one failing object:      `The StatefulSet "web" is invalid: spec: Forbidden: …`
 * - several (server-side):   `Error from server (Invalid): StatefulSet.apps "web" is invalid: …` (one block each)
 * - several (client-side):   `Error from server (Invalid): error when applying patch:` … `Name: "web", Namespace: "ns"`
 *                            … `for: "f.yaml": error when patching "f.yaml": StatefulSet.apps "web" is invalid: …`
 *
 * Everything else (credentials, connection, conflicts) names no object and is returned as a general error.
 */

import { KubeApiError } from '../k8s/api-error.js';

export interface FieldCause {
  /** The field the server names, e.g. `spec.selector`, `spec.clusterIPs[0]`, `spec` (StatefulSet: never more). */
  field: string;
  /** The Kubernetes field-error type: Forbidden, Invalid value, Required value, … */
  type: string;
  /** The rest of the server's text for this cause (may be multi-line, e.g. the PVC spec diff). */
  detail: string;
}

export interface ObjectError {
  kind: string;
  /** API group when kubectl printed one (`StatefulSet.apps`); core kinds have none. */
  group?: string;
  namespace?: string;
  name: string;
  /** `Invalid`, `Forbidden`, `Conflict`, … (`Invalid` for the short `The X "n" is invalid:` form). */
  reason: string;
  causes: FieldCause[];
  /** The server's message for this object, verbatim (trimmed). */
  message: string;
  /** For Forbidden/NotFound messages that name a plural resource (`deployments.apps`) instead of a kind. */
  resource?: string;
}

export interface ParsedErrors {
  objects: ObjectError[];
  /** Blocks that name no object (connection, credentials, conflicts, unknown). */
  general: string[];
  /** `Warning: …` lines (e.g. PodSecurity); not failures. */
  warnings: string[];
}

const FIELD_ERROR_TYPES = [
  'Forbidden',
  'Invalid value',
  'Required value',
  'Unsupported value',
  'Duplicate value',
  'Not found',
  'Too long',
  'Too many',
  'Internal error',
];
const CAUSE_START = new RegExp(`(?:^\\* |^|, |\\[|\\n\\* )([A-Za-z][\\w.\\[\\]*"=\\-/]*): (${FIELD_ERROR_TYPES.join('|')}): ?`, 'g');

const BLOCK_START = /^(Error from server(?: \(|: )|The [A-Z]\w* "[^"]*" is invalid:|error: |Warning: |The connection to the server )/;

/** Splits kubectl stderr into one block per reported error. */
export function splitBlocks(stderr: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of stderr.replace(/\r\n/g, '\n').split('\n')) {
    if (BLOCK_START.test(line) || !current) {
      if (current) blocks.push(current.join('\n'));
      current = [line];
    } else {
      current.push(line);
    }
  }
  if (current) blocks.push(current.join('\n'));
  return blocks.map((block) => block.trimEnd()).filter((block) => block.trim() !== '');
}

/** Splits the text after `is invalid: ` into its field causes. */
export function parseCauses(text: string): FieldCause[] {
  let body = text.trim();
  if (body.startsWith('[') && body.endsWith(']')) body = body.slice(1, -1);
  const starts: { index: number; end: number; field: string; type: string }[] = [];
  CAUSE_START.lastIndex = 0;
  for (let match = CAUSE_START.exec(body); match; match = CAUSE_START.exec(body)) {
    starts.push({ index: match.index, end: match.index + match[0].length, field: match[1] ?? '', type: match[2] ?? '' });
  }
  if (starts.length === 0) return body ? [{ field: '', type: '', detail: body }] : [];
  return starts.map((start, position) => {
    const next = starts[position + 1];
    let detail = body.slice(start.end, next ? next.index : undefined);
    detail = detail.replace(/^\s*\n/, '').trimEnd();
    return { field: start.field, type: start.type, detail };
  });
}

const SHORT_FORM = /^The ([A-Z]\w*) "([^"]*)" is invalid: ?([\s\S]*)$/;
const QUALIFIED_INVALID = /(?:^|: )([A-Z]\w*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)" is invalid: ?([\s\S]*)$/;
const RESOURCE_MESSAGE = /(?:^|: )([a-z][a-z0-9]*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)" (is forbidden|not found|already exists)(: [\s\S]*)?$/;
const OPERATION_ON = /Operation cannot be fulfilled on ([a-z][a-z0-9]*)(?:\.([a-z0-9][\w.-]*))? "([^"]+)"/;

/** Parses kubectl's stderr into per-object errors plus whatever names no object. */
export function parseKubectlErrors(stderr: string): ParsedErrors {
  const parsed: ParsedErrors = { objects: [], general: [], warnings: [] };
  for (const block of splitBlocks(stderr)) {
    if (block.startsWith('Warning: ')) {
      parsed.warnings.push(block);
      continue;
    }
    const short = SHORT_FORM.exec(block);
    if (short) {
      const [, kind = '', name = '', rest = ''] = short;
      parsed.objects.push({ kind, name, reason: 'Invalid', causes: parseCauses(rest), message: block.trim() });
      continue;
    }
    const server = /^Error from server \(([A-Za-z]+)\): ([\s\S]*)$/.exec(block);
    if (server) {
      const reason = server[1] ?? '';
      const object = parseServerBlock(reason, server[2] ?? '');
      if (object) parsed.objects.push(object);
      else parsed.general.push(block.trim());
      continue;
    }
    parsed.general.push(block.trim());
  }
  return parsed;
}

function parseServerBlock(reason: string, body: string): ObjectError | undefined {
  // Client-side form: the object is named on its own line, the server's message follows the last `": `.
  const named = /^Name: "([^"]*)", Namespace: "([^"]*)"$/m.exec(body);
  const gvk = /GroupVersionKind: "([^"]*), Kind=([A-Za-z0-9]+)"/.exec(body);
  let message = body;
  const forLine = /^(?:for|from server for): "[^"]*": (?:error when [a-z]+ "[^"]*": )?([\s\S]*)$/m.exec(body);
  if (forLine) message = forLine[1] ?? body;
  const invalid = QUALIFIED_INVALID.exec(message);
  if (invalid) {
    const [, kind = '', group, name = '', rest = ''] = invalid;
    const error: ObjectError = { kind, name, reason, causes: parseCauses(rest), message: trimMessage(message) };
    if (group) error.group = group;
    if (named?.[2]) error.namespace = named[2];
    return error;
  }
  if (named && gvk) {
    const group = (gvk[1] ?? '').includes('/') ? (gvk[1] ?? '').split('/')[0] : undefined;
    const error: ObjectError = { kind: gvk[2] ?? '', name: named[1] ?? '', reason, causes: [], message: trimMessage(message) };
    if (group) error.group = group;
    if (named[2]) error.namespace = named[2];
    return error;
  }
  const resource = RESOURCE_MESSAGE.exec(message.split('\n')[0] ?? '');
  if (resource && resource[4] !== 'not found') {
    const [, plural = '', group, name = ''] = resource;
    // `namespaces "x" not found` and similar name the missing dependency, not the object being applied.
    const error: ObjectError = { kind: '', resource: plural, name, reason, causes: [], message: trimMessage(message) };
    if (group) error.group = group;
    return error;
  }
  const operation = OPERATION_ON.exec(message);
  if (operation) {
    const [, plural = '', group, name = ''] = operation;
    const error: ObjectError = { kind: '', resource: plural, name, reason, causes: [], message: trimMessage(message) };
    if (group) error.group = group;
    return error;
  }
  return undefined;
}

function trimMessage(message: string): string {
  return message.trim();
}

/** `Deployment` → `deployments`, `NetworkPolicy` → `networkpolicies`, `Ingress` → `ingresses`. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

// ---------------------------------------------------------------------------------------------------------------
// What kind of failure: transient (retry), credentials (stop, say which), or something about an object.

const TRANSIENT_PATTERNS: RegExp[] = [
  /The connection to the server \S+ was refused/,
  /connect: connection refused/,
  /TLS handshake timeout/,
  /i\/o timeout/,
  /connection reset by peer/,
  /http2: client connection lost/,
  /unexpected EOF/,
  /net\/http: request canceled/,
  /Client\.Timeout exceeded/,
  /etcdserver: (leader changed|request timed out|too many requests)/,
  /Error from server \((TooManyRequests|InternalError|ServiceUnavailable|Timeout|ServerTimeout)\)/,
  /the server is currently unable to handle the request/,
  /the server has received too many requests/,
  /the server was unable to return a response in the time allotted/,
  /\b(429|500|502|503|504) (Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)/,
  /no route to host/,
];

/** A failure worth retrying: the API server was unreachable, overloaded or between etcd leaders. */
export function isTransient(stderr: string): boolean {
  return TRANSIENT_PATTERNS.some((pattern) => pattern.test(stderr));
}

export interface CredentialProblem {
  kind: 'unauthorized' | 'forbidden' | 'certificate';
  /** What the user should fix, naming the credential. */
  explanation: string;
  /** The server's (or kubectl's) words. */
  quote: string;
}

/**
 * Unauthorized (401: the kubeconfig's token/certificate was rejected), Forbidden by RBAC (403: the identity is
 * known but may not do this) or a TLS trust problem. 1.27 prints `You must be logged in to the server (…)`; 1.28+
 * fail earlier while downloading the OpenAPI schema with `the server has asked for the client to provide
 * credentials`.
 */
/** The sentence every caller prints for rejected credentials or RBAC: what is wrong, then the server's own words. */
export function credentialSentence(problem: CredentialProblem): string {
  return `${problem.explanation} The server said: "${problem.quote}"`;
}

const UNAUTHORIZED_EXPLANATION =
  'the API server rejected the credentials in the kubeconfig (401 Unauthorized): its user token or client certificate is invalid, expired or for another cluster. Update the kubeconfig secret.';

function forbiddenExplanation(who: string | undefined): string {
  return `the kubeconfig's identity${who ? ` "${who}"` : ''} is authenticated but not allowed to do this (403 Forbidden by RBAC). Grant it the missing permission (Role/ClusterRole binding) or use a kubeconfig with more rights.`;
}

/** The same problem from the API client's typed error: 401 → the credentials, 403 → RBAC; anything else → undefined. */
export function apiCredentialProblem(error: unknown): CredentialProblem | undefined {
  if (!(error instanceof KubeApiError)) return undefined;
  if (error.code === 401) return { kind: 'unauthorized', quote: error.message, explanation: UNAUTHORIZED_EXPLANATION };
  if (error.code !== 403) return undefined;
  const who = /User "([^"]+)"/.exec(error.message)?.[1];
  return { kind: 'forbidden', quote: error.message, explanation: forbiddenExplanation(who) };
}

export function credentialProblem(stderr: string): CredentialProblem | undefined {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const find = (pattern: RegExp) => lines.find((line) => pattern.test(line));
  const unauthorized = find(/You must be logged in to the server|the server has asked for the client to provide credentials|\(Unauthorized\)|^Unauthorized$/);
  if (unauthorized) {
    return {
      kind: 'unauthorized',
      quote: unauthorized,
      explanation: UNAUTHORIZED_EXPLANATION,
    };
  }
  const forbidden = find(/cannot [a-z]+ resource "[^"]+"/);
  if (forbidden) {
    const who = /User "([^"]+)"/.exec(forbidden)?.[1];
    return {
      kind: 'forbidden',
      quote: forbidden,
      explanation: forbiddenExplanation(who),
    };
  }
  const certificate = find(/x509: |certificate signed by unknown authority|certificate has expired/);
  if (certificate) {
    return {
      kind: 'certificate',
      quote: certificate,
      explanation:
        "kubectl does not trust the API server's TLS certificate: the kubeconfig's certificate-authority-data does not belong to this cluster, or a certificate expired.",
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Immutable fields.

/** Kinds k8sapp may delete and re-create when the server refuses an immutable change. */
export const RECREATABLE_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Service', 'Job']);

const IMMUTABLE_PATTERNS = [
  /field is immutable/,
  /may not change once set/,
  /updates to statefulset spec for fields other than/,
  /spec is immutable after creation/,
  /field can not be less than previous value/,
  /pod updates may not change fields other than/,
  /\bis immutable\b/,
  /\bimmutable field\b/,
];

export function isImmutableCause(cause: FieldCause): boolean {
  const text = `${cause.type}: ${cause.detail}`;
  return IMMUTABLE_PATTERNS.some((pattern) => pattern.test(text));
}

export type FailureClass =
  /** Every cause is an immutable field on a kind k8sapp may re-create. */
  | 'recreatable'
  /** A PersistentVolumeClaim change the server refuses: never deleted, fails with guidance. */
  | 'pvc'
  /** Immutable on a kind k8sapp never re-creates (immutable ConfigMap/Secret, bare Pod, …). */
  | 'immutable'
  /** Anything else the server refused (validation, admission, RBAC on one object). */
  | 'rejected';

export function classifyObjectError(error: ObjectError): FailureClass {
  const immutable = error.causes.filter(isImmutableCause);
  if (error.kind === 'PersistentVolumeClaim' && immutable.length > 0) return 'pvc';
  if (immutable.length > 0 && immutable.length === error.causes.length && RECREATABLE_KINDS.has(error.kind)) return 'recreatable';
  if (immutable.length > 0) return 'immutable';
  return 'rejected';
}

/** The fields a StatefulSet may change, as the server lists them (`'replicas', 'ordinals', …`). */
export function allowedStatefulSetFields(detail: string): string[] {
  const list = /fields other than (.*) are forbidden/.exec(detail)?.[1];
  if (!list) return [];
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '').filter(Boolean);
}

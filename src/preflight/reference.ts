/**
 * Image references parsed the way the container runtime parses them (distribution/reference's grammar and Docker's
 * normalisation, which containerd and CRI-O share): `[domain/]path[:tag][@digest]`, default domain docker.io (served
 * by registry-1.docker.io), `library/` for single-segment Docker Hub names, default tag `latest`, and a digest that
 * wins over a tag when both are given.
 *
 * Why not a library: the one maintained-looking port of distribution/reference on npm has a single release and one
 * maintainer; the grammar is a dozen regular expressions, kept here with tests derived from distribution's own.
 */

// distribution/reference regexp.go, spelled out (v2.8 plus the bracketed IPv6 hosts of later releases).
const ALPHA_NUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`);
const PATH_ONLY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;

/** distribution's limit on the whole name (domain and path). */
const NAME_TOTAL_LENGTH_MAX = 255;

/** Hex lengths the runtime's digest package accepts per algorithm (go-digest). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

export interface ImageReference {
  /** As written in the manifest. */
  original: string;
  /** The registry domain as the runtime names it: docker.io, ghcr.io, 127.0.0.1:5000, localhost:5000, [::1]:5000. */
  domain: string;
  /** The host the distribution API is spoken to (docker.io → registry-1.docker.io). */
  registry: string;
  /** Repository path inside the registry, e.g. library/nginx. */
  repository: string;
  /** The tag written, else `latest` when no digest is given; undefined for a digest-only reference. */
  tag?: string;
  /** sha256:… when written. */
  digest?: string;
  /** What the runtime asks the registry for: the digest when given (a tag next to it is ignored), else the tag. */
  manifestReference: string;
  /** The fully qualified reference, e.g. docker.io/library/nginx:latest. */
  canonical: string;
}

export class ReferenceError extends Error {
  constructor(
    readonly reference: string,
    readonly reason: string,
  ) {
    super(`"${reference}" is not a valid image reference: ${reason}`);
    this.name = 'ReferenceError';
  }
}

/** Docker's splitDockerDomain: the first segment is a domain when it has a dot or a colon, is localhost, or has capitals. */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let domain = isDomain ? first : DOCKER_HUB_DOMAIN;
  let path = isDomain ? name.slice(slash + 1) : name;
  if (domain === 'index.docker.io') domain = DOCKER_HUB_DOMAIN;
  if (domain === DOCKER_HUB_DOMAIN && !path.includes('/')) path = `library/${path}`;
  return { domain, path };
}

/** Parses an image reference as the kubelet's runtime would; throws ReferenceError with the runtime's reason. */
export function parseImageReference(input: string): ImageReference {
  const original = input;
  if (input === '') throw new ReferenceError(input, 'the reference is empty');
  if (input !== input.trim()) throw new ReferenceError(input, 'it has leading or trailing whitespace');
  if (ANCHORED_IDENTIFIER.test(input)) throw new ReferenceError(input, 'a 64-character hexadecimal string is an image ID, not a repository name');

  const match = REFERENCE.exec(input);
  if (!match) {
    const nameOnly = input.split('@')[0]?.replace(/:[^/:]*$/, '') ?? input;
    if (nameOnly && /[A-Z]/.test(splitDomain(nameOnly).path)) throw new ReferenceError(input, 'the repository name must be lowercase');
    throw new ReferenceError(
      input,
      'it does not match [registry[:port]/]name[:tag][@digest] (names are lowercase letters, digits and . _ - separators; tags at most 128 characters of letters, digits, _ . -)',
    );
  }
  const [, name = '', tag, digest] = match;
  if (name.length > NAME_TOTAL_LENGTH_MAX) throw new ReferenceError(input, `the repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`);

  const { domain, path } = splitDomain(name);
  if (!DOMAIN_ONLY.test(domain)) throw new ReferenceError(input, `"${domain}" is not a registry host[:port]`);
  if (!PATH_ONLY.test(path)) throw new ReferenceError(input, 'the repository name must be lowercase');
  if (digest) {
    const [algorithm = '', hex = ''] = digest.split(':');
    const expected = DIGEST_HEX_LENGTH[algorithm];
    if (expected === undefined) throw new ReferenceError(input, `digest algorithm "${algorithm}" is not supported (sha256, sha384, sha512)`);
    if (hex.length !== expected || /[A-F]/.test(hex)) throw new ReferenceError(input, `a ${algorithm} digest is ${expected} lowercase hexadecimal characters`);
  }

  const effectiveTag = tag ?? (digest ? undefined : 'latest');
  const canonical = `${domain}/${path}${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    original,
    domain,
    registry: domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_REGISTRY : domain,
    repository: path,
    ...(effectiveTag ? { tag: effectiveTag } : {}),
    ...(digest ? { digest } : {}),
    manifestReference: digest ?? (effectiveTag as string),
    canonical,
  };
}

/** The reference with its digest pinned, keeping the tag for people reading it: `name:tag@sha256:…`. */
export function pinnedReference(reference: ImageReference, digest: string): string {
  const base = reference.original.split('@')[0] as string;
  return `${base}@${digest}`;
}

/** Loopback registries the runtimes treat as insecure by default (plain HTTP allowed). */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(0, registry.indexOf(']') + 1) : (registry.split(':')[0] ?? registry);
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  servicesSelectingNothing
} from "./chunk-TMJPOBLI.js";
import {
  checkClusterConfig
} from "./chunk-ONBTLNLY.js";
import {
  overlayDependencies
} from "./chunk-5S4EP2TH.js";
import {
  buildOverlay
} from "./chunk-F3BAHKAQ.js";
import {
  silentLogger
} from "./chunk-WIIGQYE6.js";
import {
  KubeApiError
} from "./chunk-YFCLFOYO.js";
import {
  controlFileIn,
  loadDeployControl,
  overlayPath
} from "./chunk-ZQ3QI6WY.js";
import {
  parseYaml,
  parseYamlStream
} from "./chunk-3F3HULD2.js";
import {
  isRecord
} from "./chunk-5YOTZDGR.js";
import {
  ConfigurationError,
  hasErrors
} from "./chunk-LJ22TVXO.js";

// src/preflight/reference.ts
var ALPHA_NUMERIC = "[a-z0-9]+", SEPARATOR = "(?:[._]|__|[-]+)", PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`, DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])", IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]", HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})`, DOMAIN = `${HOST}(?::[0-9]+)?`, TAG = "[\\w][\\w.-]{0,127}", DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}", NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`, REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`), DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`), PATH_ONLY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`), ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/, NAME_TOTAL_LENGTH_MAX = 255, DIGEST_HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128 }, DOCKER_HUB_DOMAIN = "docker.io", DOCKER_HUB_REGISTRY = "registry-1.docker.io", ReferenceError = class extends Error {
  constructor(reference, reason) {
    super(`"${reference}" is not a valid image reference: ${reason}`);
    this.reference = reference;
    this.reason = reason;
    this.name = "ReferenceError";
  }
  reference;
  reason;
};
function splitDomain(name) {
  let slash = name.indexOf("/"), first = slash === -1 ? "" : name.slice(0, slash), isDomain = slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first), domain = isDomain ? first : DOCKER_HUB_DOMAIN, path = isDomain ? name.slice(slash + 1) : name;
  return domain === "index.docker.io" && (domain = DOCKER_HUB_DOMAIN), domain === DOCKER_HUB_DOMAIN && !path.includes("/") && (path = `library/${path}`), { domain, path };
}
function parseImageReference(input) {
  let original = input;
  if (input === "") throw new ReferenceError(input, "the reference is empty");
  if (input !== input.trim()) throw new ReferenceError(input, "it has leading or trailing whitespace");
  if (ANCHORED_IDENTIFIER.test(input)) throw new ReferenceError(input, "a 64-character hexadecimal string is an image ID, not a repository name");
  let match = REFERENCE.exec(input);
  if (!match) {
    let nameOnly = input.split("@")[0]?.replace(/:[^/:]*$/, "") ?? input;
    throw nameOnly && /[A-Z]/.test(splitDomain(nameOnly).path) ? new ReferenceError(input, "the repository name must be lowercase") : new ReferenceError(
      input,
      "it does not match [registry[:port]/]name[:tag][@digest] (names are lowercase letters, digits and . _ - separators; tags at most 128 characters of letters, digits, _ . -)"
    );
  }
  let [, name = "", tag, digest] = match;
  if (name.length > NAME_TOTAL_LENGTH_MAX) throw new ReferenceError(input, `the repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`);
  let { domain, path } = splitDomain(name);
  if (!DOMAIN_ONLY.test(domain)) throw new ReferenceError(input, `"${domain}" is not a registry host[:port]`);
  if (!PATH_ONLY.test(path)) throw new ReferenceError(input, "the repository name must be lowercase");
  if (digest) {
    let [algorithm = "", hex = ""] = digest.split(":"), expected = DIGEST_HEX_LENGTH[algorithm];
    if (expected === void 0) throw new ReferenceError(input, `digest algorithm "${algorithm}" is not supported (sha256, sha384, sha512)`);
    if (hex.length !== expected || /[A-F]/.test(hex)) throw new ReferenceError(input, `a ${algorithm} digest is ${expected} lowercase hexadecimal characters`);
  }
  let effectiveTag = tag ?? (digest ? void 0 : "latest"), canonical = `${domain}/${path}${effectiveTag ? `:${effectiveTag}` : ""}${digest ? `@${digest}` : ""}`;
  return {
    original,
    domain,
    registry: domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_REGISTRY : domain,
    repository: path,
    ...effectiveTag ? { tag: effectiveTag } : {},
    ...digest ? { digest } : {},
    manifestReference: digest ?? effectiveTag,
    canonical
  };
}
function pinnedReference(reference, digest) {
  return `${reference.original.split("@")[0]}@${digest}`;
}
function isLoopbackRegistry(registry) {
  let host = registry.startsWith("[") ? registry.slice(0, registry.indexOf("]") + 1) : registry.split(":")[0] ?? registry;
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

// src/preflight/credentials.ts
var CredentialStore = class {
  entries = [];
  add(key, credential) {
    this.entries.push({ ...normalizeRegistryKey(key), credential });
  }
  merge(other) {
    this.entries.push(...other.entries);
  }
  get size() {
    return this.entries.length;
  }
  /** The credential for `domain/repository`; the longest matching path wins, the first added among equals. */
  lookup(domain, repository) {
    let best;
    for (let entry of this.entries)
      entry.domain === domain && (entry.path && repository !== entry.path && !repository.startsWith(`${entry.path}/`) || (!best || entry.path.length > best.path.length) && (best = entry));
    return best?.credential;
  }
  /** Every secret string a log could show: passwords, usernames with them, and their base64 forms. */
  secretValues() {
    return this.entries.flatMap(({ credential: { username, password } }) => [password, Buffer.from(`${username}:${password}`).toString("base64")]).filter((value) => value.length >= 4);
  }
};
function normalizeRegistryKey(key) {
  let rest = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  rest = rest.replace(/\/+$/, "");
  let slash = rest.indexOf("/"), domain = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase(), path = slash === -1 ? "" : rest.slice(slash + 1);
  return (domain === "index.docker.io" || domain === "registry-1.docker.io" || domain === "registry.hub.docker.com") && (domain = DOCKER_HUB_DOMAIN), /^v[12]$/.test(path) && (path = ""), { domain, path };
}
function entryCredential(key, value, source, origin) {
  if (!isRecord(value)) throw new ConfigurationError(`${origin}: the entry for "${key}" is not an object with auth or username/password.`);
  if (typeof value.auth == "string" && value.auth !== "") {
    let decoded = Buffer.from(value.auth, "base64").toString("utf8"), colon = decoded.indexOf(":");
    if (colon === -1) throw new ConfigurationError(`${origin}: the auth of "${key}" is not base64 of "username:password".`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
  }
  if (typeof value.username == "string" && typeof value.password == "string") return { username: value.username, password: value.password, source };
}
function parseDockerConfig(text, source, origin = source) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${origin} is not JSON in the Docker config.json format ({"auths": {"registry": {"auth": "base64(user:password)"}}}).`);
  }
  if (!isRecord(parsed)) throw new ConfigurationError(`${origin} is not a JSON object in the Docker config.json format.`);
  let auths = isRecord(parsed.auths) ? parsed.auths : "auths" in parsed ? void 0 : parsed;
  if (!auths) throw new ConfigurationError(`${origin}: "auths" must be an object of registry entries.`);
  let store = new CredentialStore();
  for (let [key, value] of Object.entries(auths)) {
    let credential = entryCredential(key, value, source, origin);
    credential && store.add(key, credential);
  }
  return store;
}
function credentialsOfSecret(secret) {
  let where = `pull secret ${secret.metadata.namespace ?? "default"}/${secret.metadata.name}`, key = secret.type === "kubernetes.io/dockerconfigjson" ? ".dockerconfigjson" : secret.type === "kubernetes.io/dockercfg" ? ".dockercfg" : void 0;
  if (!key) return { problem: `${where} has type ${secret.type ?? "(none)"}, not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg` };
  let data = secret.data?.[key];
  if (!data) return { problem: `${where} has no ${key} key` };
  try {
    return { store: parseDockerConfig(Buffer.from(data, "base64").toString("utf8"), where) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

// src/validate/validate.ts
import { readdir, readFile as readFile2 } from "node:fs/promises";
import { join as join2, relative as relative2, resolve } from "node:path";

// src/validate/sources.ts
import { join, relative, sep } from "node:path";
async function yamlFilesBelow(files, directory) {
  let entries = await files.list(directory);
  if (!entries) return [];
  let found = [];
  for (let entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    let path = join(directory, entry.name);
    entry.directory ? found.push(...await yamlFilesBelow(files, path)) : /\.ya?ml$/i.test(entry.name) && found.push(path);
  }
  return found;
}
function isInside(folder, file) {
  let rel = relative(folder, file);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep);
}
function has(value, path) {
  let node = value;
  for (let segment of path)
    if (node === null || typeof node != "object" || (node = node[segment], node === void 0)) return !1;
  return !0;
}
function namespaceOf(document) {
  let namespace = document.value.metadata?.namespace;
  return typeof namespace == "string" && namespace ? namespace : void 0;
}
var SourceIndex = class _SourceIndex {
  findings = [];
  byId = /* @__PURE__ */ new Map();
  overlayDirectories = [];
  static async load(files, k8sDirectory, overlayDirectories) {
    let index = new _SourceIndex();
    index.overlayDirectories = [...overlayDirectories];
    for (let file of await yamlFilesBelow(files, k8sDirectory)) {
      let text = await files.readText(file);
      if (text === void 0) continue;
      let documents;
      try {
        documents = parseYamlStream(text, file);
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        index.findings.push(...error.findings);
        continue;
      }
      for (let document of documents) {
        let value = document.value, name = value?.metadata?.name;
        if (typeof value?.kind != "string" || typeof name != "string") continue;
        let id = `${value.kind}/${name}`, list = index.byId.get(id) ?? [];
        list.push({ file, document, kind: value.kind, name }), index.byId.set(id, list);
      }
    }
    return index;
  }
  /** A Locator for one overlay: its own files and shared bases only, never another overlay's patches. */
  locatorFor(overlayDirectory, fallback) {
    return (object, _rendered, path) => {
      let visible = (this.byId.get(`${object.kind}/${object.metadata.name}`) ?? []).filter(
        (source) => isInside(overlayDirectory, source.file) || !this.overlayDirectories.some((other) => isInside(other, source.file))
      ), narrow = (list, same) => {
        let kept = list.filter(same);
        return kept.length > 0 ? kept : list;
      }, candidates = narrow(
        narrow(visible, (source) => source.document.value.apiVersion === object.apiVersion),
        (source) => namespaceOf(source.document) === object.metadata.namespace
      );
      if (candidates.length === 0) return fallback;
      let chosen = candidates.filter((source) => isInside(overlayDirectory, source.file)).find((source) => has(source.document.value, path)) ?? candidates.find((source) => has(source.document.value, path)) ?? candidates.find((source) => !isInside(overlayDirectory, source.file)) ?? candidates[0];
      return chosen ? chosen.document.locate(path) : fallback;
    };
  }
};

// src/preflight/cluster.ts
function clusterPullSecrets(kube) {
  let read = async (kind, namespace, name) => {
    try {
      return await kube.get({ apiVersion: "v1", kind, name, ...namespace ? { namespace } : {} });
    } catch (error) {
      let why = error instanceof KubeApiError ? `${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
      throw new Error(`reading ${kind} ${name} failed: ${why.split(`
`)[0] ?? ""}`.trim(), { cause: error });
    }
  };
  return {
    async secret(namespace, name) {
      return await read("Secret", namespace, name);
    },
    async serviceAccountPullSecrets(namespace, name) {
      let account = await read("ServiceAccount", namespace, name);
      if (account)
        return (account.imagePullSecrets ?? []).map((s) => s.name ?? "").filter(Boolean);
    }
  };
}

// src/manifests/images.ts
var PATH_COMPONENT2 = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*", DOMAIN_COMPONENT2 = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])", DOMAIN2 = `(?:${DOMAIN_COMPONENT2}(?:\\.${DOMAIN_COMPONENT2})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`, TAG2 = "[\\w][\\w.-]{0,127}", DIGEST2 = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}", REFERENCE2 = new RegExp(`^((?:${DOMAIN2}/)?${PATH_COMPONENT2}(?:/${PATH_COMPONENT2})*)(?::${TAG2})?(?:@${DIGEST2})?$`), NAME_MAX = 255;
function imageReferenceProblem(image) {
  if (typeof image != "string" || image.trim() === "") return "no image is set";
  if (image !== image.trim() || /\s/.test(image)) return `"${image}" contains whitespace`;
  let match = REFERENCE2.exec(image);
  if (!match)
    return /[A-Z]/.test(
      image.split("@")[0]?.split("/").slice(image.includes("/") ? 1 : 0).join("/") ?? ""
    ) ? `"${image}" is not a valid image reference (the repository name must be lowercase)` : `"${image}" is not a valid image reference (expected [registry/]repository[:tag][@sha256:digest])`;
  if ((match[1] ?? "").length > NAME_MAX) return `"${image}" is not a valid image reference (the name is longer than ${NAME_MAX} characters)`;
}
var POD_SPEC_PATH = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"]
};
function at(value, path) {
  let current = value;
  for (let key of path) {
    if (!current || typeof current != "object") return;
    current = current[key];
  }
  return current;
}
function imageReferenceFindings(resources) {
  let findings = [];
  for (let { object, source } of resources) {
    let specPath = POD_SPEC_PATH[object.kind];
    if (!specPath) continue;
    let spec = at(object, specPath);
    for (let list of ["initContainers", "containers", "ephemeralContainers"]) {
      let containers = at(spec, [list]);
      Array.isArray(containers) && containers.forEach((container, index) => {
        let problem = imageReferenceProblem(container?.image);
        if (!problem) return;
        let path = [...specPath, list, index, "image"];
        findings.push({
          severity: "error",
          code: "IMAGE_REFERENCE",
          message: `${object.kind} ${object.metadata.name}, container ${typeof container?.name == "string" ? container.name : index}: ${problem}`,
          key: path.join("."),
          location: source.locate(path, "value")
        });
      });
    }
  }
  return findings;
}

// src/preflight/images.ts
var CONTAINER_FIELDS = ["initContainers", "containers", "ephemeralContainers"];
function at2(value, path) {
  let node = value;
  for (let segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return;
    node = node[segment];
  }
  return node;
}
function collectImages(objects) {
  let uses = [];
  for (let object of objects) {
    let specPath = POD_SPEC_PATH[object.kind];
    if (!specPath) continue;
    let spec = at2(object, specPath);
    if (!isRecord(spec)) continue;
    let pullSecrets = Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets.map((s) => isRecord(s) && typeof s.name == "string" ? s.name : "").filter(Boolean) : [], serviceAccount = typeof spec.serviceAccountName == "string" && spec.serviceAccountName ? spec.serviceAccountName : typeof spec.serviceAccount == "string" && spec.serviceAccount ? spec.serviceAccount : "default", workload = {
      kind: object.kind,
      name: object.metadata.name,
      ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {}
    };
    for (let field of CONTAINER_FIELDS) {
      let containers = spec[field];
      Array.isArray(containers) && containers.forEach((container, index) => {
        !isRecord(container) || typeof container.image != "string" || container.image === "" || uses.push({
          image: container.image,
          workload,
          container: typeof container.name == "string" ? container.name : `#${index}`,
          field,
          path: [...specPath, field, index, "image"],
          pullSecrets,
          serviceAccount
        });
      });
    }
  }
  return uses;
}
function rewriteImages(objects, uses, replacement) {
  let byObject = /* @__PURE__ */ new Map(), key = (w) => `${w.kind}/${w.namespace ?? ""}/${w.name}`;
  for (let use of uses) byObject.set(key(use.workload), [...byObject.get(key(use.workload)) ?? [], use]);
  return objects.map((object) => {
    let mine = byObject.get(
      key({ kind: object.kind, name: object.metadata.name, ...object.metadata.namespace ? { namespace: object.metadata.namespace } : {} })
    );
    if (!mine) return object;
    let copy = structuredClone(object);
    for (let use of mine) {
      let image = replacement(use);
      if (image === void 0) continue;
      let container = at2(copy, use.path.slice(0, -1));
      isRecord(container) && container.image === use.image && (container.image = image);
    }
    return copy;
  });
}

// src/preflight/locate.ts
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
function imageName(image) {
  let withoutDigest = image.split("@")[0], slash = withoutDigest.lastIndexOf("/"), colon = withoutDigest.lastIndexOf(":");
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
async function loadSources(overlayDirectory) {
  let files = [...await overlayDependencies(overlayDirectory)].filter((file) => /\.ya?ml$/.test(file) || basename(file) === "Kustomization"), sources = { kustomizations: [], manifests: [] };
  for (let file of files) {
    let documents;
    try {
      documents = parseYamlStream(await readFile(file, "utf8"), file);
    } catch {
      continue;
    }
    /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file) ? sources.kustomizations.push(...documents) : sources.manifests.push(...documents);
  }
  return sources;
}
function fromImagesTransformer(documents, use) {
  let name = imageName(use.image), found = [];
  for (let document of documents) {
    let images = document.value?.images;
    Array.isArray(images) && images.forEach((entry, index) => {
      if (!isRecord(entry) || typeof entry.name != "string" || (typeof entry.newName == "string" ? entry.newName : entry.name) !== name) return;
      let key = typeof entry.digest == "string" ? "digest" : typeof entry.newTag == "string" ? "newTag" : typeof entry.newName == "string" ? "newName" : void 0;
      key && found.push(document.locate(["images", index, key], "value"));
    });
  }
  return found;
}
function fromManifests(documents, use) {
  let image = [], workload = [], specPath = use.path.slice(0, -3);
  for (let document of documents) {
    let value = document.value;
    if (value?.kind !== use.workload.kind || value.metadata?.name !== use.workload.name) continue;
    workload.push(document.locate(["metadata", "name"]));
    let node = value;
    for (let segment of specPath) node = isRecord(node) ? node[segment] : void 0;
    let containers = isRecord(node) ? node[use.field] : void 0;
    if (!Array.isArray(containers)) continue;
    let index = containers.findIndex((c) => isRecord(c) && c.name === use.container && typeof c.image == "string");
    index !== -1 && image.push(document.locate([...specPath, use.field, index, "image"], "value"));
  }
  return { image, workload };
}
function preferOverlay(locations, overlayDirectory) {
  return locations.find((l) => l.file.startsWith(overlayDirectory)) ?? locations[0];
}
async function locateImages(overlayDirectory, uses) {
  let sources;
  try {
    sources = await loadSources(overlayDirectory);
  } catch {
    return [...uses];
  }
  return uses.map((use) => {
    let manifests = fromManifests(sources.manifests, use), location = preferOverlay(fromImagesTransformer(sources.kustomizations, use), overlayDirectory) ?? preferOverlay(manifests.image, overlayDirectory) ?? preferOverlay(manifests.workload, overlayDirectory);
    return location ? { ...use, location } : use;
  });
}

// src/preflight/preflight.ts
var describeWorkload = (w) => `${w.kind}/${w.name}${w.namespace ? ` (namespace ${w.namespace})` : ""}`, secretId = (namespace, name) => `${namespace ?? "(context namespace)"}/${name}`;
async function runPreflight(request, deps) {
  let groups = /* @__PURE__ */ new Map(), secretCache = /* @__PURE__ */ new Map(), accountCache = /* @__PURE__ */ new Map(), loadSecret = (namespace, name) => {
    let id = secretId(namespace, name), pending = secretCache.get(id);
    return pending || (pending = (async () => {
      let secret;
      try {
        secret = await request.pullSecrets?.secret(namespace, name);
      } catch (error) {
        return { problem: `pull secret ${id} cannot be read (${error instanceof Error ? error.message : String(error)})` };
      }
      if (!secret) return { problem: `pull secret ${id} does not exist` };
      let parsed = credentialsOfSecret(secret);
      if ("problem" in parsed) return { problem: parsed.problem };
      for (let value of parsed.store.secretValues()) deps.registerSecret(value);
      return { store: parsed.store };
    })(), secretCache.set(id, pending)), pending;
  }, loadAccount = (namespace, name) => {
    let id = secretId(namespace, name), pending = accountCache.get(id);
    return pending || accountCache.set(id, pending = (request.pullSecrets?.serviceAccountPullSecrets(namespace, name) ?? Promise.resolve(void 0)).catch(() => {
    })), pending;
  }, chooseCredential = async (use, reference) => {
    let choice = { missing: [], looked: [] };
    if (request.anonymousOnly) return choice;
    let names = [...use.pullSecrets];
    if (request.pullSecrets)
      for (let name of await loadAccount(use.workload.namespace, use.serviceAccount) ?? []) names.includes(name) || names.push(name);
    for (let name of names) {
      if (choice.looked.push(secretId(use.workload.namespace, name)), !request.pullSecrets) continue;
      let loaded = await loadSecret(use.workload.namespace, name);
      loaded.problem && choice.missing.push(loaded.problem);
      let credential = loaded.store?.lookup(reference.domain, reference.repository);
      credential && !choice.credential && (choice.credential = credential);
    }
    if (!choice.credential) {
      let credential = request.credentials?.lookup(reference.domain, reference.repository);
      credential && (choice.credential = credential);
    }
    return choice;
  };
  for (let use of request.uses) {
    let reference, error;
    try {
      reference = parseImageReference(use.image);
    } catch (caught) {
      if (!(caught instanceof ReferenceError)) throw caught;
      error = caught.message;
    }
    let choice = reference ? await chooseCredential(use, reference) : { missing: [], looked: [] }, key = `${reference?.canonical ?? use.image}\0${choice.credential?.source ?? ""}`, group = groups.get(key);
    group ? (group.uses.push(use), group.choice.missing.push(...choice.missing.filter((m) => !group.choice.missing.includes(m))), group.choice.looked.push(...choice.looked.filter((m) => !group.choice.looked.includes(m)))) : groups.set(key, { ...reference ? { reference } : {}, ...error ? { error } : {}, uses: [use], choice });
  }
  let images = await mapBounded([...groups.values()], request.concurrency ?? 8, async (group) => {
    let usedBy = group.uses.map((use) => ({ ...use.workload, container: use.container, ...use.location ? { location: use.location } : {} })), image = group.uses[0]?.image ?? "";
    if (!group.reference) return { image, canonical: image, registry: "", status: "invalid", message: group.error ?? "invalid reference", usedBy };
    let { reference, choice } = group, resolution = await deps.registry.resolve(reference, choice.credential);
    return { ...{
      image,
      canonical: reference.canonical,
      registry: reference.domain,
      usedBy,
      ...choice.credential ? { credentials: choice.credential.source } : {}
    }, ...verdict(resolution, reference, choice, group.uses, request) };
  }), findings = images.flatMap((check) => findingsOf(check, request.mode));
  return { mode: request.mode, images, findings, refused: findings.some((f) => f.severity === "error") };
}
function verdict(resolution, reference, choice, uses, request) {
  switch (resolution.outcome) {
    case "resolved":
      return { status: "resolved", digest: resolution.digest, message: `${reference.manifestReference} \u2192 ${resolution.digest}` };
    case "not-found":
      return { status: "not-found", message: resolution.message };
    case "unavailable":
      return {
        status: "unavailable",
        message: `registry ${reference.domain} could not answer (${resolution.message}); the image was not checked \u2014 the cluster may not be able to pull it either`
      };
    case "unauthorized": {
      if (request.anonymousOnly)
        return {
          status: "not-checked",
          message: `${reference.domain} wants credentials for ${reference.repository} (${resolution.message}); private images are not checked without credentials`
        };
      if (resolution.withCredentials)
        return {
          status: "unauthorized",
          message: `${reference.domain} refused the credentials from ${choice.credential?.source ?? "the configuration"} for ${reference.repository} (${resolution.message}); the kubelet will be refused too`
        };
      let workloads = [...new Set(uses.map((u) => describeWorkload(u.workload)))].join(", ");
      return choice.missing.length ? {
        status: "unauthorized",
        message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}) and ${choice.missing.join("; ")}`
      } : choice.looked.length && request.pullSecrets ? {
        status: "unauthorized",
        message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}); pull secret(s) ${choice.looked.join(", ")} hold none for ${reference.domain}`
      } : choice.looked.length ? {
        status: "unauthorized",
        message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}); pull secret(s) ${choice.looked.join(", ")} were not read (no cluster) and --registry-config has none for ${reference.domain}`
      } : {
        status: "unauthorized",
        message: `${reference.domain} needs credentials for ${reference.repository} (${resolution.message}) and no pull secret is configured: add imagePullSecrets (a kubernetes.io/dockerconfigjson Secret) to ${workloads} or to its ServiceAccount`
      };
    }
  }
}
function findingsOf(check, mode) {
  if (check.status === "resolved") return [];
  if (check.status === "unavailable" || check.status === "not-checked") {
    let first = check.usedBy[0];
    return [
      {
        severity: "warning",
        code: check.status === "unavailable" ? "IMAGE_REGISTRY_UNAVAILABLE" : "IMAGE_NOT_CHECKED",
        message: `image ${check.image}: ${check.message}`,
        ...first?.location ? { location: first.location } : {}
      }
    ];
  }
  let code = check.status === "not-found" ? "IMAGE_NOT_FOUND" : check.status === "unauthorized" ? "IMAGE_UNAUTHORIZED" : "IMAGE_INVALID";
  return check.usedBy.map((user) => ({
    severity: mode === "enforce" ? "error" : "warning",
    code,
    message: `image ${check.image} of ${describeWorkload(user)} container ${user.container}: ${check.message}${user.location ? `; set at ${user.location.file}:${user.location.line ?? 1}` : ""}`,
    ...user.location ? { location: user.location } : {}
  }));
}
function pinDigests(objects, uses, report) {
  let digests = /* @__PURE__ */ new Map();
  for (let check of report.images) check.status === "resolved" && check.digest && digests.set(check.image, check.digest);
  let pinned = /* @__PURE__ */ new Map();
  return { objects: rewriteImages(objects, uses, (use) => {
    let digest = digests.get(use.image);
    if (!digest) return;
    let reference = parseImageReference(use.image);
    if (reference.digest) return;
    let image = pinnedReference(reference, digest);
    return pinned.set(use.image, { image: use.image, digest, pinned: image }), image;
  }), pinned: [...pinned.values()] };
}

// src/preflight/registry.ts
import { createHash } from "node:crypto";
var MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json"
].join(", ");
function parseChallenges(header) {
  let challenges = [], pattern = /([A-Za-z][\w-]*)(?:\s+((?:[\w-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s,]*)\s*,?\s*)*))?/gy, rest = header.trim();
  for (; rest; ) {
    pattern.lastIndex = 0;
    let match = pattern.exec(rest);
    if (!match || match[0] === "") break;
    let params = {};
    for (let param of (match[2] ?? "").matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g))
      params[(param[1] ?? "").toLowerCase()] = (param[2] ?? param[3] ?? "").replace(/\\(.)/g, "$1");
    challenges.push({ scheme: (match[1] ?? "").toLowerCase(), params }), rest = rest.slice(match[0].length).replace(/^[\s,]+/, "");
  }
  return challenges;
}
var Unavailable = class extends Error {
};
function basic(credential) {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
}
function describeFailure(error) {
  let cause = error?.cause, name = error?.name;
  return name === "TimeoutError" || name === "AbortError" ? "no answer before the timeout" : cause?.code ? `${cause.code}${cause.message && !cause.message.includes(cause.code) ? ` (${cause.message})` : ""}` : error instanceof Error ? error.message : String(error);
}
function isTlsMismatch(error) {
  let cause = error?.cause;
  return /SSL|TLS|EPROTO|wrong version number|ERR_SSL/i.test(`${cause?.code ?? ""} ${cause?.message ?? ""}`);
}
var RegistryClient = class {
  fetch;
  timeoutMs;
  timer;
  /** Registries that answered plain HTTP on a loopback address (https first, as the runtimes try). */
  plainHttp = /* @__PURE__ */ new Set();
  constructor(options) {
    this.fetch = options.fetch, this.timeoutMs = options.timeoutMs ?? 1e4, this.timer = options.timer ?? ((ms) => AbortSignal.timeout(ms));
  }
  async resolve(reference, credential) {
    try {
      return await this.resolveOrThrow(reference, credential);
    } catch (error) {
      if (error instanceof Unavailable) return { outcome: "unavailable", message: error.message };
      throw error;
    }
  }
  async resolveOrThrow(reference, credential) {
    let path = `/v2/${reference.repository}/manifests/${reference.manifestReference}`, response = await this.request(reference.registry, path, "HEAD", {});
    if (response.status === 401) {
      let authorization = await this.authorize(reference, response.headers.get("www-authenticate") ?? "", credential);
      return typeof authorization != "string" ? authorization : (response = await this.request(reference.registry, path, "HEAD", { authorization }), this.verdict(reference, response, path, credential, authorization));
    }
    return this.verdict(reference, response, path, credential, void 0);
  }
  async verdict(reference, response, path, credential, authorization) {
    let headers = authorization ? { authorization } : {};
    if (response.status === 405 && (response = await this.request(reference.registry, path, "GET", headers)), response.status >= 200 && response.status < 300) {
      let digest = response.headers.get("docker-content-digest") ?? await this.digestOfBody(reference.registry, path, headers), mediaType = response.headers.get("content-type") ?? void 0;
      return { outcome: "resolved", digest, ...mediaType ? { mediaType } : {} };
    }
    if (response.status === 404) return this.notFound(reference, path, headers);
    if (response.status === 401 || response.status === 403)
      return {
        outcome: "unauthorized",
        status: response.status,
        withCredentials: credential !== void 0,
        message: `${response.status} ${response.status === 401 ? "Unauthorized" : "Forbidden"}`
      };
    throw new Unavailable(`HTTP ${response.status}${response.status === 429 ? " Too Many Requests" : response.status >= 500 ? " server error" : ""}`);
  }
  /** HEAD has no body: a GET says whether the tag or the whole repository is unknown (MANIFEST_UNKNOWN / NAME_UNKNOWN). */
  async notFound(reference, path, headers) {
    let code = "NOT_FOUND";
    try {
      let tags = await this.request(reference.registry, `/v2/${reference.repository}/tags/list`, "GET", headers), body = await tags.text();
      if (tags.status === 404 || /NAME_UNKNOWN/.test(body)) code = "NAME_UNKNOWN";
      else {
        let manifest = await this.request(reference.registry, path, "GET", headers);
        code = /NAME_UNKNOWN/.test(await manifest.text()) ? "NAME_UNKNOWN" : "MANIFEST_UNKNOWN";
      }
    } catch {
    }
    let what = reference.digest ? `digest ${reference.digest}` : `tag ${reference.tag}`, message = code === "NAME_UNKNOWN" ? `repository ${reference.repository} does not exist in ${reference.domain}` : `${what} of ${reference.repository} does not exist in ${reference.domain}`;
    return { outcome: "not-found", code, message };
  }
  async digestOfBody(registry, path, headers) {
    let response = await this.request(registry, path, "GET", headers);
    return `sha256:${createHash("sha256").update(Buffer.from(await response.arrayBuffer())).digest("hex")}`;
  }
  /** The Authorization header the challenge asks for, or the verdict when it cannot be met. */
  async authorize(reference, header, credential) {
    let challenges = parseChallenges(header), bearer = challenges.find((c) => c.scheme === "bearer");
    if (bearer?.params.realm) {
      let url = new URL(bearer.params.realm);
      bearer.params.service && url.searchParams.set("service", bearer.params.service), url.searchParams.set("scope", `repository:${reference.repository}:pull`);
      let response = await this.send(url.toString(), "GET", credential ? { authorization: basic(credential) } : {});
      if (response.status === 401 || response.status === 403)
        return {
          outcome: "unauthorized",
          status: response.status,
          withCredentials: credential !== void 0,
          message: `the token endpoint answered ${response.status}`
        };
      if (response.status < 200 || response.status >= 300) throw new Unavailable(`the token endpoint ${url.origin} answered HTTP ${response.status}`);
      let token;
      try {
        let body = JSON.parse(await response.text());
        token = body.token ?? body.access_token;
      } catch {
        token = void 0;
      }
      if (typeof token != "string" || token === "") throw new Unavailable(`the token endpoint ${url.origin} answered without a token`);
      return `Bearer ${token}`;
    }
    return challenges.some((c) => c.scheme === "basic") && credential ? basic(credential) : { outcome: "unauthorized", status: 401, withCredentials: !1, message: "401 Unauthorized" };
  }
  async request(registry, path, method, headers) {
    let all = { accept: MANIFEST_ACCEPT, ...headers };
    if (this.plainHttp.has(registry)) return this.send(`http://${registry}${path}`, method, all);
    try {
      return await this.fetchOnce(`https://${registry}${path}`, method, all);
    } catch (error) {
      if (isLoopbackRegistry(registry) && isTlsMismatch(error))
        return this.plainHttp.add(registry), this.send(`http://${registry}${path}`, method, all);
      throw new Unavailable(describeFailure(error));
    }
  }
  async send(url, method, headers) {
    try {
      return await this.fetchOnce(url, method, headers);
    } catch (error) {
      throw new Unavailable(describeFailure(error));
    }
  }
  fetchOnce(url, method, headers) {
    return this.fetch(url, { method, headers, signal: this.timer(this.timeoutMs), redirect: "follow" });
  }
};

// src/preflight/run.ts
async function preflightObjects(request, deps) {
  let uses = await locateImages(request.overlay, collectImages(request.objects)), pullSecrets = deps.pullSecrets ?? (deps.kube ? clusterPullSecrets(deps.kube) : void 0), registry = new RegistryClient({
    fetch: deps.fetch,
    ...deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {},
    ...deps.timer ? { timer: deps.timer } : {}
  }), report = await runPreflight(
    {
      uses,
      mode: request.mode,
      ...request.credentials ? { credentials: request.credentials } : {},
      ...pullSecrets ? { pullSecrets } : {},
      ...request.anonymousOnly ? { anonymousOnly: !0 } : {},
      ...deps.concurrency ? { concurrency: deps.concurrency } : {}
    },
    { registry, registerSecret: deps.registerSecret }
  );
  for (let check of report.images)
    deps.logger.info(
      `${check.status.padEnd(12)} ${check.image}${check.digest ? ` \u2192 ${check.digest}` : ""}${check.status === "resolved" ? "" : `: ${check.message}`}`
    );
  for (let finding of report.findings.filter((f) => f.severity === "warning")) deps.logger.warning(finding.message);
  if (!request.pinDigests || report.refused) return { report, objects: request.objects, pinned: [] };
  let pinned = pinDigests(request.objects, uses, report);
  for (let image of pinned.pinned) deps.logger.info(`pinned ${image.image} \u2192 ${image.pinned}`);
  return { report, objects: pinned.objects, pinned: pinned.pinned };
}
function environmentPreflightRequest(built, settings, credentials) {
  return { objects: built.objects, overlay: built.overlay, mode: settings.mode, pinDigests: settings.pinDigests, ...credentials ? { credentials } : {} };
}

// src/validate/validate.ts
var nodeFiles = {
  async readText(path) {
    try {
      return await readFile2(path, "utf8");
    } catch (error) {
      if (error.code === "ENOENT" || error.code === "EISDIR") return;
      throw error;
    }
  },
  async list(path) {
    try {
      return (await readdir(path, { withFileTypes: !0 })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
    } catch (error) {
      let code = error.code;
      if (code === "ENOENT" || code === "ENOTDIR") return;
      throw error;
    }
  }
}, KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
async function findOverlays(files, root) {
  let k8s = join2(root, "k8s"), overlays = [], providers = await files.list(k8s) ?? [];
  for (let provider of providers.filter((e) => e.directory && e.name !== "base").sort((a, b) => a.name.localeCompare(b.name))) {
    let environments = await files.list(join2(k8s, provider.name)) ?? [];
    for (let environment of environments.filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
      let directory = join2(k8s, provider.name, environment.name), entries = await files.list(directory) ?? [], file = KUSTOMIZATION_FILES.find((candidate) => entries.some((entry) => !entry.directory && entry.name === candidate));
      file && overlays.push({ directory, kustomization: join2(directory, file), provider: provider.name, name: environment.name });
    }
  }
  return overlays;
}
async function mapBounded(items, limit, task) {
  let results = new Array(items.length), next = 0, worker = async () => {
    for (; next < items.length; ) {
      let index = next++;
      results[index] = await task(items[index]);
    }
  };
  return await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)), results;
}
async function imageFindings(directory, objects, deps, logger) {
  if (!deps.fetch) throw new Error("validate: imagePreflight needs deps.fetch");
  let absolute = resolve(directory), { report } = await preflightObjects(
    { objects, overlay: absolute, mode: "enforce", pinDigests: !1, anonymousOnly: !0 },
    {
      fetch: deps.fetch,
      registerSecret: () => {
      },
      logger: { info: (m) => logger.info(m), warning: () => {
      }, group: (n, b) => logger.group(n, b) }
    }
  );
  return logger.info(`${directory}: ${report.images.length} image(s) checked, ${report.findings.filter((f) => f.severity === "error").length} missing`), report.findings.map((f) => f.location ? { ...f, location: { ...f.location, file: join2(directory, relative2(absolute, f.location.file)) } } : f);
}
function locateKustomizeError(kustomization, file, message) {
  if (!kustomization) return { file, line: 1 };
  let value = kustomization.value;
  if (value && typeof value == "object")
    for (let field of ["resources", "components", "patches", "patchesStrategicMerge", "patchesJson6902", "bases", "configMapGenerator", "secretGenerator"]) {
      let list = value[field];
      if (Array.isArray(list))
        for (let [index, entry] of list.entries()) {
          let path = entry?.path, reference = typeof entry == "string" ? entry : typeof path == "string" ? path : void 0;
          if (reference && message.includes(reference))
            return kustomization.locate(typeof entry == "string" ? [field, index] : [field, index, "path"], typeof entry == "string" ? "key" : "value");
        }
    }
  return { file, line: 1 };
}
function severityCounts(findings) {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    notices: findings.filter((f) => f.severity === "notice").length
  };
}
function dedupeFindings(findings) {
  let seen = /* @__PURE__ */ new Set();
  return findings.filter((finding) => {
    let key = JSON.stringify([finding.code, finding.message, finding.location?.file, finding.location?.line]);
    return seen.has(key) ? !1 : (seen.add(key), !0);
  });
}
async function loadControl(file, findings) {
  try {
    return await loadDeployControl(file);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    findings.push(
      ...error.findings.length ? error.findings : [{ severity: "error", code: "DEPLOY_CONTROL", message: error.message, location: { file } }]
    );
    return;
  }
}
async function validateInfrastructure(request, deps) {
  let files = deps.files ?? nodeFiles, logger = deps.logger ?? silentLogger, root = request.root, controlFile = request.controlFile ?? controlFileIn(root), findings = [], { checkManifests, countKinds, effectiveNamespace } = await import("./manifests-T5PJLXGG.js"), control = await logger.group(`deploy-control: ${controlFile}`, async () => {
    let loaded = await loadControl(controlFile, findings);
    return loaded && logger.info(`environments: ${Object.keys(loaded.config.environments).join(", ")}`), loaded;
  }), environments = control ? Object.keys(control.config.environments) : [], overlayFolders = await findOverlays(files, root);
  overlayFolders.length === 0 && findings.push({
    severity: "error",
    code: "NO_OVERLAYS",
    message: `no overlays found: expected ${join2(root, "k8s", "<provider>", "<environment>", "kustomization.yaml")} (for example k8s/hetzner/dev)`,
    location: { file: join2(root, "k8s") }
  });
  let environmentsOf = /* @__PURE__ */ new Map();
  if (control)
    for (let environment of environments) {
      let folder = overlayPath(control, environment), overlay = overlayFolders.find((candidate) => resolve(candidate.directory) === folder);
      if (overlay) {
        environmentsOf.set(overlay.directory, [...environmentsOf.get(overlay.directory) ?? [], environment]);
        continue;
      }
      let declared = control.config.environments[environment]?.overlay !== void 0;
      (await files.list(folder) ?? []).some((entry) => KUSTOMIZATION_FILES.includes(entry.name)) || findings.push({
        severity: "error",
        code: "OVERLAY_MISSING",
        message: `environment "${environment}" deploys ${relative2(resolve(root), folder) || "."}, which has no kustomization.yaml`,
        key: declared ? `environments.${environment}.overlay` : `environments.${environment}`,
        location: control.document.locate(declared ? ["environments", environment, "overlay"] : ["environments", environment], declared ? "value" : "key")
      });
    }
  let index = await SourceIndex.load(
    files,
    join2(root, "k8s"),
    overlayFolders.map((overlay) => overlay.directory)
  );
  findings.push(...index.findings);
  let overlays = await logger.group(
    `kubectl kustomize: ${overlayFolders.length} overlay(s)`,
    () => mapBounded(overlayFolders, request.concurrency ?? 2, async (overlay) => {
      let overlayFindings = [], report = {
        path: overlay.directory,
        provider: overlay.provider,
        name: overlay.name,
        environments: environmentsOf.get(overlay.directory) ?? [],
        built: !1,
        resources: [],
        kinds: {},
        placeholders: [],
        unchecked: [],
        errors: 0,
        warnings: 0
      }, result = await buildOverlay(deps.kubectl, overlay.directory);
      if (result.ok) {
        let documents = [];
        try {
          documents = parseYamlStream(result.yaml, `${overlay.kustomization} (kustomize output)`);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          overlayFindings.push(...error.findings);
        }
        let checked = checkManifests(documents, {
          secretNames: request.secretNames,
          locate: index.locatorFor(overlay.directory, { file: overlay.kustomization, line: 1 })
        });
        if (overlayFindings.push(...checked.findings), report.built = !0, report.resources = checked.resources.map(({ object }) => {
          let namespace = effectiveNamespace(object);
          return namespace ? { kind: object.kind, namespace, name: object.metadata.name } : { kind: object.kind, name: object.metadata.name };
        }), control) {
          let objects = checked.resources.map((resource) => resource.object);
          for (let environment of report.environments) overlayFindings.push(...servicesSelectingNothing(control, environment, objects));
        }
        report.kinds = countKinds(checked.resources), report.placeholders = checked.placeholders, report.unchecked = checked.unchecked, request.imagePreflight && overlayFindings.push(
          ...await imageFindings(
            overlay.directory,
            checked.resources.map((r) => r.object),
            deps,
            logger
          )
        ), logger.info(
          `${overlay.directory}: ${checked.resources.length} resources (${Object.entries(report.kinds).map(([kind, n]) => `${kind} ${n}`).join(", ")})`
        );
      } else {
        let message = result.message, kustomization;
        try {
          kustomization = parseYaml(await files.readText(overlay.kustomization) ?? "", overlay.kustomization);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
        }
        overlayFindings.push({
          severity: "error",
          code: "KUSTOMIZE_BUILD",
          message: `kubectl kustomize ${overlay.directory} failed: ${message}`,
          location: locateKustomizeError(kustomization, overlay.kustomization, message)
        }), logger.info(`${overlay.directory}: build failed: ${message}`);
      }
      return report.errors = overlayFindings.filter((f) => f.severity === "error").length, report.warnings = overlayFindings.filter((f) => f.severity === "warning").length, { report, findings: overlayFindings };
    })
  );
  for (let overlay of overlays) findings.push(...overlay.findings);
  let clusterConfigs = [], hetzner = join2(root, "k8s", "hetzner");
  for (let entry of (await files.list(hetzner) ?? []).filter((e) => e.directory).sort((a, b) => a.name.localeCompare(b.name))) {
    let path = join2(hetzner, entry.name, "cluster", "cluster-config.yaml"), text = await files.readText(path);
    if (text === void 0) continue;
    let configFindings;
    try {
      configFindings = checkClusterConfig(parseYaml(text, path), { environment: entry.name });
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      configFindings = error.findings;
    }
    findings.push(...configFindings), clusterConfigs.push({ path, environment: entry.name, errors: configFindings.filter((f) => f.severity === "error").length });
  }
  let unique = dedupeFindings(findings), ordered = [...unique.filter((f) => f.severity === "error"), ...unique.filter((f) => f.severity !== "error")];
  return {
    valid: !hasErrors(unique),
    root,
    controlFile,
    environments,
    overlays: overlays.map((overlay) => overlay.report),
    clusterConfigs,
    findings: ordered,
    counts: severityCounts(unique)
  };
}

export {
  parseDockerConfig,
  imageReferenceFindings,
  validateInfrastructure,
  preflightObjects,
  environmentPreflightRequest
};

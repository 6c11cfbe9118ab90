import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sodium from 'libsodium-wrappers';

const YAML_MODULE = resolve(import.meta.dirname, '../../node_modules/yaml/dist/index.js');

export interface FakeHetznerK3sCall {
  args: string[];
  env: { HCLOUD_TOKEN?: string };
  configFile?: string;
  configMode?: string;
  config?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  keyModes: Record<string, string | null>;
}

export interface FakeHetznerK3sScript {
  /** Lines printed while "creating". */
  lines?: string[];
  exit?: number;
  /** Written to the config's kubeconfig_path on success. */
  kubeconfig?: string;
}

/**
 * A fake `hetzner-k3s` executable: records its arguments, HCLOUD_TOKEN, the config it was given (and the modes of
 * the config and SSH key files at that moment), prints scripted lines, writes a kubeconfig and exits as scripted.
 */
export async function installFakeHetznerK3s(
  script: FakeHetznerK3sScript,
): Promise<{ dir: string; binary: string; sha256: string; calls(): Promise<FakeHetznerK3sCall[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'k8sapp-fake-hetzner-k3s-'));
  await writeFile(join(dir, 'script.json'), JSON.stringify(script));
  const source = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const YAML = require(${JSON.stringify(YAML_MODULE)});
const dir = ${JSON.stringify(dir)};
const script = JSON.parse(fs.readFileSync(path.join(dir, 'script.json'), 'utf8'));
const args = process.argv.slice(2);
const mode = (file) => { try { return (fs.statSync(file).mode & 0o777).toString(8); } catch { return null; } };
const call = { args, env: { HCLOUD_TOKEN: process.env.HCLOUD_TOKEN }, keyModes: {} };
const index = args.indexOf('--config');
let config;
if (index >= 0) {
  call.configFile = args[index + 1];
  call.configMode = mode(call.configFile);
  config = YAML.parse(fs.readFileSync(call.configFile, 'utf8'));
  call.config = config;
  const ssh = (config.networking || {}).ssh || {};
  for (const key of ['private_key_path', 'public_key_path']) if (ssh[key]) call.keyModes[ssh[key]] = mode(ssh[key]);
}
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(call) + '\\n');
for (const line of script.lines || []) console.log(line);
const exit = script.exit || 0;
if (exit === 0 && config && script.kubeconfig) fs.writeFileSync(config.kubeconfig_path, script.kubeconfig, { mode: 0o644 });
process.exit(exit);
`;
  const binary = join(dir, 'hetzner-k3s');
  await writeFile(binary, source);
  await chmod(binary, 0o755);
  return {
    dir,
    binary,
    sha256: createHash('sha256').update(source).digest('hex'),
    calls: async () => {
      try {
        return (await readFile(join(dir, 'calls.jsonl'), 'utf8'))
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as FakeHetznerK3sCall);
      } catch {
        return [];
      }
    },
  };
}

/** An executable that does nothing (stands in for helm, which only has to exist on PATH). */
export async function installNoopBinary(dir: string, name: string): Promise<void> {
  await writeFile(join(dir, name), '#!/bin/sh\nexit 0\n');
  await chmod(join(dir, name), 0o755);
}

/** Puts a binary where @actions/tool-cache `find` looks for it, as a previous run's cacheFile would have. */
export async function seedToolCache(root: string, binary: string, version: string, arch = process.arch): Promise<void> {
  const folder = join(root, 'hetzner-k3s', version, arch);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'hetzner-k3s'), await readFile(binary));
  await chmod(join(folder, 'hetzner-k3s'), 0o755);
  await writeFile(`${folder}.complete`, '');
}

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += (chunk as Buffer).toString();
  return text;
}

export interface GitHubApiRecord {
  method: string;
  url: string;
  authorization?: string;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A local stand-in for the GitHub REST API: serves an environment public key, opens sealed secrets with the
 * matching private key (crypto_box_seal_open) and records them, and accepts workflow dispatches.
 */
export async function startFakeGitHubApi(options: { dispatchRunDetails?: boolean; environments?: string[] } = {}) {
  await sodium.ready;
  const keys = sodium.crypto_box_keypair();
  const keyId = '568250167242549743';
  const requests: GitHubApiRecord[] = [];
  const secrets: Record<string, string> = {};
  const dispatches: { workflow: string; body: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const environments = options.environments ?? ['dev', 'test', 'prod'];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await body(request);
      const parsed = text ? JSON.parse(text) : undefined;
      const url = request.url ?? '';
      requests.push({ method: request.method ?? '', url, authorization: request.headers.authorization, body: parsed });
      const send = (status: number, data?: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(data === undefined ? '' : JSON.stringify(data));
      };
      let match = /^\/repos\/([^/]+)\/([^/]+)\/environments\/([^/]+)\/secrets\/public-key$/.exec(url);
      if (match && request.method === 'GET') {
        if (!environments.includes(decodeURIComponent(match[3]!))) return send(404, { message: 'Not Found' });
        return send(200, { key_id: keyId, key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) });
      }
      match = /^\/repos\/([^/]+)\/([^/]+)\/environments\/([^/]+)\/secrets\/([^/]+)$/.exec(url);
      if (match && request.method === 'PUT') {
        if (parsed.key_id !== keyId) return send(422, { message: 'Bad key id' });
        const opened = sodium.crypto_box_seal_open(
          sodium.from_base64(parsed.encrypted_value, sodium.base64_variants.ORIGINAL),
          keys.publicKey,
          keys.privateKey,
        );
        const name = `${decodeURIComponent(match[3]!)}/${decodeURIComponent(match[4]!)}`;
        const existed = name in secrets;
        secrets[name] = sodium.to_string(opened);
        return send(existed ? 204 : 201);
      }
      match = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/.exec(url);
      if (match && request.method === 'POST') {
        const workflow = decodeURIComponent(match[3]!);
        if (options.dispatchRunDetails === false && parsed.return_run_details !== undefined) {
          return send(422, { message: 'Invalid request.\n\n"return_run_details" is not a permitted key.' });
        }
        dispatches.push({ workflow, body: parsed });
        if (parsed.return_run_details) {
          return send(200, {
            workflow_run_id: 4242,
            run_url: `http://api/repos/${match[1]}/${match[2]}/actions/runs/4242`,
            html_url: `https://github.com/${match[1]}/${match[2]}/actions/runs/4242`,
          });
        }
        return send(204);
      }
      send(404, { message: `Not Found: ${request.method} ${url}` });
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    secrets,
    dispatches,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A local HTTP server that serves one file body at any path, counting requests. */
export async function serveFile(content: Buffer | string): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if ((request.url ?? '').includes('missing')) {
      response.writeHead(404);
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(content);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Every file under a folder (recursively) with its text, for leak checks. */
export async function readTree(folder: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  let entries: string[] = [];
  try {
    entries = await readdir(folder);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(folder, entry);
    const info = await stat(path);
    if (info.isDirectory()) out.push(...(await readTree(path)));
    else out.push({ path, text: await readFile(path, 'utf8').catch(() => '') });
  }
  return out;
}

/** A realistic Node object as `kubectl get nodes -o json` lists it. */
export function node(name: string, ready: boolean, extra: { reason?: string; message?: string; role?: 'master' } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'node.kubernetes.io/instance-type': 'cpx21',
        ...(extra.role ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true' } : {}),
      },
    },
    spec: { providerID: `hcloud://${Math.abs(name.length * 7919)}` },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        ready
          ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
          : {
              type: 'Ready',
              status: 'False',
              reason: extra.reason ?? 'KubeletNotReady',
              message:
                extra.message ??
                'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
            },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.4+k3s1', containerRuntimeVersion: 'containerd://2.0.4-k3s2' },
    },
  };
}

export function pod(name: string, state: 'running' | { waiting: string; message?: string } | 'pending', labels: Record<string, string> = {}) {
  const containers = name.includes('controller')
    ? ['csi-attacher', 'csi-resizer', 'csi-provisioner', 'liveness-probe', 'hcloud-csi-driver']
    : ['csi-node-driver-registrar', 'liveness-probe', 'hcloud-csi-driver'];
  const running = state === 'running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels },
    spec: { containers: containers.map((c) => ({ name: c, image: `docker.io/hetznercloud/${c}:v2.13.0` })) },
    status: {
      phase: state === 'pending' ? 'Pending' : running ? 'Running' : 'Pending',
      conditions:
        state === 'pending'
          ? [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: '0/3 nodes are available: 3 node(s) had untolerated taint {node.cloudprovider.kubernetes.io/uninitialized: true}.',
              },
            ]
          : [{ type: 'PodScheduled', status: 'True' }],
      containerStatuses:
        state === 'pending'
          ? undefined
          : containers.map((c) => ({
              name: c,
              ready: running,
              restartCount: 0,
              state: running ? { running: { startedAt: '2026-11-22T02:00:00Z' } } : { waiting: { reason: state.waiting, message: state.message } },
            })),
    },
  };
}

export function storageClass(name: string, isDefault: boolean) {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    provisioner: 'csi.hetzner.cloud',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
}

export const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });

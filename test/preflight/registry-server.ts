/**
 * Real registries for the preflight tests: Debian's `docker-registry` (distribution 2.8) started on 127.0.0.1 with
 * a temporary storage folder — anonymous, htpasswd Basic auth, or token auth against a token endpoint served here.
 * Images are written through the registry's own upload API (POST/PUT blobs, PUT manifest); no network is needed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = 'docker-registry';

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the registry tests can run. In CI (CI=true) a missing binary is a failure with the fix in the message;
 * on a laptop the suite is skipped with the same message printed, never silently.
 */
export function registryAvailability(): { run: boolean; message?: string } {
  if (which(REGISTRY_BINARY) && which('htpasswd') && which('openssl')) return { run: true };
  const message = `the real-registry tests need ${REGISTRY_BINARY}, htpasswd and openssl: apt-get install -y docker-registry apache2-utils openssl (.ci/run installs them)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return { run: false, message };
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TokenAuth {
  realm: string;
  service: string;
  issuer: string;
  certificate: string;
}

export interface RunningRegistry {
  /** host:port, e.g. 127.0.0.1:41234 */
  host: string;
  url: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  htpasswd?: { username: string; password: string };
  token?: TokenAuth;
}

/** Starts `docker-registry serve` on a free loopback port and waits until /v2/ answers. */
export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const directory = mkdtempSync(join(tmpdir(), 'k8sapp-registry-'));
  const port = await freePort();
  const auth: string[] = [];
  if (options.htpasswd) {
    const line = execFileSync('htpasswd', ['-Bbn', options.htpasswd.username, options.htpasswd.password], { encoding: 'utf8' });
    writeFileSync(join(directory, 'htpasswd'), line);
    auth.push('auth:', '  htpasswd:', '    realm: k8sapp-test', `    path: ${join(directory, 'htpasswd')}`);
  }
  if (options.token) {
    writeFileSync(join(directory, 'token-root.pem'), options.token.certificate);
    auth.push(
      'auth:',
      '  token:',
      `    realm: ${options.token.realm}`,
      `    service: ${options.token.service}`,
      `    issuer: ${options.token.issuer}`,
      `    rootcertbundle: ${join(directory, 'token-root.pem')}`,
    );
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(directory, 'storage')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...auth,
  ].join('\n');
  writeFileSync(join(directory, 'config.yml'), `${config}\n`);
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(directory, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${REGISTRY_BINARY} exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200 || response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${REGISTRY_BINARY} did not answer on ${url} within 20 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host: `127.0.0.1:${port}`,
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function uploadBlob(registry: RunningRegistry, repository: string, blob: Buffer, headers: Record<string, string>): Promise<string> {
  const digest = sha256(blob);
  const started = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`blob upload start: HTTP ${started.status} ${await started.text()}`);
  const location = new URL(started.headers.get('location') ?? '', registry.url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: blob });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

export type ManifestFormat = 'oci' | 'docker';

/**
 * Writes a one-layer image `repository:tag` through the upload API and returns its manifest digest. `seed` makes
 * the content (and so the digest) differ between images.
 */
export async function pushImage(
  registry: RunningRegistry,
  repository: string,
  tag: string,
  options: { authorization?: string; seed?: string; format?: ManifestFormat } = {},
): Promise<string> {
  const headers: Record<string, string> = options.authorization ? { authorization: options.authorization } : {};
  const format = options.format ?? 'oci';
  const layer = Buffer.from(`layer of ${repository}:${tag} ${options.seed ?? ''}`);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] }, config: {} }));
  const layerDigest = await uploadBlob(registry, repository, layer, headers);
  const configDigest = await uploadBlob(registry, repository, config, headers);
  const mediaType = format === 'oci' ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: format === 'oci' ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json',
      size: config.length,
      digest: configDigest,
    },
    layers: [
      {
        mediaType: format === 'oci' ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.docker.image.rootfs.diff.tar',
        size: layer.length,
        digest: layerDigest,
      },
    ],
  });
  const put = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': mediaType },
    body: manifest,
  });
  if (put.status !== 201) throw new Error(`manifest upload: HTTP ${put.status} ${await put.text()}`);
  return put.headers.get('docker-content-digest') ?? sha256(manifest);
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A token endpoint the registry trusts (its certificate is the registry's rootcertbundle): it grants `pull` (and
 * `push` with the admin login) on the requested repository to the right Basic credentials, and an empty grant to
 * anonymous callers — what real token services do for private repositories.
 */
export interface TokenServer {
  realm: string;
  auth: TokenAuth;
  /** Requests seen, without their credentials: method, scope, whether Basic credentials came along. */
  requests: { scope: string; service: string; authenticated: boolean }[];
  /** A token for the helper's own uploads. */
  mint(repository: string, actions: string[]): string;
  stop(): Promise<void>;
}

export async function startTokenServer(users: Record<string, string>, options: { publicRepositories?: string[] } = {}): Promise<TokenServer> {
  const directory = mkdtempSync(join(tmpdir(), 'k8sapp-token-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(directory, 'key.pem'),
      '-out',
      join(directory, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=k8sapp-test-token',
    ],
    { stdio: 'ignore' },
  );
  const key = createPrivateKey(readFileSync(join(directory, 'key.pem')));
  const certificate = readFileSync(join(directory, 'cert.pem'), 'utf8');
  const der = Buffer.from(certificate.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  rmSync(directory, { recursive: true, force: true });
  const service = 'k8sapp-test-registry';
  const issuer = 'k8sapp-test-issuer';
  const mint = (repository: string, actions: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] }));
    const claims = base64url(
      JSON.stringify({
        iss: issuer,
        sub: 'test',
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: `${now}-${Math.random()}`,
        access: actions.length ? [{ type: 'repository', name: repository, actions }] : [],
      }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), key);
    return `${header}.${claims}.${base64url(signature)}`;
  };
  const requests: TokenServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://token');
    const scope = url.searchParams.get('scope') ?? '';
    const [, repository = ''] = /^repository:([^:]+):/.exec(scope) ?? [];
    const header = request.headers.authorization ?? '';
    let user: string | undefined;
    if (header.startsWith('Basic ')) {
      const [name = '', password] = Buffer.from(header.slice(6), 'base64').toString().split(':');
      if (users[name] !== password) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        requests.push({ scope, service: url.searchParams.get('service') ?? '', authenticated: true });
        return;
      }
      user = name;
    }
    requests.push({ scope, service: url.searchParams.get('service') ?? '', authenticated: user !== undefined });
    const grant = user || options.publicRepositories?.includes(repository) ? ['pull'] : [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: mint(repository, grant) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const realm = `http://127.0.0.1:${port}/token`;
  return {
    realm,
    auth: { realm, service, issuer, certificate },
    requests,
    mint,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never answers: a registry that hangs. */
export async function startSilentServer(): Promise<{ host: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

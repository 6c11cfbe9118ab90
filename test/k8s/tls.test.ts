import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterUnreachableError } from '../../src/k8s/unreachable.js';
import { clientFor, json, kubeconfigText, startServer, type LocalServer } from './local-server.js';

/** A CA, a server certificate for 127.0.0.1 and a client certificate (CN jane, O dev), and a second CA nobody uses: made with openssl for this run. */
interface Pki {
  ca: string;
  otherCa: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'k8sapp-pki-'));
  const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = (name: string) => openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  const ca = (name: string) => {
    key(name);
    openssl('req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '2', '-out', `${name}.crt`);
  };
  const signed = (name: string, subject: string, ext: string) => {
    key(name);
    openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  ca('ca');
  ca('other-ca');
  signed('server', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:kubernetes\nextendedKeyUsage=serverAuth\n');
  signed('client', '/O=dev/CN=jane', 'extendedKeyUsage=clientAuth\n');
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    ca: read('ca.crt'),
    otherCa: read('other-ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

let pki: Pki;
let server: LocalServer;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  pki = makePki();
  // Like kube-apiserver: asks for a client certificate, and answers who it is (401 without one).
  server = await startServer(
    (_request, res, raw) => {
      const socket = raw.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      if (!socket.authorized || !peer.subject)
        return json(res, 401, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        });
      json(res, 200, { major: '1', minor: '28', gitVersion: `v1.28.0+${String(peer.subject.CN)}` });
    },
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: false },
  );
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
});

function tlsClient(cluster: string, user: string) {
  const made = clientFor(kubeconfigText(server.url, user, cluster), { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } });
  clients.push(made.client);
  return made;
}

const clientCertUser = () => `{ client-certificate-data: ${b64(pki.clientCert)}, client-key-data: ${b64(pki.clientKey)} }`;

describe('HttpKubeClient over TLS', () => {
  it('authenticates with the client certificate and trusts the kubeconfig CA', async () => {
    const { client } = tlsClient(`\n      certificate-authority-data: ${b64(pki.ca)}`, clientCertUser());
    expect((await client.version()).gitVersion).toBe('v1.28.0+jane');
  });

  it('without a client certificate the server answers 401 (the CA alone is trust, not identity)', async () => {
    const { client } = tlsClient(`\n      certificate-authority-data: ${b64(pki.ca)}`, '{}');
    expect(await client.version().catch((e: unknown) => e)).toMatchObject({ code: 401 });
  });

  it.each([
    ['a CA that did not sign the server certificate', () => `\n      certificate-authority-data: ${b64(pki.otherCa)}`],
    ['no CA (the system roots do not know it)', () => ''],
  ])('%s: ClusterUnreachableError with cause tls, not retried', async (_name, cluster) => {
    const { client, delays } = tlsClient(cluster(), clientCertUser());
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect((error as ClusterUnreachableError).unreachable.cause).toBe('tls');
    expect((error as Error).message).toContain('its TLS certificate is not trusted');
    expect(delays).toEqual([]);
  });

  it('insecure-skip-tls-verify connects to a server whose CA it does not know', async () => {
    const { client } = tlsClient('\n      insecure-skip-tls-verify: true', clientCertUser());
    expect((await client.version()).gitVersion).toBe('v1.28.0+jane');
  });

  it('tls-server-name verifies the certificate against that name', async () => {
    const good = tlsClient(`\n      certificate-authority-data: ${b64(pki.ca)}\n      tls-server-name: kubernetes`, clientCertUser());
    expect((await good.client.version()).gitVersion).toBe('v1.28.0+jane');
    const wrong = tlsClient(`\n      certificate-authority-data: ${b64(pki.ca)}\n      tls-server-name: elsewhere.example`, clientCertUser());
    expect(await wrong.client.version().catch((e: unknown) => (e as ClusterUnreachableError).unreachable?.cause)).toBe('tls');
  });

  it('the client key never appears in an error', async () => {
    const { client } = tlsClient(`\n      certificate-authority-data: ${b64(pki.otherCa)}`, clientCertUser());
    const error = (await client.version().catch((e: unknown) => e)) as Error;
    const keyBody = pki.clientKey.split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    expect(`${error.message} ${String(error.stack)}`).not.toContain(keyBody);
    expect(`${error.message}`).not.toContain(b64(pki.clientKey).slice(0, 40));
  });
});

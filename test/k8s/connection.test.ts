import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConnection, type PluginRunner } from '../../src/k8s/connection.js';
import { ConfigurationError } from '../../src/errors.js';
import { kubeconfigText } from './local-server.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8sapp-connection-'));
});

const SERVER = 'https://api.example:6443';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

describe('loadConnection', () => {
  it('reads server, context namespace, CA data, insecure flag and TLS server name', () => {
    const ca = Buffer.from('CA PEM').toString('base64');
    const connection = loadConnection({
      content: kubeconfigText(
        `${SERVER}/`,
        undefined,
        `\n      certificate-authority-data: ${ca}\n      tls-server-name: kubernetes\n      insecure-skip-tls-verify: true`,
      ),
      env: {},
    });
    expect(connection).toMatchObject({ server: SERVER, namespace: 'app', ca: 'CA PEM', tlsServerName: 'kubernetes', insecureSkipTlsVerify: true });
  });

  it('the namespace defaults to default', () => {
    const text = kubeconfigText(SERVER).replace(', namespace: app', '');
    expect(loadConnection({ content: text, env: {} }).namespace).toBe('default');
  });

  it('a KUBECONFIG list merges with the first definition winning, and a missing file in the list is skipped', async () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    await writeFile(first, kubeconfigText('https://first:6443'));
    await writeFile(
      second,
      [
        'clusters:',
        '  - { name: c, cluster: { server: "https://second:6443" } }',
        '  - { name: c2, cluster: { server: "https://c2:6443" } }',
        'users:',
        '  - { name: u, user: { token: second-token } }',
        'contexts:',
        '  - { name: x, context: { cluster: c2, user: u } }',
        '  - { name: other, context: { cluster: c2, user: u } }',
        'current-context: other',
        '',
      ].join('\n'),
    );
    const env = { KUBECONFIG: [first, join(dir, 'missing'), second].join(delimiter) };
    const connection = loadConnection({ env });
    expect(connection.server).toBe('https://first:6443');
    expect(await connection.credentials.current()).toEqual({ token: 'test-token' });
    // A context only the second file defines, with the first file's user "u".
    const viaOther = loadConnection({ env, context: 'other' });
    expect(viaOther.server).toBe('https://c2:6443');
    expect(viaOther.namespace).toBe('default');
    expect(await viaOther.credentials.current()).toEqual({ token: 'test-token' });
  });

  it('a single kubeconfig that is missing is a ConfigurationError naming it', () => {
    const error = errorOf(() => loadConnection({ kubeconfig: join(dir, 'nope'), env: {} }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`kubeconfig ${join(dir, 'nope')}: no such file.`);
  });

  it('relative certificate and token paths resolve against the kubeconfig folder', async () => {
    await mkdir(join(dir, 'pki'));
    await writeFile(join(dir, 'pki', 'ca.crt'), 'THE CA');
    await writeFile(join(dir, 'pki', 'client.crt'), 'THE CERT');
    await writeFile(join(dir, 'pki', 'client.key'), 'THE KEY');
    await writeFile(join(dir, 'token'), 'file-token\n');
    const file = join(dir, 'kubeconfig');
    await writeFile(
      file,
      kubeconfigText(SERVER, '{ client-certificate: pki/client.crt, client-key: pki/client.key }', '\n      certificate-authority: pki/ca.crt'),
    );
    const connection = loadConnection({ kubeconfig: file, env: {} });
    expect(connection.ca).toBe('THE CA');
    expect(await connection.credentials.current()).toEqual({ clientCertificate: 'THE CERT', clientKey: 'THE KEY' });
    await writeFile(file, kubeconfigText(SERVER, '{ tokenFile: token }'));
    expect(await loadConnection({ kubeconfig: file, env: {} }).credentials.current()).toEqual({ token: 'file-token' });
  });

  it('a tokenFile is read again after a 401 (a rotated token)', async () => {
    await writeFile(join(dir, 'token'), 'one');
    const file = join(dir, 'kubeconfig');
    await writeFile(file, kubeconfigText(SERVER, '{ tokenFile: token }'));
    const { credentials } = loadConnection({ kubeconfig: file, env: {} });
    expect((await credentials.current()).token).toBe('one');
    await writeFile(join(dir, 'token'), 'two');
    expect((await credentials.current()).token).toBe('one');
    expect(credentials.invalidate()).toBe(true);
    expect((await credentials.current()).token).toBe('two');
    expect(credentials.secrets()).toEqual(['one', 'two']);
  });

  it('a fixed token has nothing to ask again', () => {
    expect(loadConnection({ content: kubeconfigText(SERVER), env: {} }).credentials.invalidate()).toBe(false);
  });

  it.each([
    ['no current-context', (t: string) => t.replace('current-context: x', ''), /has no current-context/],
    ['an unknown context', (t: string) => t.replace('current-context: x', 'current-context: nope'), /context "nope" is not one of its contexts/],
    ['a missing cluster', (t: string) => t.replace('- name: c\n', '- name: other\n'), /context "x" names cluster "c", which it does not define/],
    ['a missing user', (t: string) => t.replace('- name: u\n', '- name: other\n'), /context "x" names user "u", which it does not define/],
    ['no server', (t: string) => t.replace(`server: ${SERVER}`, 'server: ""'), /cluster "c" \(context "x"\) has no server URL/],
    [
      'an auth-provider',
      (t: string) => t.replace('{ token: test-token }', '{ auth-provider: { name: gcp } }'),
      /uses an auth-provider, which Kubernetes removed in 1.26/,
    ],
    [
      'a certificate without its key',
      (t: string) => t.replace('{ token: test-token }', '{ client-certificate-data: Q0VSVA== }'),
      /client certificate without its key/,
    ],
    ['not YAML', () => 'clusters: [', /does not parse as YAML; content not shown/],
  ])('%s is a ConfigurationError', (_name, edit, message) => {
    const error = errorOf(() => loadConnection({ content: edit(kubeconfigText(SERVER)), env: {} }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
  });

  it('a missing certificate file is a ConfigurationError naming the file', () => {
    const error = errorOf(() =>
      loadConnection({ content: kubeconfigText(SERVER, undefined, `\n      certificate-authority: ${join(dir, 'absent.crt')}`), env: {} }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`kubeconfig cluster "c": certificate-authority ${join(dir, 'absent.crt')} cannot be read (ENOENT).`);
  });
});

describe('exec credential plugins', () => {
  const execUser = (extra = '') =>
    `\n      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: aws\n        args: [eks, get-token, --cluster-name, prod]\n        env: [{ name: AWS_PROFILE, value: deploy }]${extra}`;
  const credential = (status: object) => JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status });

  function recordingPlugin(answers: (() => string | Error)[]) {
    const runs: { command: string; args: string[]; env: Record<string, string> }[] = [];
    const runPlugin: PluginRunner = (command, args, env) => {
      runs.push({ command, args, env });
      const answer = (answers[runs.length - 1] ?? answers[answers.length - 1])!();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    };
    return { runs, runPlugin };
  }

  it('runs the plugin with its args, its env and KUBERNETES_EXEC_INFO (cluster info when asked)', async () => {
    const ca = Buffer.from('CA PEM').toString('base64');
    const { runs, runPlugin } = recordingPlugin([() => credential({ token: 'eks-token' })]);
    const connection = loadConnection({
      content: kubeconfigText(SERVER, execUser('\n        provideClusterInfo: true'), `\n      certificate-authority-data: ${ca}`),
      env: { PATH: '/usr/bin', HOME: '/home/x' },
      runPlugin,
    });
    expect(runs).toEqual([]);
    expect(await connection.credentials.current()).toEqual({ token: 'eks-token' });
    expect(runs[0]?.command).toBe('aws');
    expect(runs[0]?.args).toEqual(['eks', 'get-token', '--cluster-name', 'prod']);
    expect(runs[0]?.env).toMatchObject({ PATH: '/usr/bin', HOME: '/home/x', AWS_PROFILE: 'deploy' });
    expect(JSON.parse(runs[0]?.env.KUBERNETES_EXEC_INFO ?? '')).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: SERVER, 'certificate-authority-data': ca } },
    });
    expect(connection.credentials.secrets()).toEqual(['eks-token']);
  });

  it('caches the credential until shortly before its expirationTimestamp', async () => {
    const later = new Date(Date.now() + 3600_000).toISOString();
    const soon = new Date(Date.now() + 5_000).toISOString();
    const lasting = recordingPlugin([() => credential({ token: 't', expirationTimestamp: later })]);
    const source = loadConnection({ content: kubeconfigText(SERVER, execUser()), env: {}, runPlugin: lasting.runPlugin }).credentials;
    await source.current();
    await source.current();
    expect(lasting.runs).toHaveLength(1);
    // Within 10 s of expiry: asked again every time.
    const expiring = recordingPlugin([() => credential({ token: 't', expirationTimestamp: soon })]);
    const again = loadConnection({ content: kubeconfigText(SERVER, execUser()), env: {}, runPlugin: expiring.runPlugin }).credentials;
    await again.current();
    await again.current();
    expect(expiring.runs).toHaveLength(2);
  });

  it('requests in flight together share one run of the plugin', async () => {
    const { runs, runPlugin } = recordingPlugin([() => credential({ token: 't' })]);
    const source = loadConnection({ content: kubeconfigText(SERVER, execUser()), env: {}, runPlugin }).credentials;
    const all = await Promise.all(Array.from({ length: 8 }, () => source.current()));
    expect(new Set(all.map((c) => c.token))).toEqual(new Set(['t']));
    expect(runs).toHaveLength(1);
  });

  it('gives client certificates from the plugin', async () => {
    const { runPlugin } = recordingPlugin([() => credential({ clientCertificateData: 'CERT', clientKeyData: 'KEY' })]);
    const source = loadConnection({ content: kubeconfigText(SERVER, execUser()), env: {}, runPlugin }).credentials;
    expect(await source.current()).toEqual({ clientCertificate: 'CERT', clientKey: 'KEY' });
    expect(source.secrets()).toEqual(['KEY']);
  });

  it('a failing plugin is a ConfigurationError naming it and its install hint, with no secret in the message', async () => {
    const userWithSecrets =
      `\n      exec:\n        command: kubelogin\n        args: [get-token, --oidc-client-secret=hunter2-secret-arg]\n` +
      `        env: [{ name: AZURE_CLIENT_SECRET, value: env-secret-value }]\n        installHint: Install kubelogin from its releases page.`;
    const { runPlugin } = recordingPlugin([() => new Error('AADSTS7000215: invalid client secret env-secret-value for hunter2-secret-arg')]);
    const error = await rejectionOf(loadConnection({ content: kubeconfigText(SERVER, userWithSecrets), env: {}, runPlugin }).credentials.current());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'kubeconfig user "u": the credential plugin "kubelogin" failed: AADSTS7000215: invalid client secret *** for *** Install kubelogin from its releases page.',
    );
  });

  it('the real runner says how the plugin failed and its last stderr line, never its command line', async () => {
    const user = `\n      exec:\n        command: /bin/sh\n        args: ['-c', 'echo starting >&2; echo "token expired" >&2; exit 3', '--token=arg-secret-xyz']`;
    const error = await rejectionOf(loadConnection({ content: kubeconfigText(SERVER, user), env: { PATH: process.env.PATH } }).credentials.current());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('kubeconfig user "u": the credential plugin "/bin/sh" failed: it exited with code 3: token expired');
    const missing = await rejectionOf(
      loadConnection({
        content: kubeconfigText(SERVER, '\n      exec: { command: k8sapp-no-such-plugin }'),
        env: { PATH: process.env.PATH },
      }).credentials.current(),
    );
    expect(missing.message).toBe('kubeconfig user "u": the credential plugin "k8sapp-no-such-plugin" failed: it is not installed (not found on PATH)');
  });

  it.each([
    ['not JSON', 'Password: hunter2', /printed no ExecCredential JSON/],
    ['no status', '{"kind":"ExecCredential"}', /printed an ExecCredential without status/],
    ['no credential', '{"kind":"ExecCredential","status":{}}', /gave neither a token nor a client certificate/],
  ])('plugin output with %s is a ConfigurationError that does not repeat the output', async (_name, output, message) => {
    const { runPlugin } = recordingPlugin([() => output]);
    const error = await rejectionOf(loadConnection({ content: kubeconfigText(SERVER, execUser()), env: {}, runPlugin }).credentials.current());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('hunter2');
  });
});

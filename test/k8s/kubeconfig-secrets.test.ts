import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubeconfigSecrets } from '../../src/k8s/kubeconfig.js';

const KEY_PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB3zN0pYpG5qNw0o1c9u1kQ2aV7XwE1b\nAoGCCqGSM49AwEHoUQDQgAE\n-----END EC PRIVATE KEY-----\n';
const KEY_DATA = Buffer.from(KEY_PEM).toString('base64');

function kubeconfig(user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://api.example:6443', 'certificate-authority-data': 'Q0EgZGF0YQ==' } }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
    users: [{ name: 'u', user }],
  });
}

describe('kubeconfigSecrets: the credential fields, parsed', () => {
  it('a token: the token only, not the structure around it', () => {
    const secrets = kubeconfigSecrets(kubeconfig({ token: 'abcd.efgh-token-value' }));
    expect(secrets).toEqual(['abcd.efgh-token-value']);
    expect(secrets).not.toContain('apiVersion: v1');
    expect(secrets.join()).not.toContain('Q0EgZGF0YQ==');
  });

  it('a client key: as written, decoded, and each decoded line (masking works line by line)', () => {
    const secrets = kubeconfigSecrets(kubeconfig({ 'client-key-data': KEY_DATA, 'client-certificate-data': 'Y2VydGlmaWNhdGU=' }));
    expect(secrets).toEqual(
      expect.arrayContaining([KEY_DATA, KEY_PEM.trim(), 'MHcCAQEEIB3zN0pYpG5qNw0o1c9u1kQ2aV7XwE1b', 'AoGCCqGSM49AwEHoUQDQgAE', 'Y2VydGlmaWNhdGU=']),
    );
    expect(secrets).not.toContain('-----BEGIN EC PRIVATE KEY-----');
  });

  it('basic auth and exec plugin environment values', () => {
    const secrets = kubeconfigSecrets(
      kubeconfig({ username: 'admin', password: 'hunter2-password', exec: { command: 'aws', env: [{ name: 'AWS_SECRET', value: 'exec-secret-value' }] } }),
    );
    expect(secrets).toEqual(expect.arrayContaining(['hunter2-password', 'exec-secret-value']));
    expect(secrets).not.toContain('aws');
  });

  it('not YAML: nothing to read (the loader reports the error; nothing is guessed)', () => {
    expect(kubeconfigSecrets('{{{')).toEqual([]);
  });
});

describe('a --kubeconfig pipe (process substitution) is read once', () => {
  it('the check and the client share its one reading; nothing is written to disk', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { checkKubeconfigFile } from './src/k8s/kubeconfig.ts';",
      "import { loadConnection } from './src/k8s/connection.ts';",
      'const path = process.argv.at(-1);',
      'const target = checkKubeconfigFile(path);',
      'const connection = loadConnection({ kubeconfig: path, env: {} });',
      'const { token } = await connection.credentials.current();',
      'console.log(JSON.stringify({ server: target.server, same: connection.server === target.server, token }));',
    ].join('\n');
    const text = kubeconfig({ token: 'piped-token-value' });
    const run = spawnSync('bash', ['-c', `node --import tsx --input-type=module -e "$SCRIPT" <(printf '%s' "$TEXT")`], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, SCRIPT: script, TEXT: text },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ server: 'https://api.example:6443', same: true, token: 'piped-token-value' });
  });
});

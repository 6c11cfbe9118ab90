import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runBundledAction } from '../helpers/run-action.js';
import { KUBECONFIG, mustGet, waitRolledOut } from './helpers/cluster.js';
import { describeRun } from './helpers/k8sapp.js';
import { b64, deployment, secret, unb64 } from './helpers/manifests.js';
import { expectExit, scenario, SCENARIO_TIMEOUT_MS } from './helpers/scenario.js';

/** Values with characters that have other escaped forms (JSON, base64 padding). */
const value = (label: string) => `e2e-${label}/${randomBytes(6).toString('hex')}+"q"`;

/** Every form of a value that must never appear: itself, its base64, its JSON-escaped form. */
const forms = (text: string) => [text, b64(text), JSON.stringify(text).slice(1, -1)];

function expectNowhere(haystack: string, values: string[]): void {
  for (const v of values) for (const form of forms(v)) expect(haystack.includes(form), `a form of a secret value (${form.slice(0, 6)}…) appears`).toBe(false);
}

/** Every release recorded for the environment, decompressed. */
async function releaseTexts(environment: string): Promise<string> {
  const cm = await mustGet('configmap', `k8sapp-releases-${environment}`, 'default');
  const texts = Object.values((cm.binaryData ?? {}) as Record<string, string>).map((data) => gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
  return `${JSON.stringify(cm.data)}\n${texts.join('\n---\n')}`;
}

const resources = [
  secret('db', { data: { PASSWORD: 'StrongBase64Password' }, stringData: { TOKEN: 'CHANGE_ME' }, labels: { app: 'app' } }),
  deployment('app', {
    env: [
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'PASSWORD' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'db', key: 'TOKEN' } } },
    ],
  }),
];

describe.concurrent('secret substitution', () => {
  it(
    'k8sapp deploy: the values reach the cluster and appear nowhere in output, logs or the release record',
    async (t) => {
      const s = await scenario(t, 'secrets cli', { resources });
      const password = value('pw');
      const token = value('tok');
      const secretsFile = await s.file('secrets.json', JSON.stringify({ PASSWORD: password, 'db/TOKEN': token }));
      const run = await s.deploy(['--secrets-file', secretsFile]);
      expectExit(run, 0);
      expect(run.json?.status, describeRun(run)).toBe('succeeded');

      const live = await mustGet('secret', 'db', s.namespace);
      expect(unb64(live.data.PASSWORD)).toBe(password);
      expect(unb64(live.data.TOKEN)).toBe(token);
      await waitRolledOut('Deployment', 'app', s.namespace);

      expectNowhere(run.stdout + run.stderr, [password, token]);
      // The release keeps the Secret by name only.
      const release = await releaseTexts(s.environment);
      expect(release).toContain('db');
      expectNowhere(release, [password, token]);
      expect(JSON.stringify(run.json?.release?.recorded?.strippedSecrets)).toContain('db');

      // A plan with the same values (server-side dry run) does not echo them either.
      const plan = await s.k8sapp('plan', ['--secrets-file', secretsFile]);
      expectExit(plan, 0);
      expectNowhere(plan.stdout + plan.stderr, [password, token]);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'the deploy action bundle: values and kubeconfig masked before anything is printed; absent from the summary and outputs',
    async (t) => {
      const s = await scenario(t, 'secrets action', { resources });
      const password = value('pw');
      const token = value('tok');
      const kubeconfig = await readFile(KUBECONFIG, 'utf8');
      const run = await runBundledAction(
        'deploy',
        {
          environment: s.environment,
          'control-file': 'deploy-control.yaml',
          kubeconfig,
          secrets: JSON.stringify({ PASSWORD: password, 'db/TOKEN': token }),
        },
        { cwd: s.infra.root, env: { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: 'e2e0000000000000000000000000000000000001' } },
      );
      const context = `exit ${run.exitCode}\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`;
      expect(run.exitCode, context).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(run.outputs.deployed).toBe('true');
      const live = await mustGet('secret', 'db', s.namespace);
      expect(unb64(live.data.PASSWORD)).toBe(password);
      expect(unb64(live.data.TOKEN)).toBe(token);

      // The runner learns what to mask from ::add-mask:: lines; each value must be registered before it could appear.
      const lines = run.stdout.split('\n');
      const masks = lines.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length));
      for (const v of [password, token]) expect(masks).toContain(v);
      const clusterToken = /token:\s*(\S+)/.exec(kubeconfig)?.[1];
      if (clusterToken) expect(masks.some((m) => m.includes(clusterToken))).toBe(true);
      const firstMask = lines.findIndex((line) => line.startsWith('::add-mask::'));
      const firstOther = lines.findIndex((line) => line.trim() && !line.startsWith('::add-mask::'));
      expect(firstMask).toBeLessThan(firstOther);

      const unmasked = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
      expectNowhere(unmasked + run.stderr + run.summary + JSON.stringify(run.outputs), [password, token]);
      if (clusterToken) expect((unmasked + run.summary + JSON.stringify(run.outputs)).includes(clusterToken)).toBe(false);
      expectNowhere(await releaseTexts(s.environment), [password, token]);
      // The kubeconfig file lived in RUNNER_TEMP only for the step.
      const left = (await readdir(run.tempDir)).filter((name) => !['output', 'summary'].includes(name));
      expect(left).toEqual([]);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/apply/types.js';
import type { Decision } from '../../src/gate/decide.js';
import { planSectionMarkdown } from '../../src/plan/markdown.js';
import { apiFor, overlayObjects, readyDeployment, scriptNewObjects, workspace } from '../deploy/helpers.js';
import { call, SERVER_VERSION } from '../helpers/fake-kube.js';
import { FakeKubectl, TEST_KUBECONFIG } from '../helpers/fake-kubectl.js';
import { runCliInProcess } from '../helpers/cli.js';
import { tableUnder } from './helpers.js';

/** With `fake`, its kubectl half builds the overlay and its API half (apiFor) answers the client's calls. */
function cli(args: string[], cwd: string, fake?: FakeKubectl) {
  return runCliInProcess(args, { cwd, ...(fake ? { exec: fake.executor, kube: apiFor(fake) } : {}) });
}

describe('k8sapp plan --markdown', () => {
  let root: string;
  beforeAll(async () => {
    root = await workspace();
    await writeFile(join(root, 'kubeconfig'), TEST_KUBECONFIG);
    await writeFile(join(root, 'secrets.yaml'), 'PASSWORD: s3cret-value\n');
  });

  it('prints the created objects and the gate for a merge, never a secret value', async () => {
    const fake = new FakeKubectl();
    scriptNewObjects(fake, overlayObjects('postgres'), () => readyDeployment('postgres'));
    apiFor(fake).on(call('version'), SERVER_VERSION);
    const run = await cli(['plan', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--secrets-file', 'secrets.yaml', '--markdown'], root, fake);
    expect(run.code, run.err).toBe(0);
    expect(run.out.split('\n')[0]).toBe('### dev ✅ the apply would succeed');
    expect(tableUnder(run.out, /^#### Created \(3\)$/)).toEqual([
      ['ConfigMap', 'apps', 'postgres-config', ''],
      ['Secret', 'apps', 'postgres-secret', ''],
      ['Deployment', 'apps', 'postgres', ''],
    ]);
    expect(run.out).toContain('#### Gate for a merge');
    expect(run.out).toMatch(/^(✅ a merge would deploy|⛔ a merge would not deploy)/m);
    expect(run.out + run.err).not.toContain('s3cret-value');
    // A plan only asks the server to dry-run.
    expect(
      apiFor(fake)
        .of('apply')
        .every((c) => c.options?.dryRun === true),
    ).toBe(true);
    expect(apiFor(fake).calls.filter((c) => ['create', 'replace', 'patch', 'delete'].includes(c.verb))).toEqual([]);
  });

  it('cannot be combined with --json, and changes nothing', async () => {
    const run = await cli(['plan', '--env', 'dev', '--kubeconfig', 'kubeconfig', '--markdown', '--json'], root);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--markdown and --json cannot be combined');
  });

  it('is listed in the help of plan, not of apply', async () => {
    expect((await cli(['plan', '--help'], root)).out).toContain('--markdown');
    expect((await cli(['apply', '--help'], root)).out).not.toContain('--markdown');
    expect((await cli(['apply', '--env', 'dev', '--markdown'], root)).code).toBe(2);
  });
});

describe('the plan section', () => {
  const report: ApplyReport = {
    environment: 'prod',
    mode: 'plan',
    ok: false,
    resources: [
      { kind: 'ConfigMap', namespace: 'apps', name: 'web-config', action: 'configured' },
      { kind: 'StatefulSet', namespace: 'apps', name: 'db', action: 'recreated', reason: 'spec.volumeClaimTemplates is immutable' },
      { kind: 'Service', namespace: 'apps', name: 'web', action: 'unchanged' },
      { kind: 'Ingress', namespace: 'apps', name: 'web', action: 'failed', reason: 'denied: host <a|b> taken' },
    ],
    recreated: [
      {
        kind: 'StatefulSet',
        namespace: 'apps',
        name: 'db',
        status: 'planned',
        fields: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)'],
        serverMessage: 'Forbidden',
        cascade: 'orphan',
        preserved: ['pods', 'PersistentVolumeClaims'],
        orphansRemoved: [],
        orphansLeft: [],
      },
    ],
    placeholders: [],
    errors: ['Ingress apps/web: denied: host <a|b> taken'],
    warnings: [],
    workloads: [],
    templatesBefore: new Map(),
  };
  const gate: Decision = {
    environment: 'prod',
    allowed: false,
    trigger: 'auto',
    reasons: [
      { code: 'ENV_ENABLED', message: 'prod is enabled' },
      { code: 'OUTSIDE_WINDOW', message: 'outside Mon–Fri 09:00–17:00' },
    ],
    services: [],
    requiresApproval: true,
    rolloutTimeoutSeconds: 300,
    window: { open: false, nextOpen: '2026-12-24T08:00:00.000Z' },
    emergencyOverride: null,
  };
  const text = planSectionMarkdown({
    report,
    gate,
    prune: {
      status: 'planned',
      message: 'compared with release 7',
      objects: [
        { group: 'apps', kind: 'Deployment', namespace: 'apps', name: 'old-worker', action: 'would-prune' },
        {
          group: '',
          kind: 'PersistentVolumeClaim',
          namespace: 'apps',
          name: 'data-db-0',
          action: 'kept',
          reason: 'protected: PersistentVolumeClaims are never pruned',
        },
        { group: '', kind: 'ConfigMap', namespace: 'apps', name: 'other', action: 'left-alone', reason: 'not managed by k8sapp' },
      ],
    },
  });

  it('has one table per kind of change, the unchanged only counted', () => {
    expect(text.split('\n')[0]).toBe('### prod ❌ the apply would fail');
    expect(text).toContain('1 object(s) unchanged.');
    expect(tableUnder(text, /^#### Configured \(1\)$/)).toEqual([['ConfigMap', 'apps', 'web-config', '']]);
    expect(tableUnder(text, /^#### Recreated \(1\)$/)).toEqual([
      ['StatefulSet', 'apps', 'db', 'spec.volumeClaimTemplates[0].spec.resources.requests.storage (10Gi → 20Gi)', 'Orphan', 'pods, PersistentVolumeClaims'],
    ]);
    expect(tableUnder(text, /^#### Would prune \(1\)$/)).toEqual([['Deployment.apps', 'apps', 'old-worker', '']]);
    expect(tableUnder(text, /^#### Kept: protected \(1\)$/)).toEqual([
      ['PersistentVolumeClaim', 'apps', 'data-db-0', 'PersistentVolumeClaims are never pruned'],
    ]);
    expect(text).not.toContain('other');
    expect(text).not.toMatch(/^#### Created/m);
  });

  it('escapes what the server said exactly once', () => {
    expect(tableUnder(text, /^#### Refused by the server \(1\)$/)).toEqual([['Ingress', 'apps', 'web', 'denied: host &lt;a\\|b&gt; taken']]);
    expect(text).toContain('- Ingress apps/web: denied: host &lt;a\\|b&gt; taken');
    expect(text).not.toContain('&amp;lt;');
  });

  it('shows the gate: blocked by the window, when it opens next', () => {
    expect(text).toContain('⛔ a merge would not deploy (OUTSIDE_WINDOW)');
    expect(text).toContain('| `OUTSIDE_WINDOW` | block | outside Mon–Fri 09:00–17:00 |');
    expect(text).toContain('Next window opens 2026-12-24T08:00:00.000Z.');
  });
});

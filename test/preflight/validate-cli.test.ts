import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { execute } from '../../src/exec.js';
import { validateInfrastructure } from '../../src/validate/validate.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { basicAuthorization, pushImage, registryAvailability, startRegistry, type RunningRegistry } from './registry-server.js';

const availability = registryAvailability();

describe.runIf(availability.run)('validate --image-preflight and k8sapp preflight against a real registry (real kubectl kustomize)', () => {
  let open: RunningRegistry;
  let basic: RunningRegistry;
  let root: string;
  let digest: string;

  beforeAll(async () => {
    [open, basic] = await Promise.all([startRegistry(), startRegistry({ htpasswd: { username: 'puller', password: 'pull-pass-1234' } })]);
    digest = await pushImage(open, 'shop/web', '2.0');
    await pushImage(open, 'shop/init', '1');
    await pushImage(basic, 'shop/private', '1.0', { authorization: basicAuthorization('puller', 'pull-pass-1234') });
    root = await mkdtemp(join(tmpdir(), 'k8sapp-preflight-repo-'));
    await writeFile(
      join(root, 'deploy-control.yaml'),
      'global: {}\nenvironments:\n  dev:\n    enabled: true\n    auto_deploy: true\n    image_preflight: enforce\n    pin_digests: false\n',
    );
    await mkdir(join(root, 'k8s/base'), { recursive: true });
    await mkdir(join(root, 'k8s/hetzner/dev'), { recursive: true });
    await writeFile(
      join(root, 'k8s/base/web.deployment.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web }',
        'spec:',
        '  selector: { matchLabels: { app: web } }',
        '  template:',
        '    metadata: { labels: { app: web } }',
        '    spec:',
        '      initContainers:',
        `        - { name: init, image: ${open.host}/shop/init:1 }`,
        '      containers:',
        `        - name: web`,
        `          image: ${open.host}/shop/web:1.0`,
        `        - name: private`,
        `          image: ${basic.host}/shop/private:1.0`,
        '',
      ].join('\n'),
    );
    await writeFile(
      join(root, 'k8s/base/job.cronjob.yaml'),
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: nightly }\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - { name: job, image: ${open.host}/shop/gone:1 }\n`,
    );
    await writeFile(join(root, 'k8s/base/kustomization.yaml'), 'resources:\n  - web.deployment.yaml\n  - job.cronjob.yaml\n');
    // The overlay fixes the web tag with kustomize's images transformer: the finding must point there.
    await writeFile(
      join(root, 'k8s/hetzner/dev/kustomization.yaml'),
      `namespace: shop\nresources:\n  - ../../base\nimages:\n  - name: ${open.host}/shop/web\n    newTag: "2.01"\n`,
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([open?.stop(), basic?.stop()]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("validate: a typo'd tag and a missing repository are errors on the lines that set them; the private image a warning", async () => {
    const report = await validateInfrastructure({ root, imagePreflight: true }, { kubectl: new Kubectl(execute), fetch: (url, init) => fetch(url, init) });
    const images = report.findings.filter((f) => f.code.startsWith('IMAGE_'));
    expect(images.map((f) => `${f.severity} ${f.code} ${f.location?.file.replace(root, 'ROOT')}:${f.location?.line}`).sort()).toEqual([
      'error IMAGE_NOT_FOUND ROOT/k8s/base/job.cronjob.yaml:12',
      'error IMAGE_NOT_FOUND ROOT/k8s/hetzner/dev/kustomization.yaml:6',
      'warning IMAGE_NOT_CHECKED ROOT/k8s/base/web.deployment.yaml:15',
    ]);
    expect(report.valid).toBe(false);
    expect(images.find((f) => f.location?.line === 6)?.message).toContain(`tag 2.01 of shop/web does not exist in ${open.host}`);
    expect(images.find((f) => f.location?.line === 12)?.message).toContain('repository shop/gone does not exist');
    // Without the option nothing is asked of a registry.
    const plain = await validateInfrastructure({ root }, { kubectl: new Kubectl(execute) });
    expect(plain.findings.filter((f) => f.code.startsWith('IMAGE_'))).toEqual([]);
  });

  it('k8sapp preflight --json with --registry-config: the private image resolves; exit 1 for the missing ones', async () => {
    const config = join(root, 'config.json');
    await writeFile(config, JSON.stringify({ auths: { [basic.host]: { username: 'puller', password: 'pull-pass-1234' } } }));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['preflight', '--root', root, '--env', 'dev', '--registry-config', config, '--json'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      exec: execute,
      now: () => new Date(),
      env: {},
      cwd: root,
    });
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    const byImage = Object.fromEntries(report.images.map((i: { image: string; status: string }) => [i.image, i.status]));
    expect(byImage).toEqual({
      [`${open.host}/shop/init:1`]: 'resolved',
      [`${open.host}/shop/web:2.01`]: 'not-found',
      [`${basic.host}/shop/private:1.0`]: 'resolved',
      [`${open.host}/shop/gone:1`]: 'not-found',
    });
    expect(report.images.find((i: { status: string; credentials?: string }) => i.credentials)?.credentials).toBe('--registry-config');
    expect(out.join('\n') + err.join('\n')).not.toContain('pull-pass-1234');
    expect(err.join('\n')).toContain('kustomization.yaml:6');
    expect(digest).toMatch(/^sha256:/);
  });
});

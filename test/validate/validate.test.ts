import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/exec.js';
import { Kubectl } from '../../src/k8s/kubectl.js';
import { RecordingLogger } from '../../src/log.js';
import { renderText, validationMarkdown } from '../../src/validate/report.js';
import { kustomizeMessage } from '../../src/manifests/render.js';
import { mapBounded, validateInfrastructure, type ValidationReport } from '../../src/validate/validate.js';
import { FakeKubectl, fail, ok } from '../helpers/fake-kubectl.js';
import { breaks, copyExample } from './broken-copies.js';

const realKubectl = () => new Kubectl(execute);
const errors = (report: ValidationReport) => report.findings.filter((f) => f.severity === 'error');

/** Runs the core on a broken copy with the working directory's view of paths (infra/...). */
async function validateBroken(apply: (infra: string) => Promise<string>) {
  const { workspace, infra } = await copyExample();
  const expectedFile = await apply(infra);
  const report = await validateInfrastructure({ root: join(workspace, 'infra') }, { kubectl: realKubectl() });
  return { report, expectedFile: join(workspace, expectedFile), workspace };
}

describe.concurrent('validateInfrastructure on examples/infra (real kubectl kustomize)', () => {
  it('builds every overlay, counts kinds, lists placeholders and finds nothing wrong', async () => {
    const logger = new RecordingLogger();
    const report = await validateInfrastructure({ root: 'examples/infra' }, { kubectl: realKubectl(), logger });
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.environments).toEqual(['dev', 'test', 'prod']);
    expect(report.overlays.map((o) => [o.path, o.environments, o.built])).toEqual([
      ['examples/infra/k8s/hetzner/dev', ['dev'], true],
      ['examples/infra/k8s/hetzner/prod', ['prod'], true],
      ['examples/infra/k8s/hetzner/test', ['test'], true],
      ['examples/infra/k8s/podman/local', [], true],
    ]);
    for (const overlay of report.overlays) {
      expect(overlay.kinds).toMatchObject({ StatefulSet: 3, Secret: 2 });
      expect(overlay.resources).toContainEqual({ kind: 'StatefulSet', namespace: 'default', name: 'postgres' });
      expect(overlay.placeholders.length).toBeGreaterThan(0);
      expect(overlay.placeholders.every((p) => p.suppliedBy === null)).toBe(true);
      // Located in the base Secret the placeholder was written in, not in kustomize's output.
      expect(overlay.placeholders[0]?.location?.file).toMatch(/^examples\/infra\/k8s\/base\/secrets\/.*\.secret\.yaml$/);
    }
    expect(report.clusterConfigs.map((c) => c.environment)).toEqual(['dev', 'prod', 'test']);
    expect(logger.lines).toContain('== kubectl kustomize: 4 overlay(s)');
    expect(logger.lines).toContain('examples/infra/k8s/hetzner/prod: 13 resources (ConfigMap 2, Secret 2, Service 6, StatefulSet 3)');
    const text = renderText(report);
    expect(text).toMatch(/examples\/infra\/k8s\/hetzner\/prod\s+prod\s+13\s+ConfigMap 2, Secret 2, Service 6, StatefulSet 3/);
    expect(text.trim().split('\n').at(-1)).toBe('valid: 4 overlay(s) built and checked');
    expect(validationMarkdown(report)).toContain('| `examples/infra/k8s/hetzner/dev` | dev | 13 | ConfigMap 2, Secret 2, Service 6, StatefulSet 3 |');
  });

  it('with secret names, reports each placeholder no name supplies, once, at the base Secret', async () => {
    const report = await validateInfrastructure({ root: 'examples/infra', secretNames: ['POSTGRES_SA_PASSWORD'] }, { kubectl: realKubectl() });
    expect(report.valid).toBe(false);
    const unsupplied = errors(report).filter((f) => f.code === 'PLACEHOLDER_UNSUPPLIED');
    expect(unsupplied.length).toBeGreaterThan(0);
    expect(unsupplied.some((f) => f.message.includes('POSTGRES_SA_PASSWORD'))).toBe(false);
    expect(unsupplied.every((f) => f.location?.file.startsWith('examples/infra/k8s/base/secrets/'))).toBe(true);
    expect(new Set(unsupplied.map((f) => `${f.location?.file}:${f.location?.line}`)).size).toBe(unsupplied.length);
  });
});

describe.concurrent('validateInfrastructure on broken copies', () => {
  it('malformed YAML in an overlay: a located syntax error and the build failure at the patch entry', async () => {
    const { report, expectedFile } = await validateBroken(breaks.malformedYaml);
    expect(report.valid).toBe(false);
    expect(errors(report)).toContainEqual(expect.objectContaining({ code: 'YAML_SYNTAX', location: expect.objectContaining({ file: expectedFile, line: 4 }) }));
    const build = errors(report).find((f) => f.code === 'KUSTOMIZE_BUILD');
    expect(build?.location?.file).toMatch(/infra\/k8s\/hetzner\/test\/kustomization\.yaml$/);
    expect(build?.location?.line).toBeGreaterThan(1);
    expect(build?.message).toContain('patches/statefulsets/redis.statefulset.yaml');
    expect(report.overlays.find((o) => o.name === 'test')?.built).toBe(false);
    expect(report.overlays.filter((o) => o.built)).toHaveLength(3);
  });

  it("a patch targeting a missing resource: kustomize's message on the overlay's kustomization.yaml", async () => {
    const { report, expectedFile } = await validateBroken(breaks.patchTargetsMissingResource);
    expect(errors(report)).toEqual([expect.objectContaining({ code: 'KUSTOMIZE_BUILD', location: { file: expectedFile, line: 1 } })]);
    expect(errors(report)[0]?.message).toMatch(/failed: no resource matches strategic merge patch "StatefulSet\.v1\.apps\/ghost/);
    expect(errors(report)[0]?.message).not.toMatch(/run\.go|E\d{4}/);
  });

  it('a duplicate resource kustomize refuses: its message at the kustomization entry that adds it', async () => {
    const { report, expectedFile } = await validateBroken(breaks.duplicateResource);
    expect(errors(report)).toEqual([expect.objectContaining({ code: 'KUSTOMIZE_BUILD', location: expect.objectContaining({ file: expectedFile, line: 18 }) })]);
    expect(errors(report)[0]?.message).toContain('may not add resource with an already registered id: ConfigMap.v1.[noGrp]/redis-config');
  });

  it('a duplicate kustomize lets through (two API versions of one object): at the second definition', async () => {
    const { report, expectedFile, workspace } = await validateBroken(breaks.duplicateAcrossVersions);
    const duplicate = errors(report);
    expect(duplicate).toEqual([expect.objectContaining({ code: 'DUPLICATE_RESOURCE', location: expect.objectContaining({ file: expectedFile, line: 1 }) })]);
    expect(duplicate[0]?.message).toContain('HorizontalPodAutoscaler default/redis is defined twice');
    expect(duplicate[0]?.message).toContain(`first at ${join(workspace, 'infra/k8s/podman/local/hpa-v2.yaml')}:1`);
  });

  it('a wrong field type in a patch: located on the patch line that sets it', async () => {
    const { report, expectedFile } = await validateBroken(breaks.wrongFieldType);
    expect(errors(report)).toEqual([
      expect.objectContaining({ code: 'K8S_SCHEMA', key: 'spec.replicas', location: expect.objectContaining({ file: expectedFile, line: 14 }) }),
    ]);
  });

  it('a missing control file: reported, and the overlays are still built', async () => {
    const { report, expectedFile } = await validateBroken(breaks.missingControlFile);
    expect(errors(report)).toEqual([expect.objectContaining({ code: 'FILE_MISSING', location: { file: expectedFile } })]);
    expect(report.environments).toEqual([]);
    expect(report.overlays.filter((o) => o.built)).toHaveLength(4);
  });

  it('no overlays: one error for the folder and one per environment that points nowhere', async () => {
    const { report, expectedFile } = await validateBroken(breaks.noOverlays);
    expect(errors(report).map((f) => f.code)).toEqual(['NO_OVERLAYS', 'OVERLAY_MISSING', 'OVERLAY_MISSING', 'OVERLAY_MISSING']);
    expect(errors(report)[0]?.location).toEqual({ file: expectedFile });
    expect(errors(report)[1]).toMatchObject({ key: 'environments.dev.overlay', location: { line: expect.any(Number) } });
  });

  it('a control-file schema violation: the key path and line', async () => {
    const { report, expectedFile } = await validateBroken(breaks.controlSchemaViolation);
    const brokenLine = (await readFile(expectedFile, 'utf8')).split('\n').indexOf('    enabled: sometimes') + 1;
    expect(brokenLine).toBeGreaterThan(1);
    expect(errors(report)).toEqual([
      expect.objectContaining({
        code: 'SCHEMA',
        key: 'environments.test.enabled',
        location: expect.objectContaining({ file: expectedFile, line: brokenLine }),
      }),
    ]);
    expect(report.overlays.filter((o) => o.built)).toHaveLength(4);
  });

  it('a deploy-control service that selects no manifest: an error on the service key, per environment', async () => {
    const { report, expectedFile } = await validateBroken(breaks.serviceSelectsNothing);
    const lines = (await readFile(expectedFile, 'utf8')).split('\n');
    const mongoLines = lines.flatMap((line, index) => (line.startsWith('      mongo:') ? [index + 1] : []));
    expect(mongoLines).toHaveLength(3);
    expect(report.valid).toBe(false);
    expect(errors(report)).toEqual(
      // Overlays are reported in folder order (dev, prod, test); the lines are in file order (dev, test, prod).
      (
        [
          ['dev', 0],
          ['prod', 2],
          ['test', 1],
        ] as const
      ).map(([environment, index]) =>
        expect.objectContaining({
          code: 'SERVICE_SELECTS_NOTHING',
          key: `environments.${environment}.services.mongo`,
          location: expect.objectContaining({ file: expectedFile, line: mongoLines[index] }),
          message: expect.stringContaining('service "mongo"'),
        }),
      ),
    );
  });
});

describe('validateInfrastructure with a scripted kubectl', () => {
  // One ConfigMap, and a Service for each service deploy-control declares (a service that selects nothing is an error).
  const rendered = ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n']
    .concat(
      ['postgres', 'redis', 'jaeger'].map(
        (name) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  ports: [{ port: 80 }]\n`,
      ),
    )
    .join('---\n');

  it('runs exactly one kubectl kustomize per overlay, at most two at a time', async () => {
    let active = 0;
    let peak = 0;
    const fake = new FakeKubectl().on(['kustomize'], async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((done) => setImmediate(done));
      active--;
      return ok(rendered);
    });
    const report = await validateInfrastructure({ root: 'examples/infra' }, { kubectl: new Kubectl(fake.executor) });
    expect(fake.commands().sort()).toEqual([
      ['kustomize', 'examples/infra/k8s/hetzner/dev'],
      ['kustomize', 'examples/infra/k8s/hetzner/prod'],
      ['kustomize', 'examples/infra/k8s/hetzner/test'],
      ['kustomize', 'examples/infra/k8s/podman/local'],
    ]);
    expect(peak).toBe(2);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.overlays.every((o) => o.kinds.ConfigMap === 1)).toBe(true);
  });

  it('turns a kustomize failure into a finding on that overlay only', async () => {
    const fake = new FakeKubectl()
      .on(['kustomize', 'examples/infra/k8s/hetzner/prod'], fail('E0101 00:00:00.000000    1 run.go:72] "command failed" err="boom: \\"x\\" missing"\n'))
      .on(['kustomize'], ok(rendered));
    const report = await validateInfrastructure({ root: 'examples/infra' }, { kubectl: new Kubectl(fake.executor) });
    expect(errors(report)).toEqual([
      expect.objectContaining({
        code: 'KUSTOMIZE_BUILD',
        message: 'kubectl kustomize examples/infra/k8s/hetzner/prod failed: boom: "x" missing',
        location: { file: 'examples/infra/k8s/hetzner/prod/kustomization.yaml', line: 1 },
      }),
    ]);
    expect(report.overlays.map((o) => o.errors)).toEqual([0, 1, 0, 0]);
  });
});

describe('helpers', () => {
  it("extracts kustomize's message from klog lines, quoted or as a block", () => {
    expect(kustomizeMessage('E1 run.go:72] "command failed" err="a \\"b\\" c"\n')).toBe('a "b" c');
    expect(kustomizeMessage('E1 run.go:72] "command failed" err=<\n\ttrouble\n\tpath: x\n >\n')).toBe('trouble\npath: x');
    expect(kustomizeMessage('error: something else\n')).toBe('error: something else');
    expect(kustomizeMessage('')).toMatch(/without a message/);
  });

  it('mapBounded keeps order and bounds concurrency', async () => {
    let active = 0;
    let peak = 0;
    const result = await mapBounded([1, 2, 3, 4, 5], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((done) => setImmediate(done));
      active--;
      return n * 10;
    });
    expect(result).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});

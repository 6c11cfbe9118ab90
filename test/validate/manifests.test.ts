import { describe, expect, it } from 'vitest';
import { checkManifests, supplyingName } from '../../src/validate/manifests.js';
import { checkAgainstModel } from '../../src/validate/models.js';
import { parseYamlStream } from '../../src/yaml/located.js';

const stream = (text: string) => parseYamlStream(text, 'rendered.yaml');

const configMap = (name: string, namespace?: string) =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'data:', '  a: "1"'].join('\n');

const secret = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: postgres-secret',
  'type: Opaque',
  'stringData:',
  '  POSTGRES_SA_PASSWORD: StrongBase64Password',
  '  APP_PASSWORD: StrongBase64Password',
  '  USERNAME: app',
].join('\n');

describe('checkManifests', () => {
  it('accepts valid built-in objects and records them', () => {
    const result = checkManifests(stream(`${configMap('a')}\n---\n${configMap('b')}\n`));
    expect(result.findings).toEqual([]);
    expect(result.resources.map((r) => r.object.metadata.name)).toEqual(['a', 'b']);
  });

  it('reports a duplicate after namespace defaulting, at the second document', () => {
    const result = checkManifests(stream(`${configMap('settings')}\n---\n${configMap('other')}\n---\n${configMap('settings', 'default')}\n`));
    const duplicates = result.findings.filter((f) => f.code === 'DUPLICATE_RESOURCE');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ severity: 'error', location: { file: 'rendered.yaml', line: 15 } });
    expect(duplicates[0]?.message).toMatch(/ConfigMap default\/settings is defined twice \(first at rendered\.yaml:1\)/);
  });

  it('does not call objects in different namespaces duplicates', () => {
    const result = checkManifests(stream(`${configMap('settings', 'a')}\n---\n${configMap('settings', 'b')}\n`));
    expect(result.findings).toEqual([]);
  });

  it('reports missing metadata.name and skips the document otherwise', () => {
    const result = checkManifests(stream('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n'));
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'MISSING_FIELD', key: 'metadata.name', location: { file: 'rendered.yaml', line: 3, column: 1 } }),
    ]);
    expect(result.findings[0]?.message).toContain('ConfigMap/(no name): missing required field metadata.name');
    expect(result.resources).toEqual([]);
  });

  it('reports missing apiVersion and kind', () => {
    const codes = checkManifests(stream('metadata:\n  name: x\n')).findings.map((f) => f.key);
    expect(codes).toEqual(['apiVersion', 'kind']);
  });

  it('catches a wrong field type through the Kubernetes OpenAPI model, at the key', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: redis',
      'spec:',
      '  replicas: three',
      '  serviceName: redis',
      '  selector: {matchLabels: {app: redis}}',
      '  template:',
      '    metadata: {labels: {app: redis}}',
      '    spec:',
      '      containers:',
      '        - name: redis',
      '          image: valkey/valkey:9.0-alpine',
      '          ports:',
      '            - containerPort: "6379x"',
    ].join('\n');
    const findings = checkManifests(stream(text)).findings;
    expect(findings.map((f) => [f.code, f.key, f.location?.line])).toEqual([
      ['K8S_SCHEMA', 'spec.replicas', 6],
      ['K8S_SCHEMA', 'spec.template.spec.containers[0].ports[0].containerPort', 16],
    ]);
    expect(findings[0]?.message).toBe('StatefulSet/redis: spec.replicas: must be of type integer');
  });

  it('names a missing required field of a nested object', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {}\n  template:\n    spec:\n      containers:\n        - image: nginx\n';
    const findings = checkManifests(stream(text)).findings;
    expect(findings).toEqual([expect.objectContaining({ key: 'spec.template.spec.containers[0]', location: expect.objectContaining({ line: 9 }) })]);
    expect(findings[0]?.message).toContain('missing required field "name"');
  });

  it('merges int-or-string type errors into one message', () => {
    const check = checkAgainstModel({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: { nested: true } }] },
    } as never);
    expect(check).toEqual({
      status: 'invalid',
      problems: [{ path: ['spec', 'ports', 0, 'targetPort'], message: expect.stringMatching(/^must be of type \w+ or \w+$/) }],
    });
  });

  it('counts a custom resource without checking it, and warns on an unknown kind in a built-in group', () => {
    const text =
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {anything: 1}\n---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n';
    const result = checkManifests(stream(text));
    expect(result.unchecked).toEqual(['apps/v1/Deploymnet', 'cert-manager.io/v1/Certificate']);
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'UNKNOWN_KIND', location: expect.objectContaining({ line: 7 }) })]);
  });

  it('lists placeholders without secret names, as information only', () => {
    const result = checkManifests(stream(secret));
    expect(result.findings).toEqual([]);
    expect(result.placeholders).toEqual([
      {
        secret: 'postgres-secret',
        namespace: 'default',
        key: 'POSTGRES_SA_PASSWORD',
        field: 'stringData',
        suppliedBy: null,
        location: { file: 'rendered.yaml', line: 7, column: 3 },
      },
      {
        secret: 'postgres-secret',
        namespace: 'default',
        key: 'APP_PASSWORD',
        field: 'stringData',
        suppliedBy: null,
        location: { file: 'rendered.yaml', line: 8, column: 3 },
      },
    ]);
  });

  it('with secret names, accepts KEY and secret-name/KEY and reports the rest naming Secret and key', () => {
    const result = checkManifests(stream(secret), { secretNames: ['POSTGRES_SA_PASSWORD', 'other-secret/APP_PASSWORD'] });
    expect(result.placeholders.map((p) => [p.key, p.suppliedBy])).toEqual([
      ['POSTGRES_SA_PASSWORD', 'POSTGRES_SA_PASSWORD'],
      ['APP_PASSWORD', false],
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'PLACEHOLDER_UNSUPPLIED', location: { file: 'rendered.yaml', line: 8, column: 3 } }),
    ]);
    expect(result.findings[0]?.message).toContain('Secret default/postgres-secret key APP_PASSWORD');

    const scoped = checkManifests(stream(secret), { secretNames: ['postgres-secret/APP_PASSWORD', 'POSTGRES_SA_PASSWORD'] });
    expect(scoped.findings).toEqual([]);
  });

  it('prefers the most specific secret name', () => {
    const placeholder = { secret: 's', namespace: 'db', key: 'K' };
    expect(supplyingName(placeholder, ['K', 's/K', 'db/s/K'])).toBe('db/s/K');
    expect(supplyingName(placeholder, ['K', 's/K'])).toBe('s/K');
    expect(supplyingName(placeholder, ['K'])).toBe('K');
    expect(supplyingName(placeholder, ['other/K', 'x/s/K'])).toBeUndefined();
  });

  it('rejects a document that is not a mapping', () => {
    const result = checkManifests(stream('- a\n- b\n'));
    expect(result.findings).toEqual([expect.objectContaining({ code: 'NOT_AN_OBJECT' })]);
  });
});

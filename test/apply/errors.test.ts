import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedStatefulSetFields, classifyObjectError, credentialProblemOf, objectErrorOf, type FailureClass } from '../../src/apply/errors.js';
import { UnknownKindError } from '../../src/k8s/api-error.js';
import { apiError, recordedStatus } from '../helpers/fake-kube.js';
import { FIXTURES } from '../helpers/fake-kubectl.js';

/** Every variant of a case whose raw API answer was recorded (csa, ssa, ssa-force × k127, k132, kdefault). */
function variants(caseName: string): string[] {
  return readdirSync(join(FIXTURES, caseName)).filter((entry) => existsSync(join(FIXTURES, caseName, entry, 'api-status.json')));
}

const object = (kind: string, name: string) => ({ kind, metadata: { name, namespace: 'ns' } });

const SINGLE_FAILURES: { case: string; kind: string; name: string; cls: FailureClass; fields: string[] }[] = [
  { case: 'sts-vct-storage', kind: 'StatefulSet', name: 'web', cls: 'recreatable', fields: ['spec'] },
  { case: 'sts-selector', kind: 'StatefulSet', name: 'web', cls: 'recreatable', fields: ['spec'] },
  { case: 'sts-podmanagementpolicy', kind: 'StatefulSet', name: 'web', cls: 'recreatable', fields: ['spec'] },
  { case: 'deploy-selector', kind: 'Deployment', name: 'api', cls: 'recreatable', fields: ['spec.selector'] },
  { case: 'job-template', kind: 'Job', name: 'migrate', cls: 'recreatable', fields: ['spec.template'] },
  { case: 'job-completions', kind: 'Job', name: 'migrate', cls: 'recreatable', fields: ['spec.completions'] },
  { case: 'svc-clusterip-change', kind: 'Service', name: 'db', cls: 'recreatable', fields: ['spec.clusterIPs[0]'] },
  { case: 'svc-auto-to-headless', kind: 'Service', name: 'db', cls: 'recreatable', fields: ['spec.clusterIPs[0]'] },
  { case: 'svc-headless-to-explicit-ip', kind: 'Service', name: 'db', cls: 'recreatable', fields: ['spec.clusterIPs[0]'] },
  { case: 'pvc-storageclass', kind: 'PersistentVolumeClaim', name: 'data', cls: 'pvc', fields: ['spec'] },
  { case: 'pvc-grow-unbound', kind: 'PersistentVolumeClaim', name: 'data', cls: 'pvc', fields: ['spec'] },
  { case: 'pvc-shrink-bound', kind: 'PersistentVolumeClaim', name: 'data', cls: 'pvc', fields: ['spec.resources.requests.storage'] },
  { case: 'pvc-shrink-unbound', kind: 'PersistentVolumeClaim', name: 'data', cls: 'pvc', fields: ['spec', 'spec.resources.requests.storage'] },
  { case: 'configmap-immutable-data', kind: 'ConfigMap', name: 'settings', cls: 'immutable', fields: ['data'] },
  { case: 'pod-spec-env-change', kind: 'Pod', name: 'tool', cls: 'immutable', fields: ['spec'] },
  {
    case: 'deployment-env-value-and-valuefrom',
    kind: 'Deployment',
    name: 'broken-env',
    cls: 'rejected',
    fields: ['spec.template.spec.containers[0].env[0].valueFrom'],
  },
  {
    case: 'daemonset-env-value-and-valuefrom',
    kind: 'DaemonSet',
    name: 'broken-env',
    cls: 'rejected',
    fields: ['spec.template.spec.containers[0].env[0].valueFrom'],
  },
];

describe('the recorded Status of every single-failure case', () => {
  for (const expected of SINGLE_FAILURES) {
    for (const variant of variants(expected.case)) {
      it(`${expected.case}/${variant}`, () => {
        const status = recordedStatus(`${expected.case}/${variant}/api-status.json`);
        expect(status.code).toBe(422);
        expect(status.reason).toBe('Invalid');
        expect(status.details.kind).toBe(expected.kind);
        const error = objectErrorOf(status, object(expected.kind, expected.name));
        expect(error.causes.map((cause) => cause.field)).toEqual(expected.fields);
        expect(classifyObjectError(error)).toBe(expected.cls);
        // The verbatim server text is kept for the report.
        expect(error.message).toContain(`"${expected.name}" is invalid`);
      });
    }
  }

  it('every case of the list has a recorded answer', () => {
    for (const expected of SINGLE_FAILURES) expect(variants(expected.case).length, expected.case).toBeGreaterThan(0);
  });

  it('decides the StatefulSet from Invalid + field "spec" (Forbidden), not from its words', () => {
    const status = recordedStatus('sts-vct-storage/ssa-force--kdefault/api-status.json');
    const reworded = apiError(422, 'Invalid', 'StatefulSet.apps "web" is invalid: spec: Forbidden: something else entirely', [
      { reason: 'FieldValueForbidden', message: 'Forbidden: something else entirely', field: 'spec' },
    ]);
    expect(classifyObjectError(objectErrorOf(reworded, object('StatefulSet', 'web')))).toBe('recreatable');
    // The same field refused for another reason is not about mutability.
    const invalidValue = apiError(422, 'Invalid', 'x', [{ reason: 'FieldValueInvalid', message: 'Invalid value: "x": must be a DNS name', field: 'spec' }]);
    expect(classifyObjectError(objectErrorOf(invalidValue, object('StatefulSet', 'web')))).toBe('rejected');
    expect(status.details.causes[0]?.field).toBe('spec');
  });

  it('reads the StatefulSet allow-list from the message (for the report) instead of hard-coding a server version', () => {
    const error = objectErrorOf(recordedStatus('sts-vct-storage/ssa-force--kdefault/api-status.json'), object('StatefulSet', 'web'));
    expect(allowedStatefulSetFields(error.causes[0]!.detail)).toEqual([
      'replicas',
      'ordinals',
      'template',
      'updateStrategy',
      'persistentVolumeClaimRetentionPolicy',
      'minReadySeconds',
    ]);
  });

  it('each of several refused objects has its own Status (multi-doc-partial-failure)', () => {
    const answers = ['raw-statefulset-web', 'raw-statefulset-cache', 'raw-deployment-api'].map((dir) =>
      recordedStatus(`multi-doc-partial-failure/ssa-force--k132/${dir}/api-status.json`),
    );
    expect(answers.map((status) => [status.details.kind, status.details.group, status.details.name])).toEqual([
      ['StatefulSet', 'apps', 'web'],
      ['StatefulSet', 'apps', 'cache'],
      ['Deployment', 'apps', 'api'],
    ]);
    expect(
      answers.map((status, index) => classifyObjectError(objectErrorOf(status, object(['StatefulSet', 'StatefulSet', 'Deployment'][index]!, 'x')))),
    ).toEqual(['recreatable', 'recreatable', 'recreatable']);
  });
});

describe('the documented text fallback: CEL rules and admission webhooks', () => {
  it('a CEL immutability rule on a custom resource (Invalid, its own words) is immutable, never re-created', () => {
    const cel = apiError(422, 'Invalid', 'Widget.example.com "w" is invalid: spec.size: Invalid value: "string": Value is immutable', [
      { reason: 'FieldValueInvalid', message: 'Invalid value: "string": Value is immutable', field: 'spec.size' },
    ]);
    expect(classifyObjectError(objectErrorOf(cel, object('Widget', 'w')))).toBe('immutable');
  });

  it('a webhook denial without causes that says "immutable field" on a Deployment is recreatable', () => {
    const denial = apiError(400, 'BadRequest', 'admission webhook "guard.example.com" denied the request: immutable field spec.strategy');
    expect(classifyObjectError(objectErrorOf(denial, object('Deployment', 'web')))).toBe('recreatable');
  });

  it('a field-manager conflict is not immutable', () => {
    const conflict = recordedStatus('ssa-conflict/k132/02-apply-server-side-conflict/api-status.json');
    expect(conflict.reason).toBe('Conflict');
    expect(classifyObjectError(objectErrorOf(conflict, object('Deployment', 'web')))).toBe('rejected');
  });

  it('an unknown kind is rejected with its own message', () => {
    const error = objectErrorOf(new UnknownKindError('example.com/v1', 'Widget'), object('Widget', 'w'));
    expect(error.reason).toBe('UnknownKind');
    expect(classifyObjectError(error)).toBe('rejected');
    expect(error.message).toContain('CustomResourceDefinition');
  });
});

describe('credentials, decided from the code', () => {
  it('401 names the kubeconfig credentials', () => {
    const problem = credentialProblemOf(apiError(401, 'Unauthorized', 'Unauthorized'));
    expect(problem?.kind).toBe('unauthorized');
    expect(problem?.explanation).toMatch(/kubeconfig \(401 Unauthorized\)/);
  });

  it('403 names the user and RBAC', () => {
    const problem = credentialProblemOf(
      apiError(
        403,
        'Forbidden',
        'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in API group "apps" in the namespace "x"',
      ),
    );
    expect(problem?.kind).toBe('forbidden');
    expect(problem?.explanation).toContain('"jane"');
    expect(problem?.quote).toContain('deployments.apps "web" is forbidden');
  });

  it('an Invalid or Conflict answer is not a credential problem', () => {
    expect(credentialProblemOf(recordedStatus('deploy-selector/ssa-force--kdefault/api-status.json'))).toBeUndefined();
    expect(credentialProblemOf(new Error('x'))).toBeUndefined();
  });
});

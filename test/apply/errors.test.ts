import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedStatefulSetFields,
  classifyObjectError,
  credentialProblem,
  isTransient,
  parseKubectlErrors,
  type FailureClass,
} from '../../src/apply/errors.js';
import { fixture, FIXTURES } from '../helpers/fake-kubectl.js';

/** Every client/mode variant of a case (csa, ssa, ssa-force × k127, k132, kdefault). */
function variants(caseName: string): string[] {
  return readdirSync(join(FIXTURES, caseName)).filter((entry) => existsSync(join(FIXTURES, caseName, entry, 'stderr.txt')));
}

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

describe('parseKubectlErrors on every single-failure fixture', () => {
  for (const expected of SINGLE_FAILURES) {
    for (const variant of variants(expected.case)) {
      it(`${expected.case}/${variant}`, () => {
        const { stderr, exitCode } = fixture(`${expected.case}/${variant}`);
        expect(exitCode).toBe(1);
        const parsed = parseKubectlErrors(stderr);
        expect(parsed.general).toEqual([]);
        expect(parsed.objects).toHaveLength(1);
        const [error] = parsed.objects;
        expect(error?.kind).toBe(expected.kind);
        expect(error?.name).toBe(expected.name);
        expect(error?.causes.map((cause) => cause.field)).toEqual(expected.fields);
        expect(classifyObjectError(error!)).toBe(expected.cls);
        // The verbatim server text is kept for the report.
        expect(error?.message).toContain(`"${expected.name}" is invalid`);
      });
    }
  }

  it('reads the StatefulSet allow-list from the message instead of hard-coding a server version', () => {
    const [error] = parseKubectlErrors(fixture('sts-vct-storage/ssa--k132').stderr).objects;
    expect(allowedStatefulSetFields(error!.causes[0]!.detail)).toEqual([
      'replicas',
      'ordinals',
      'template',
      'updateStrategy',
      'persistentVolumeClaimRetentionPolicy',
      'minReadySeconds',
    ]);
  });

  it('keeps the PVC diff with its cause and splits the two causes of a shrink', () => {
    const [error] = parseKubectlErrors(fixture('pvc-shrink-unbound/ssa--k127').stderr).objects;
    expect(error?.causes[0]?.detail).toContain('core.PersistentVolumeClaimSpec{');
    expect(error?.causes[1]?.detail).toBe('field can not be less than previous value');
  });

  it('does not split the Deployment selector value at its inner commas', () => {
    const [error] = parseKubectlErrors(fixture('deploy-selector/ssa--k127').stderr).objects;
    expect(error?.causes).toHaveLength(1);
    expect(error?.causes[0]?.detail).toMatch(/^v1\.LabelSelector\{.*\}: field is immutable$/);
  });
});

describe('several failures in one apply', () => {
  for (const variant of variants('multi-doc-partial-failure')) {
    it(`multi-doc-partial-failure/${variant}: one error per object, with kind, group and (client-side) namespace`, () => {
      const parsed = parseKubectlErrors(fixture(`multi-doc-partial-failure/${variant}`).stderr);
      expect(parsed.general).toEqual([]);
      expect(parsed.objects.map((error) => [error.kind, error.group, error.name])).toEqual([
        ['StatefulSet', 'apps', 'web'],
        ['StatefulSet', 'apps', 'cache'],
        ['Deployment', 'apps', 'api'],
      ]);
      expect(parsed.objects.map(classifyObjectError)).toEqual(['recreatable', 'recreatable', 'recreatable']);
      const namespace = variant.startsWith('csa') ? `multi-csa-${variant.split('--')[1]}` : undefined;
      for (const error of parsed.objects) expect(error.namespace).toBe(namespace);
      expect(parsed.objects[2]?.causes[0]?.field).toBe('spec.selector');
    });
  }

  for (const variant of variants('multi-doc-single-failure')) {
    it(`multi-doc-single-failure/${variant}: the short form with exactly one failing object`, () => {
      const parsed = parseKubectlErrors(fixture(`multi-doc-single-failure/${variant}`).stderr);
      expect(parsed.objects.map((error) => [error.kind, error.name])).toEqual([['StatefulSet', 'web']]);
    });
  }

  for (const client of ['k127', 'k132', 'kdefault']) {
    it(`apply-outputs ${client}: -o name after an immutable error`, () => {
      const parsed = parseKubectlErrors(fixture(`apply-outputs/ssa--${client}/10-o-name-after-immutable-error`).stderr);
      expect(parsed.objects[0]?.kind).toBe('StatefulSet');
    });
    for (const diffCase of ['ssa-immutable-sts', 'ssa-immutable-force', 'ssa-multi-doc-with-immutable']) {
      it(`diff-exit-codes ${client}/${diffCase}`, () => {
        const result = fixture(`diff-exit-codes/${client}/${diffCase}`);
        expect(result.exitCode).toBe(2);
        expect(parseKubectlErrors(result.stderr).objects.map((error) => error.name)).toEqual(['web']);
      });
    }
  }
});

describe('failures that name no object', () => {
  for (const variant of ['ssa--k127', 'ssa--k132', 'ssa--kdefault', 'csa--k127', 'csa--k132', 'get-pods--k132', 'rollout-status--k127']) {
    it(`apply-apiserver-down/${variant} is transient and not a credential problem`, () => {
      const { stderr } = fixture(`apply-apiserver-down/${variant}`);
      expect(isTransient(stderr)).toBe(true);
      expect(credentialProblem(stderr)).toBeUndefined();
      expect(parseKubectlErrors(stderr).objects).toEqual([]);
    });
  }

  for (const variant of ['ssa--k127', 'ssa--k132', 'ssa--kdefault', 'csa--k127', 'rollout-status--k132']) {
    it(`apply-unauthorized/${variant} is an Unauthorized credential problem, not transient`, () => {
      const { stderr } = fixture(`apply-unauthorized/${variant}`);
      expect(isTransient(stderr)).toBe(false);
      expect(credentialProblem(stderr)?.kind).toBe('unauthorized');
      expect(credentialProblem(stderr)?.explanation).toMatch(/kubeconfig/);
    });
  }

  for (const variant of ['ssa--kdefault', 'csa--kdefault']) {
    it(`apply-forbidden/${variant} names the user and is not retried`, () => {
      const { stderr } = fixture(`apply-forbidden/${variant}`);
      const problem = credentialProblem(stderr);
      expect(problem?.kind).toBe('forbidden');
      expect(problem?.explanation).toContain('"jane"');
      expect(problem?.quote).toContain('deployments.apps "web" is forbidden');
      expect(isTransient(stderr)).toBe(false);
    });
  }

  it('a field-manager conflict names no object and is neither transient nor a credential problem', () => {
    const { stderr } = fixture('ssa-conflict/k132/02-apply-server-side-conflict');
    const parsed = parseKubectlErrors(stderr);
    expect(parsed.objects).toEqual([]);
    expect(parsed.general[0]).toMatch(/^error: Apply failed with 2 conflicts/);
    expect(isTransient(stderr)).toBe(false);
    expect(credentialProblem(stderr)).toBeUndefined();
  });

  it.each([
    ['Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later'],
    ['Unable to connect to the server: net/http: TLS handshake timeout'],
    ['Error from server: etcdserver: leader changed'],
    ['Error from server (InternalError): Internal error occurred: etcdserver: request timed out'],
    ['Error from server (ServiceUnavailable): the server is currently unable to handle the request'],
  ])('transient: %s', (stderr) => {
    expect(isTransient(stderr)).toBe(true);
  });
});

describe('a status error without a reason after an object error (kubectl MultipleErrors prints "Error from server: …")', () => {
  it('starts its own block instead of being glued to the previous object', () => {
    const invalid = fixture('multi-doc-partial-failure/ssa--k132').stderr.split('\n')[0]!;
    const parsed = parseKubectlErrors(`${invalid}\nError from server: etcdserver: leader changed\n`);
    expect(parsed.objects.map((error) => error.name)).toEqual(['web']);
    expect(parsed.objects[0]?.message).not.toContain('etcdserver');
    expect(parsed.general).toEqual(['Error from server: etcdserver: leader changed']);
  });
});

describe('quoting kubectl connection failures', () => {
  it('drops klog lines (as kubectl 1.32 on this machine prints them before its conclusion) and keeps the conclusion', async () => {
    const { withoutKlogNoise } = await import('../../src/k8s/unreachable.js');
    const seen = [
      'E1122 03:20:23.690141   18562 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:6443/api?timeout=30s\\": dial tcp 127.0.0.1:6443: connect: connection refused"',
      'E1122 03:20:23.691882   18562 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"',
      'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
      '',
    ].join('\n');
    expect(withoutKlogNoise(seen)).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    // The recorded fixture has no klog lines: unchanged.
    const { fixture } = await import('../helpers/fake-kubectl.js');
    const { stderr } = fixture('apply-apiserver-down/get-pods--k132');
    expect(withoutKlogNoise(stderr)).toBe(stderr.trim());
    expect(withoutKlogNoise('E1122 03:20:23.690141   18562 memcache.go:265] only klog\n')).toMatch(/only klog/);
  });
});

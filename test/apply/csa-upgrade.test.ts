import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csaUpgradePatch, LAST_APPLIED, unionFields } from '../../src/apply/csa-upgrade.js';
import type { KubernetesObject } from '../../src/manifests/resource.js';
import { FIXTURES } from '../helpers/fake-kubectl.js';

const live = JSON.parse(readFileSync(join(FIXTURES, 'csa-upgrade/live-client-side.json'), 'utf8')) as KubernetesObject;

describe('taking over an object last applied client-side (kubectl csaupgrade)', () => {
  it('moves the client-side Update entry into an Apply entry of k8sapp, guarded by the resourceVersion', () => {
    const patch = csaUpgradePatch(live, 'k8sapp') as { op: string; path: string; value: unknown }[];
    expect(patch.map((op) => [op.op, op.path])).toEqual([
      ['replace', '/metadata/managedFields'],
      ['replace', '/metadata/resourceVersion'],
    ]);
    expect(patch[1]?.value).toBe('66613');
    const entries = patch[0]?.value as { manager: string; operation: string; fieldsV1: Record<string, unknown> }[];
    expect(entries.map((e) => `${e.manager}/${e.operation}`)).toEqual(['k8sapp/Apply']);
    expect(entries[0]?.fieldsV1).toEqual({
      'f:data': { '.': {}, 'f:a': {}, 'f:b': {} },
      'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED}`]: {} }, 'f:labels': { '.': {}, 'f:app': {} } },
    });
  });

  it('unions into an Apply entry k8sapp already has, and keeps other managers', () => {
    const object = structuredClone(live);
    const fields = object.metadata.managedFields as Record<string, unknown>[];
    fields.push(
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:c': {} } }, manager: 'k8sapp', operation: 'Apply' },
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:d': {} } }, manager: 'operator', operation: 'Update' },
    );
    const patch = csaUpgradePatch(object, 'k8sapp') as { value: { manager: string; fieldsV1: Record<string, Record<string, unknown>> }[] }[];
    const entries = patch[0]?.value ?? [];
    expect(entries.map((e) => e.manager)).toEqual(['k8sapp', 'operator']);
    expect(Object.keys(entries[0]?.fieldsV1['f:data'] ?? {}).sort()).toEqual(['.', 'f:a', 'f:b', 'f:c']);
  });

  it('nothing to do without the annotation, or when no Update manager owns it', () => {
    const plain = structuredClone(live);
    delete plain.metadata.annotations;
    expect(csaUpgradePatch(plain, 'k8sapp')).toBeUndefined();
    const unowned = structuredClone(live);
    unowned.metadata.managedFields = [{ manager: 'k8sapp', operation: 'Apply', apiVersion: 'v1', fieldsV1: { 'f:data': {} } }];
    expect(csaUpgradePatch(unowned, 'k8sapp')).toBeUndefined();
  });

  it('unionFields merges field tries recursively', () => {
    expect(unionFields({ 'f:a': { '.': {} }, 'f:b': {} }, { 'f:a': { 'f:x': {} }, 'f:c': {} })).toEqual({
      'f:a': { '.': {}, 'f:x': {} },
      'f:b': {},
      'f:c': {},
    });
  });
});

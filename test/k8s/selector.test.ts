import { describe, expect, it } from 'vitest';
import { parseSelector, selectorArgument, selectorMatches } from '../../src/k8s/selector.js';
import { createRecordedContext } from '../../src/migrations/testing.js';

describe('parseSelector', () => {
  it('reads every term form the API server accepts', () => {
    expect(parseSelector('app=web, tier==db,env!=prod,zone in (a, b),track notin (canary),owner,!legacy')).toEqual({
      matchLabels: { app: 'web', tier: 'db' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
  });

  it('is the inverse of selectorArgument', () => {
    const selector = {
      matchLabels: { 'app.kubernetes.io/name': 'postgres' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    expect(parseSelector(selectorArgument(selector))).toEqual(selector);
  });

  it('keeps both requirements of a key named twice', () => {
    const selector = parseSelector('app=web,app=api');
    expect(selectorMatches(selector, { app: 'web' })).toBe(false);
    expect(selectorMatches(selector, { app: 'api' })).toBe(false);
  });

  it('refuses a term it cannot read', () => {
    expect(() => parseSelector('app=web,')).toThrow('label selector "app=web,": cannot read ""');
    expect(() => parseSelector('app in (a')).toThrow(/cannot read "app in \(a"/);
  });
});

describe('createRecordedContext lists by label selector like the API server', () => {
  const job = (name: string, labels: Record<string, string>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', labels } });
  const ctx = () => createRecordedContext([job('a', { app: 'web', zone: 'x' }), job('b', { app: 'api' }), job('c', { app: 'web', legacy: 'true' })]);
  const names = async (selector: string) => (await ctx().kube.list('jobs', { selector })).map((item) => item.metadata.name);

  it.each([
    ['app=web', ['a', 'c']],
    ['app!=web', ['b']],
    ['zone', ['a']],
    ['!legacy', ['a', 'b']],
    ['app in (api, web),!zone', ['b', 'c']],
    ['app notin (web)', ['b']],
  ])('%s', async (selector, expected) => expect(await names(selector)).toEqual(expected));

  it('answers 400 to a selector it cannot read', async () => {
    await expect(ctx().kube.list('jobs', { selector: 'app in (web' })).rejects.toThrow(/unable to parse requirement/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkEnvironmentApproval, type GetEnvironment } from '../../src/gate/approval.js';

const request = { owner: 'acme', repo: 'shop', environment: 'prod', mode: 'enforce' as const };

function returning(data: object): GetEnvironment & { calls: object[] } {
  const calls: object[] = [];
  const fn = async (params: object) => {
    calls.push(params);
    return { data };
  };
  return Object.assign(fn, { calls });
}

function failing(status: number): GetEnvironment {
  return async () => {
    throw Object.assign(new Error(`HTTP ${status}`), { status });
  };
}

describe('checkEnvironmentApproval', () => {
  it('confirms a required_reviewers rule and names the reviewers', async () => {
    const get = returning({
      name: 'prod',
      can_admins_bypass: false,
      protection_rules: [
        { type: 'wait_timer', wait_timer: 5 },
        {
          type: 'required_reviewers',
          reviewers: [
            { type: 'User', reviewer: { login: 'alice' } },
            { type: 'Team', reviewer: { slug: 'ops' } },
          ],
        },
      ],
    });
    const result = await checkEnvironmentApproval(get, request);
    expect(get.calls).toEqual([{ owner: 'acme', repo: 'shop', environment_name: 'prod' }]);
    expect(result).toMatchObject({ confirmed: true, passes: true, code: 'APPROVAL_CONFIGURED', reviewers: ['alice', 'ops'] });
  });

  it('warns in the message when administrators can bypass', async () => {
    const result = await checkEnvironmentApproval(
      returning({ can_admins_bypass: true, protection_rules: [{ type: 'required_reviewers', reviewers: [{ reviewer: { login: 'a' } }] }] }),
      request,
    );
    expect(result.message).toContain('administrators can bypass');
  });

  it.each([
    ['no protection rules', {}],
    ['only a wait timer', { protection_rules: [{ type: 'wait_timer' }] }],
    ['a reviewers rule with nobody in it', { protection_rules: [{ type: 'required_reviewers', reviewers: [] }] }],
  ])('fails closed with %s, saying what to configure', async (_name, data) => {
    const result = await checkEnvironmentApproval(returning(data), request);
    expect(result).toMatchObject({ confirmed: false, passes: false, code: 'APPROVAL_NO_REVIEWERS' });
    expect(result.message).toContain('https://github.com/acme/shop/settings/environments');
    expect(result.message).toContain('Required reviewers');
    expect(result.message).toContain('approval_check: warn');
  });

  it.each([
    [404, 'APPROVAL_ENVIRONMENT_MISSING', 'does not exist'],
    [403, 'APPROVAL_UNREADABLE', 'permissions: actions: read'],
    [401, 'APPROVAL_UNREADABLE', 'HTTP 401'],
    [500, 'APPROVAL_UNREADABLE', 'HTTP 500'],
  ])('fails closed on HTTP %i', async (status, code, text) => {
    const result = await checkEnvironmentApproval(failing(status), request);
    expect(result).toMatchObject({ confirmed: false, passes: false, code });
    expect(result.message).toContain(text);
  });

  it('approval_check: warn lets the deployment go on, still unconfirmed', async () => {
    const result = await checkEnvironmentApproval(failing(404), { ...request, mode: 'warn' });
    expect(result).toMatchObject({ confirmed: false, passes: true, code: 'APPROVAL_ENVIRONMENT_MISSING' });
    expect(result.message).toContain('approval_check is "warn"');
  });
});

import { describe, expect, it } from 'vitest';
import type { Me } from '../shared/accounts.ts';
import { getCsrfToken } from '../client/http.ts';
import { sessionAnswered, sessionNow } from './session.ts';

const me = (csrfToken: string, regionName = '幸福社区第一网格'): Me =>
  ({
    user: { id: 'u-1', username: 'gw0001', displayName: '网格员一', role: 'grid_worker', regionId: 7, active: true, mustChangePassword: false },
    region: { id: 7, name: regionName, level: 'grid', code: '7' },
    csrfToken,
    authKind: 'session',
  }) as unknown as Me;

describe('sessionAnswered', () => {
  it('keeps the object the pages drew with when the server confirms the same account', () => {
    sessionAnswered(me('token-1'));
    const first = sessionNow();
    expect(first.confirmed).toBe(true);
    // Another CSRF token is the same account to the pages: the token goes to the HTTP client,
    // and nothing renders again.
    sessionAnswered(me('token-2'));
    expect(sessionNow()).toBe(first);
    expect(sessionNow().me).toBe(first.me);
    expect(getCsrfToken()).toBe('token-2');
  });

  it('hands the pages the new account when anything they show changed', () => {
    sessionAnswered(me('token-3'));
    const before = sessionNow().me;
    sessionAnswered(me('token-3', '幸福社区第二网格'));
    expect(sessionNow().me).not.toBe(before);
    expect(sessionNow().me?.region.name).toBe('幸福社区第二网格');
  });
});

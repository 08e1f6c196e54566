// The first rows of 我的网格 kept for the next reopen: read back only for the same account and
// language and in the right shape, written only when they changed, forgotten with the account.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS_KEY, forgetMe, rememberMe } from '../client/offline/me-cache.ts';
import type { Me } from '../shared/accounts.ts';
import { type FirstRows, firstRowsOf, keepFirstRows } from './first-rows.ts';

const ROWS: FirstRows = {
  userId: 'u-1',
  lang: 'zh',
  rows: [
    { id: 'h1', address: '东河村 1 号', unitLine: '1幢1单元101室', members: 3, isRental: false, lastVisitedOn: '2026-12-01', unsynced: false },
    { id: 'h2', address: '东河村 2 号', unitLine: '', members: 0, isRental: true, lastVisitedOn: null, unsynced: true },
  ],
  pulled: { at: '2026-12-07T07:30:00.000Z', households: 2 },
};

let stored: Map<string, string>;
let writes: number;
beforeEach(() => {
  stored = new Map();
  writes = 0;
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes++;
      stored.set(k, v);
    },
    removeItem: (k: string) => stored.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('first rows', () => {
  it('are read back for the account and language they were drawn for', () => {
    keepFirstRows(ROWS);
    expect(firstRowsOf('u-1', 'zh')).toEqual(ROWS);
    expect(firstRowsOf('u-2', 'zh')).toBeNull();
    expect(firstRowsOf('u-1', 'en')).toBeNull();
  });

  it('are written only when they changed', () => {
    keepFirstRows(ROWS);
    keepFirstRows({ ...ROWS, rows: [...ROWS.rows] });
    expect(writes).toBe(1);
    keepFirstRows({ ...ROWS, rows: ROWS.rows.slice(1) });
    expect(writes).toBe(2);
    expect(firstRowsOf('u-1', 'zh')?.rows.map((r) => r.id)).toEqual(['h2']);
  });

  it('in another shape (an older app, a broken value) are not used', () => {
    stored.set(FIRST_ROWS_KEY, '{not json');
    expect(firstRowsOf('u-1', 'zh')).toBeNull();
    stored.set(FIRST_ROWS_KEY, JSON.stringify({ ...ROWS, rows: [{ id: 'h1', address: '东河村 1 号', members: '3' }] }));
    expect(firstRowsOf('u-1', 'zh')).toBeNull();
    stored.set(FIRST_ROWS_KEY, JSON.stringify({ ...ROWS, pulled: { at: 7 } }));
    expect(firstRowsOf('u-1', 'zh')).toEqual({ ...ROWS, pulled: null });
  });

  it('are forgotten with the account on sign-out', () => {
    rememberMe({ user: { id: 'u-1' }, csrfToken: 'x' } as unknown as Me);
    keepFirstRows(ROWS);
    forgetMe();
    expect(stored.size).toBe(0);
    expect(firstRowsOf('u-1', 'zh')).toBeNull();
  });

  it('without localStorage (private mode) are simply not kept', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    expect(() => keepFirstRows(ROWS)).not.toThrow();
    expect(firstRowsOf('u-1', 'zh')).toBeNull();
  });
});

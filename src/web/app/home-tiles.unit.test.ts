// The 工作台: each role's first tile is what it does first, and every tile a role sees has a
// line saying what it is for, in Chinese and in English.
import { describe, expect, it, vi } from 'vitest';
import { ROLES } from '../../shared/accounts.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';

vi.hoisted(() => {
  if (!('document' in globalThis)) Object.assign(globalThis, { document: { documentElement: {} } });
});
const { orderForRole, tileLineKey } = await import('./home-tiles.ts');
const { navEntriesFor } = await import('./nav.tsx');

const lookup = (catalog: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], catalog);
const tilesOf = (role: (typeof ROLES)[number]) => orderForRole(role, navEntriesFor(role).filter((e) => e.path !== '/')).map((e) => e.path);

describe('工作台 tiles', () => {
  it('puts what the role does first', () => {
    expect(tilesOf('grid_worker')[0]).toBe('/field');
    expect(tilesOf('grid_worker').indexOf('/territory')).toBeGreaterThan(3);
    expect(tilesOf('village_secretary')[0]).toBe('/reports');
    expect(tilesOf('commander')[0]).toBe('/dashboard');
    expect(tilesOf('admin')[0]).toBe('/territory');
  });

  it.each(ROLES)('%s: every tile has its line in both languages', (role) => {
    for (const path of tilesOf(role)) {
      const key = tileLineKey(role, path);
      expect(lookup(zhCN, key), `${role} ${path} zh`).toEqual(expect.stringMatching(/\S/));
      expect(lookup(en, key), `${role} ${path} en`).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('tells who cannot edit the territory only that they can look at it', () => {
    expect(tileLineKey('grid_worker', '/territory')).toBe('homeTiles.territoryView');
    expect(tileLineKey('admin', '/territory')).toBe('homeTiles.territoryEdit');
  });
});

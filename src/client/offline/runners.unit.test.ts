// The grid's first pages on a phone with no copy yet: the first screen and the first pull share
// one answer (the one field.html preloads), later pulls read afresh, and another account signed
// in on the same page load never sees the first account's rows.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pullGrid } from './cache.ts';
import { FieldDb } from './db.ts';
import { gridPreview, gridSource } from './runners.ts';

let db: FieldDb;
let asked: string[];
beforeEach(() => {
  db = new FieldDb(`runners-test-${Math.random()}`);
  asked = [];
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://phone.test');
    asked.push(url.pathname);
    const account = asked.length;
    const items =
      url.pathname === '/api/v1/households'
        ? [{ id: `h-${account}`, regionId: 7, address: '新村路 8 号', building: null, unit: null, room: null, isRental: false, landlordName: null, landlordPhone: null, memberCount: 0, lastVisitedOn: null, version: 1, updatedAt: '2026-11-01T00:00:00.000Z' }]
        : [];
    return new Response(JSON.stringify({ items, nextCursor: null }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

const householdReads = () => asked.filter((p) => p === '/api/v1/households').length;

describe('the grid’s first pages', () => {
  it('are read once for the first screen and the first pull, then afresh for later pulls', async () => {
    const preview = await gridPreview('account-a');
    expect(preview.households.map((h) => h.address)).toEqual(['新村路 8 号']);
    await gridPreview('account-a');
    expect(householdReads()).toBe(1);
    await pullGrid(db, gridSource('account-a'));
    expect(householdReads()).toBe(1);
    expect((await db.households.toArray()).map((h) => h.id)).toEqual(preview.households.map((h) => h.id));
    await pullGrid(db, gridSource('account-a'));
    expect(householdReads()).toBe(2);
  });

  it('are read again for another account on the same page load', async () => {
    const a = await gridPreview('account-b');
    const b = await gridPreview('account-c');
    expect(householdReads()).toBe(2);
    expect(b.households[0]?.id).not.toBe(a.households[0]?.id);
  });
});

// The purge's pacing: batch sizes follow the time the last batch took, and the rest after a
// batch gives requests their share of the thread.
import { describe, expect, it } from 'vitest';
import { BatchPacer, POSTGRES_PACE, SQLITE_PACE } from './purge-pace.ts';

describe('BatchPacer', () => {
  it('sizes the next batch to the time budget, growing at most twofold, never past the maximum', async () => {
    const pacer = new BatchPacer({ firstSize: 50, minSize: 1, maxSize: 500, budgetMs: 20, duty: 1 });
    expect(pacer.next).toBe(50);
    await pacer.after(50, 5); // 4x faster than the budget: doubles only
    expect(pacer.next).toBe(100);
    await pacer.after(100, 10); // fits 200, doubling allows 200
    expect(pacer.next).toBe(200);
    await pacer.after(200, 1); // would fit 4,000: the maximum
    expect(pacer.next).toBe(400);
    await pacer.after(400, 1);
    expect(pacer.next).toBe(500);
    await pacer.after(500, 250); // 10x over the budget: shrinks at once
    expect(pacer.next).toBe(40);
    await pacer.after(40, 10_000); // very slow rows: one at a time, never zero
    expect(pacer.next).toBe(1);
  });

  it('sizes by the removal alone: a slow finding query neither shrinks the batches nor goes unrested', async () => {
    const pacer = new BatchPacer({ firstSize: 50, minSize: 10, maxSize: 500, budgetMs: 25, duty: 0.5 });
    const t0 = performance.now();
    await pacer.after(50, 5, 80); // 5 ms of removal, 75 ms finding them
    expect(pacer.next).toBe(100);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(75);
    await pacer.after(100, 10_000, 10_000);
    expect(pacer.next).toBe(10); // never below the floor
  });

  it('rests after a batch for as long as the duty asks, and not at all at full duty', async () => {
    const half = new BatchPacer({ firstSize: 10, minSize: 10, maxSize: 10, budgetMs: Number.POSITIVE_INFINITY, duty: 0.5 });
    let t0 = performance.now();
    await half.after(10, 60);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    const full = new BatchPacer({ firstSize: 10, minSize: 10, maxSize: 10, budgetMs: Number.POSITIVE_INFINITY, duty: 1 });
    t0 = performance.now();
    await full.after(10, 60);
    expect(performance.now() - t0).toBeLessThan(30);
    expect(full.next).toBe(10);
  });

  it('paces SQLite by time and leaves PostgreSQL at full batches', () => {
    expect(SQLITE_PACE.duty).toBeLessThan(1);
    expect(Number.isFinite(SQLITE_PACE.budgetMs)).toBe(true);
    expect(new BatchPacer(POSTGRES_PACE).next).toBe(500);
  });
});

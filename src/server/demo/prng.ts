// A small seeded PRNG (mulberry32): the demo county is the same for the same seed, so tests
// and screenshots can rely on it. Not for anything secret.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [lo, hi], both included. */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A child generator: its stream does not depend on how much the parent has drawn since. */
  fork(label: string): Rng;
}

/** FNV-1a, to turn a seed text into 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: string): Rng {
  let state = hash32(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    fork: (label) => createRng(`${seed}/${label}`),
  };
}

/** Picks by weight: build once with the weights, then draw with a number in [0, 1). */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (u: number) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cumulative.push((acc += w / total));
  return (u) => {
    for (let i = 0; i < cumulative.length; i++) {
      if (u < (cumulative[i] ?? 1)) return (entries[i] as readonly [T, number])[0];
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };
}

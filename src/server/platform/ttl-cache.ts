// A small in-process cache with a time limit, for facts read on every request (who a session
// is, where a region sits). Several instances each keep their own: a change made elsewhere is
// seen within `ttlMs`; a change made here clears every cache at once (invalidateCaches).
const registry = new Set<TtlCache<unknown, unknown>>();

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {
    registry.add(this as TtlCache<unknown, unknown>);
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    if (this.entries.size >= this.max) this.entries.clear(); // crude, and rare at these sizes
    this.entries.set(key, { value, until: Date.now() + ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** After a change to sessions, accounts or the territory: forget everything cached here. */
export function invalidateCaches(): void {
  for (const cache of registry) cache.clear();
}

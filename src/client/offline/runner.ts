// Keeps the outbox moving while the app is open: a run at start, on the `online` event, on a
// timer while online (sooner when a backoff ends), and on demand (立即同步). One run at a time
// in this tab; the lock in sync.ts keeps other tabs out. The state is for the status bar.
import type { FieldDb } from './db.ts';
import { pruneSynced } from './outbox.ts';
import { type SyncDeps, type SyncReport, syncOnce } from './sync.ts';

export interface RunnerState {
  /** The browser's own idea (navigator.onLine). */
  online: boolean;
  /** The last run reached the server (false: signal but no server). */
  reachable: boolean;
  running: boolean;
  /** 401 on the last run: changes wait for a new sign-in (请重新登录后同步). */
  authRequired: boolean;
  last: SyncReport | null;
  lastRunAt: string | null;
  lastPullAt: string | null;
}

export interface RunnerDeps extends Omit<SyncDeps, 'force'> {
  /** Refreshes the read cache after a run that reached the server. */
  pull?: () => Promise<void>;
  intervalMs?: number;
  pullEveryMs?: number;
}

const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

export class OutboxRunner {
  private state: RunnerState = { online: isOnline(), reachable: true, running: false, authRequired: false, last: null, lastRunAt: null, lastPullAt: null };
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private again: boolean | null = null;
  private stopped = true;

  constructor(
    readonly db: FieldDb,
    private readonly deps: RunnerDeps,
  ) {}

  getState = (): RunnerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<RunnerState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private onOnline = () => {
    this.set({ online: true });
    void this.run(true);
  };
  private onOffline = () => this.set({ online: false });

  start(): () => void {
    if (!this.stopped) return () => this.stop();
    this.stopped = false;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    // A fresh start sends at once whatever the last page left queued (backoff from then is moot).
    void this.run(true);
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** 立即同步, and what the events call. Resolves when this run (or the one it joined) ends. */
  async run(force = true): Promise<SyncReport | null> {
    if (this.state.running) {
      this.again = (this.again ?? false) || force;
      return null;
    }
    this.set({ running: true, online: isOnline() });
    let report: SyncReport | null = null;
    try {
      report = await syncOnce(this.db, { ...this.deps, force });
      const reached = report.stop !== 'network' && report.stop !== 'busy';
      if (report.stop !== 'busy') {
        this.set({ last: report, lastRunAt: new Date().toISOString(), authRequired: report.stop === 'auth', reachable: reached, online: isOnline() });
      }
      if (reached && report.stop !== 'auth' && this.deps.pull && (report.sent > 0 || this.pullDue())) {
        try {
          await this.deps.pull();
          this.set({ lastPullAt: new Date().toISOString() });
        } catch {
          // A failed pull keeps the cache as it was; the next run tries again.
        }
      }
      await pruneSynced(this.db);
    } catch {
      // The database itself failed (private mode, quota): try again on the next trigger.
    } finally {
      this.set({ running: false });
      const again = this.again;
      this.again = null;
      if (again !== null && !this.stopped) void this.run(again);
      else this.schedule(report);
    }
    return report;
  }

  private pullDue(): boolean {
    const every = this.deps.pullEveryMs ?? 5 * 60_000;
    return !this.state.lastPullAt || Date.now() - Date.parse(this.state.lastPullAt) > every;
  }

  private schedule(report: SyncReport | null) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const interval = this.deps.intervalMs ?? 60_000;
    const untilRetry = report?.retryAt ? Math.max(500, Date.parse(report.retryAt) - Date.now()) : interval;
    this.timer = setTimeout(() => {
      this.timer = null;
      // On a timer only while online; backoff delays are respected.
      if (isOnline()) void this.run(false);
      else this.schedule(null);
    }, Math.min(interval, untilRetry));
  }
}

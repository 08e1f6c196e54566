// County settings (report deadline, reminder time, quarantine period) in the app_settings
// key/value table, read through a small cache: every filing needs the deadline. A PATCH clears
// the cache after it commits; other instances see it within the cache's time limit.
import type { Kysely } from 'kysely';
import { type CountySettings, DEFAULT_SETTINGS } from '../../../shared/reports.ts';
import type { DB, Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { TtlCache } from '../../platform/ttl-cache.ts';

export type StoredSettings = Omit<CountySettings, 'timeZone'>;
export type SettingsPatch = Partial<StoredSettings>;

const KEYS = { reportDeadline: 'report.deadline', reminderTime: 'report.reminderTime', quarantineDays: 'quarantine.days' } as const satisfies Record<keyof StoredSettings, string>;

const cache = new TtlCache<object, StoredSettings>(30_000, 100);
/** The settings last read in this process (for the reminder job's synchronous due check). */
let lastKnown: StoredSettings | null = null;
export const lastKnownSettings = (): StoredSettings | null => lastKnown;

async function load(db: Db): Promise<StoredSettings> {
  const rows = await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const raw = new Map(rows.map((r) => [r.key, r.value]));
  const days = Number(raw.get(KEYS.quarantineDays));
  return {
    reportDeadline: raw.get(KEYS.reportDeadline) ?? DEFAULT_SETTINGS.reportDeadline,
    reminderTime: raw.get(KEYS.reminderTime) ?? DEFAULT_SETTINGS.reminderTime,
    quarantineDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_SETTINGS.quarantineDays,
  };
}

/** The county settings, cached per database handle. */
export async function readSettings(db: Kysely<DB>): Promise<StoredSettings> {
  const hit = cache.get(db);
  if (hit) return hit;
  const fresh = await load(db);
  cache.set(db, fresh);
  lastKnown = fresh;
  return fresh;
}

export function forgetSettings(): void {
  cache.clear();
}

/** Writes the given settings (audited with old and new values); the caller clears the cache after commit. */
export async function patchSettings(tx: Db, ctx: AuditContext, patch: SettingsPatch): Promise<StoredSettings> {
  const before = await load(tx);
  const after: StoredSettings = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const changed = (Object.keys(KEYS) as (keyof StoredSettings)[]).filter((k) => before[k] !== after[k]);
  for (const k of changed) {
    await tx
      .insertInto('app_settings')
      .values({ key: KEYS[k], value: String(after[k]) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(after[k]) }))
      .execute();
  }
  if (changed.length) {
    await audit(tx, ctx, {
      action: 'update',
      entity: 'settings',
      entityId: 'county',
      details: { changed, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
    });
  }
  return after;
}

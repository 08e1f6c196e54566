// County settings (report deadline, reminder time, quarantine period) in the app_settings
// key/value table. Each module declares the settings it reads in its definition (the stored
// key, the default, how the stored text reads back); buildApp makes one store of all of them
// per app instance, read through a small cache: every filing needs the deadline. A PATCH clears
// the cache after it commits; other instances see it within the cache's time limit.
import type { Kysely } from 'kysely';
import { type CountySettings, CountySettingsPatch } from '../../../shared/reports.ts';
import type { DB, Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';

export type StoredSettings = Omit<CountySettings, 'timeZone'>;
export type SettingsPatch = Partial<StoredSettings>;
export type SettingName = keyof StoredSettings;

export interface SettingDefinition<V> {
  /** Its key in app_settings. */
  key: string;
  /** The value while none is stored (or the stored one does not read back). */
  fallback: V;
  /** The stored text as a value, or undefined when it is not one. */
  parse(text: string): V | undefined;
}
export type SettingDefinitions = { readonly [K in SettingName]: SettingDefinition<StoredSettings[K]> };

export interface CountySettingsStore {
  /** The county settings, cached for a while. */
  read(): Promise<StoredSettings>;
  /** The settings last read by this store, without waiting (the reminder job's synchronous due check). */
  lastKnown(): StoredSettings | null;
  /** Drops the cache: call it after the transaction of a change commits. */
  forget(): void;
  /** Writes the given settings in `tx` (audited with old and new values); the caller forgets after commit. */
  patch(tx: Db, ctx: AuditContext, patch: SettingsPatch): Promise<StoredSettings>;
}

export const positiveInteger = (text: string): number | undefined => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function countySettingsStore(db: Kysely<DB>, definitions: SettingDefinitions, cacheMs = 30_000): CountySettingsStore {
  // In the order of the API's schema: the audit entry lists what changed in that order.
  const names = CountySettingsPatch.keyof().options;
  let cached: { value: StoredSettings; until: number } | null = null;
  let lastKnown: StoredSettings | null = null;

  const valueOf = <K extends SettingName>(name: K, raw: Map<string, string>): StoredSettings[K] => {
    const definition: SettingDefinition<StoredSettings[K]> = definitions[name];
    const text = raw.get(definition.key);
    return (text === undefined ? undefined : definition.parse(text)) ?? definition.fallback;
  };
  const load = async (from: Db): Promise<StoredSettings> => {
    const rows = await from.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', names.map((n) => definitions[n].key)).execute();
    const raw = new Map(rows.map((r) => [r.key, r.value]));
    return { reportDeadline: valueOf('reportDeadline', raw), reminderTime: valueOf('reminderTime', raw), quarantineDays: valueOf('quarantineDays', raw), handoverDeadlineHours: valueOf('handoverDeadlineHours', raw) };
  };

  return {
    async read() {
      if (cached && cached.until > Date.now()) return cached.value;
      const value = await load(db);
      cached = { value, until: Date.now() + cacheMs };
      lastKnown = value;
      return value;
    },
    lastKnown: () => lastKnown,
    forget() {
      cached = null;
    },
    async patch(tx, ctx, patch) {
      const before = await load(tx);
      const after: StoredSettings = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      const changed = names.filter((k) => before[k] !== after[k]);
      for (const k of changed) {
        const { key } = definitions[k];
        await tx
          .insertInto('app_settings')
          .values({ key, value: String(after[k]) })
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
    },
  };
}

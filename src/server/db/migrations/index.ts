// Migrations are listed here by number; nothing is discovered by scanning folders.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../connect.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';

/** What a migration that rewrites stored values may need besides the database. */
export interface MigrationExtras {
  /** The data keyring: a migration encrypting existing rows refuses to run without it when there are rows. */
  fieldCrypto?: FieldCrypto;
}
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_import_jobs.ts';
import * as m0003 from './0003_household_investigation.ts';
import * as m0004 from './0004_person_imports.ts';
import * as m0005 from './0005_forms.ts';
import * as m0006 from './0006_counters.ts';
import * as m0007 from './0007_checkpoints.ts';
import * as m0008 from './0008_daily_reports.ts';
import * as m0009 from './0009_region_boundaries.ts';
import * as m0010 from './0010_quarantine.ts';
import * as m0011 from './0011_family_events.ts';
import * as m0012 from './0012_patrol_logs.ts';
import * as m0013 from './0013_risk_colours.ts';
import * as m0014 from './0014_inspections.ts';
import * as m0015 from './0015_alert_levels.ts';
import * as m0016 from './0016_public_side.ts';
import * as m0017 from './0017_login_attempts.ts';
import * as m0018 from './0018_account_grants.ts';
import * as m0020 from './0020_import_limits.ts';
import * as m0022 from './0022_human_numbers.ts';
import * as m0023 from './0023_search_terms.ts';
import * as m0024 from './0024_bulk_alerts_and_change_values.ts';
import * as m0025 from './0025_verification_lists.ts';
import * as m0026 from './0026_photo_store.ts';
import * as m0027 from './0027_verification_task_photos.ts';
import * as m0028 from './0028_verification_checks.ts';
import * as m0029 from './0029_responsibility.ts';
import * as m0030 from './0030_handovers.ts';
import * as m0031 from './0031_region_levels.ts';
import * as m0032 from './0032_retention.ts';
import * as m0033 from './0033_audit_chain.ts';
import * as m0034 from './0034_health_at_rest.ts';
import * as m0035 from './0035_user_levels.ts';
import * as m0036 from './0036_responsible_phone.ts';
import * as m0038 from './0038_responsibility_top.ts';
import * as m0039 from './0039_household_levels.ts';
import * as m0041 from './0041_verification_task_person.ts';
import * as m0042 from './0042_search_term_counts.ts';
import * as m0043 from './0043_risk_levels.ts';
import * as m0045 from './0045_purged_counts_metric.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName, extras?: MigrationExtras): Promise<void> };

const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_foundation': m0001,
  '0002_import_jobs': m0002,
  '0003_household_investigation': m0003,
  '0004_person_imports': m0004,
  '0005_forms': m0005,
  '0006_counters': m0006,
  '0007_checkpoints': m0007,
  '0008_daily_reports': m0008,
  '0009_region_boundaries': m0009,
  '0010_quarantine': m0010,
  '0011_family_events': m0011,
  '0012_patrol_logs': m0012,
  '0013_risk_colours': m0013,
  '0014_inspections': m0014,
  '0015_alert_levels': m0015,
  '0016_public_side': m0016,
  '0017_login_attempts': m0017,
  '0018_account_grants': m0018,
  '0020_import_limits': m0020,
  '0022_human_numbers': m0022,
  '0023_search_terms': m0023,
  '0024_bulk_alerts_and_change_values': m0024,
  '0025_verification_lists': m0025,
  '0026_photo_store': m0026,
  '0027_verification_task_photos': m0027,
  '0028_verification_checks': m0028,
  '0029_responsibility': m0029,
  '0030_handovers': m0030,
  '0031_region_levels': m0031,
  '0032_retention': m0032,
  '0033_audit_chain': m0033,
  '0034_health_at_rest': m0034,
  '0035_user_levels': m0035,
  '0036_responsible_phone': m0036,
  '0038_responsibility_top': m0038,
  '0039_household_levels': m0039,
  '0041_verification_task_person': m0041,
  '0042_search_term_counts': m0042,
  '0043_risk_levels': m0043,
  '0045_purged_counts_metric': m0045,
};

export function migrationProvider(dialect: DialectName, extras: MigrationExtras = {}): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, dialect, extras) };
      return out;
    },
  };
}

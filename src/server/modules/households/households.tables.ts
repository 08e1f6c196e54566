import type { ColumnType, Selectable } from 'kysely';
import type { RegionLevelColumns } from '../../platform/region-levels.ts';
import type { PersonCategory, VISIT_OUTCOMES } from '../../../shared/households.ts';

// A household is keyed on its dwelling (building, unit, room) more than on its people.
export interface HouseholdsTable extends RegionLevelColumns {
  id: string;
  region_id: number;
  address: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  /** Natural-order key of the dwelling (shared/address.ts), written with every change of it. */
  sort_key: string | null;
  is_rental: number;
  landlord_name: string | null;
  landlord_phone_enc: string | null;
  landlord_phone_hash: string | null;
  created_at: string;
  last_visited_on: string | null;
  updated_at: string;
  version: number;
}
// The level columns (0039) are the database's to fill and are read by the lists' SQL only.
export type HouseholdRow = Omit<Selectable<HouseholdsTable>, keyof RegionLevelColumns>;

// ID and phone numbers are stored encrypted (AES-256-GCM) with a keyed hash to find them,
// plus the masked form lists show, so a list never decrypts.
export interface PersonsTable extends RegionLevelColumns {
  id: string;
  household_id: string | null;
  region_id: number;
  name: string;
  gender: string | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  category: PersonCategory;
  origin: string | null;
  arrived_on: string | null;
  travel_mode: string | null;
  employer: string | null;
  key_person: number;
  key_person_reason: string | null;
  dwelling_relation: string | null;
  /** 来登去销: the day the person left the dwelling; null while living there. */
  left_on: string | null;
  /** Where the person went when they left for a place GridGuard does not cover (migration 0030); null otherwise. */
  left_to: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
  version: number;
}
export type PersonRow = Omit<Selectable<PersonsTable>, keyof RegionLevelColumns>;

export interface VisitsTable {
  id: string;
  household_id: string;
  region_id: number;
  user_id: string;
  visited_at: string;
  visited_on: string;
  outcome: (typeof VISIT_OUTCOMES)[number];
  /** JSON list of what was checked. */
  checked: string;
  present_count: number | null;
  note: string | null;
  created_at: string;
}

export interface RecordChangesTable {
  entity: string;
  entity_id: string;
  version: number;
  fields: string;
  user_id: string | null;
  at: string;
  /** Migration 0024: an id for `rotate-key`; null on older rows. */
  id: string | null;
  /** JSON {field: [old, new]} of ordinary fields; null on versions saved before 0024. */
  values_plain: string | null;
  /** Encrypted JSON {field: [old, new]} of ID and phone numbers; null when none changed. */
  values_enc: string | null;
}

export interface EditConflictsTable {
  id: string;
  entity: string;
  entity_id: string;
  region_id: number;
  field: string;
  proposed_enc: string;
  user_id: string | null;
  at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

/** Names' characters and pairs, addresses' pairs (migration 0023), kept by triggers: see persons-search.queries.ts. */
export interface SearchTermsTable {
  kind: 'n' | 'a';
  term: string;
  region_id: number;
  record_id: string;
}

/** How many records carry a search term in a county, town or village (migration 0042): names count people, addresses households. */
export interface SearchTermCountsTable {
  kind: 'n' | 'a';
  term: string;
  region_id: number;
  n: number;
}

/** Columns holding ciphertext (platform/crypto.ts): `npm run rotate-key` re-encrypts them. */
export const ENCRYPTED_COLUMNS = [
  { table: 'persons', key: 'id', columns: ['id_number_enc', 'phone_enc'] },
  { table: 'households', key: 'id', columns: ['landlord_phone_enc'] },
  { table: 'edit_conflicts', key: 'id', columns: ['proposed_enc'] },
  { table: 'family_events', key: 'id', columns: ['host_phone_enc'] },
  { table: 'tips', key: 'id', columns: ['phone_enc'] },
  { table: 'arrival_entries', key: 'id', columns: ['id_number_enc', 'phone_enc'] },
  { table: 'record_changes', key: 'id', columns: ['values_enc'] },
  { table: 'verification_tasks', key: 'id', columns: ['id_number_enc', 'phone_enc'] },
  { table: 'verification_rows', key: 'id', columns: ['cells_enc'] },
  { table: 'responsible_members', key: 'id', columns: ['phone_enc'] },
  { table: 'region_volunteers', key: 'id', columns: ['phone_enc'] },
  { table: 'quarantine_orders', key: 'id', columns: ['reason_enc'] },
  { table: 'quarantine_checks', key: 'id', columns: ['temperature_enc', 'symptoms_enc', 'note_enc'] },
  { table: 'correction_requests', key: 'id', columns: ['asked_enc', 'answer_enc'] },
] as const;

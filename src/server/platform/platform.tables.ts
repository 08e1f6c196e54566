import type { RegionLevelColumns } from './region-levels.ts';
export interface AuditLogTable extends RegionLevelColumns {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  region_id: number | null;
  ip: string | null;
  /** Why a full personal record was read, as the user gave it. */
  purpose: string | null;
  /** JSON of changed field names and non-personal values; never ID numbers, phones or health. */
  details: string | null;
  /** Its place in the hash chain (platform/audit-chain.ts); null until the sealer reaches it. */
  chain_seq?: number | null;
  prev_hash?: string | null;
  /** sha256(prev_hash, the entry's canonical form), hex. */
  hash?: string | null;
}

/** The chain's head: one row (id 1), moved by the sealer. */
export interface AuditChainTable {
  id: number;
  seq: number;
  hash: string;
  sealed_at: string | null;
}

/** Where the chain was cut: entries up to cut_seq were exported to `file` and removed after the audit retention. */
export interface AuditChainCutsTable {
  cut_seq: number;
  cut_hash: string;
  /** The exported entries were those before this moment (plus any sealed late with a lower seq). */
  before_at: string;
  rows: number;
  file: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  actor: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

/** Scheduled work claims its run here, so several instances never run it twice. */
export interface JobRunsTable {
  job: string;
  run_key: string;
  claimed_at: string;
  finished_at: string | null;
}
export interface AppSettingsTable {
  key: string;
  value: string;
}

/** The last number given out per kind of record and county day (platform/record-numbers.ts). */
export interface RecordNumbersTable {
  kind: string;
  day: string;
  last: number;
}

/**
 * The photo store (platform/photo-store.ts): every uploaded photo of patrol logs, tips,
 * rectifications and notices, addressed by its SHA-256, the same bytes stored once. Each module
 * keeps its own links to it (patrol_log_photos, tip_photos, rectification_photos,
 * notice_images) and decides who may see a photo. Named patrol_photos until migration 0025.
 */
export interface PhotosTable {
  sha256: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: string;
}

// What the purge asks of the module owning a kind of personal data. The owner knows its tables
// and what "closes" means for them (shared/retention.ts says it in words); the retention module
// only walks the batches, keeps the counts and deletes files after each batch commits.
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/schema.ts';

export interface DueQuery {
  /** The subtree whose records are looked at: a county, or a stood-down region. */
  rootPath: string;
  /** ISO time: records closed before it are due. */
  closedBefore: string;
}

export interface DueRecord {
  id: string;
  /** The region the record sits in (the preview's and the run's counts go by it). */
  regionId: number;
}

export interface PurgeOutcome {
  /** What the purged records had contributed to region_counters: kept, so recounts still give it. */
  counts?: { regionId: number; metric: string; n: number }[];
  /** Photo digests the records no longer link: dropped from the store unless another record links them. */
  photos?: string[];
  /** Sealed files (upload refs) to delete once the batch has committed. */
  uploads?: string[];
  /** Records found not due after all inside the batch's transaction (work began on them meanwhile): left, and not counted. */
  kept?: string[];
}

export interface RetentionHandler {
  /** The next `limit` due records (a purged one is never due again, so a rerun resumes). */
  due(db: Db, q: DueQuery, limit: number): Promise<DueRecord[]>;
  /** How many are due, per region they sit in (the dry run). */
  countDue(db: Db, q: DueQuery): Promise<{ regionId: number; n: number }[]>;
  /** Deletes or reduces these records, in the batch's transaction. */
  purge(tx: Db, records: readonly DueRecord[]): Promise<PurgeOutcome>;
}

/** Which of these photo digests a module's records still link. */
export type PhotoLinks = (db: Db, digests: readonly string[]) => Promise<string[]>;

export const ids = (records: readonly DueRecord[]) => records.map((r) => r.id);
/** Group rows of a count query: region_id and n. */
export const byRegion = (rows: readonly { region_id: number; n: number | string | bigint }[]) => rows.map((r) => ({ regionId: r.region_id, n: Number(r.n) }));

/** The people and households one batch of the register purge removes. */
export interface RegisterBatch {
  personIds: readonly string[];
  householdIds: readonly string[];
}

/**
 * A module's part of the household register's purge: deletes (or unlinks) its records of these
 * people and households, in the batch's transaction, before the people themselves go.
 */
export type ForgetPeople = (tx: Db, batch: RegisterBatch) => Promise<PurgeOutcome | undefined>;

/**
 * The people a module is still working on (an open quarantine order, a pending hand-over), as a
 * subquery of person ids: their household waits for the next purge after that work closes.
 */
// biome-ignore lint/suspicious/noExplicitAny: a subquery over any of the module's tables
export type PeopleHeld = (db: Db) => SelectQueryBuilder<any, any, { person_id: string }>;

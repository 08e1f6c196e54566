// What GridGuard holds about one person, gathered for an access request (查阅复制, issue 21):
// each module that keeps records about people says, in its definition (`personRecords`), how to
// find its rows of a person and how they read as a table. A new kind of personal data is one
// more section in its own module; the access request reads every module's sections in order.
import { CODE_WORDS_ZH } from '../../shared/code-words.ts';
import type { Db } from '../db/schema.ts';
import type { FieldCrypto } from './crypto.ts';

/** Who the request is about, as the records know them. */
export interface PersonSubject {
  /** The person records the ID number found in the caller's subtree. */
  personIds: readonly string[];
  /** Their households. */
  householdIds: readonly string[];
  /** The keyed hash of the ID number (arrival self-registrations, verification lists carry it). */
  idNumberHash: string;
  /** The keyed hashes of the phones those records hold: tips filed with the person's own phone, contacts. */
  phoneHashes: readonly string[];
}

export type PersonRecordCell = string | number | null;

export interface PersonRecordSection {
  /** Stable key (tests and the HTML anchors read it). */
  key: string;
  /** The sheet's / section's Chinese title: the person reads it. */
  title: string;
  columns: readonly string[];
  /** The rows, in full (it is the person's own data), decrypted where stored encrypted. */
  rows(db: Db, subject: PersonSubject, crypto: FieldCrypto): Promise<PersonRecordCell[][]>;
}

/** A stored instant as ISO text (PostgreSQL answers a Date, SQLite the text). */
export const whenOf = (v: unknown): string | null => (v == null ? null : new Date(v instanceof Date ? v : String(v)).toISOString());
/** A stored day (SQLite text, PostgreSQL date). */
export const dayOf = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
export const openOrNull = (crypto: FieldCrypto, v: string | null): string | null => (v == null ? null : crypto.decrypt(v));
export const roleWord = (role: string): string => (CODE_WORDS_ZH.roles as Record<string, string>)[role] ?? role;

// Sign-in attempts are counted before the password is checked (issue 13): one row per counter
// (an account with an address or with a trusted browser, an account across addresses, an
// address's unknown usernames). Times are epoch milliseconds, so the atomic upsert that takes
// an attempt does its arithmetic in plain SQL on both databases. The old login_throttle table
// (read, verify, then record: racy) goes; its counts were only ever minutes old.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const millis = sql.raw(dialect === 'postgres' ? 'bigint' : 'integer');
  await db.schema.dropTable('login_throttle').execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    /** No attempt is checked before this moment (a series' pause; 0 for a window). */
    .addColumn('blocked_until', millis, (c) => c.notNull())
    /** The counter is forgotten from this moment (a series' quiet period, a window's end). */
    .addColumn('expires_at', millis, (c) => c.notNull())
    .modifyEnd(sql.raw(dialect === 'sqlite' ? 'without rowid' : ''))
    .execute();
  await db.schema.createIndex('login_attempts_expires').on('login_attempts').column('expires_at').execute();
}

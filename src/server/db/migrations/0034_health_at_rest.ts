// Issue 21, items 3 and 4.
// Health data at rest: a quarantine's reason, each check's temperature, symptoms and note move
// to ciphertext columns (platform/crypto.ts, the keyring of ID numbers; `npm run rotate-key`
// re-encrypts them). The check's `fever` flag stays in clear: it is computed at write from the
// temperature, says nothing more than the fever alert the monitors already see, and is what
// alerts, counters, risk and dashboards count by. Existing rows are encrypted here in batches,
// so this migration needs the keyring when a database already holds health data.
// Correction requests (更正请求) a person makes about their record: what was asked and the answer
// are encrypted too (they may quote an ID or phone number).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';
import type { MigrationExtras } from './index.ts';

const BATCH = 1000;

interface Target {
  table: string;
  /** plain column → its ciphertext column, and how a stored plain value becomes the text encrypted. */
  columns: { plain: string; enc: string; text: (v: unknown) => string }[];
}

const asText = (v: unknown) => String(v);
const TARGETS: Target[] = [
  { table: 'quarantine_orders', columns: [{ plain: 'reason', enc: 'reason_enc', text: asText }] },
  {
    table: 'quarantine_checks',
    columns: [
      { plain: 'temperature', enc: 'temperature_enc', text: (v) => String(Number(v)) },
      // PostgreSQL's json column answers a parsed array; SQLite the text.
      { plain: 'symptoms', enc: 'symptoms_enc', text: (v) => (typeof v === 'string' ? v : JSON.stringify(v)) },
      { plain: 'note', enc: 'note_enc', text: asText },
    ],
  },
];

export async function up(db: Kysely<unknown>, dialect: DialectName, extras: MigrationExtras = {}): Promise<void> {
  const t = columnTypes(dialect);
  // Checked before any change: SQLite runs DDL outside the migration's transaction, so a refusal
  // halfway would leave a column behind and the next attempt would fail on it.
  if (!extras.fieldCrypto) {
    for (const target of TARGETS) {
      const any = await sql`select 1 from ${sql.table(target.table)} limit 1`.execute(db);
      if (any.rows.length) throw new Error(`${target.table} holds health data to encrypt: run the migration with the data keyring (npm run migrate, or start the server)`);
    }
  }
  // Resumable: SQLite cannot roll DDL back, so a crash halfway is finished by the next run —
  // columns already added are kept, rows already encrypted are skipped, dropped columns stay dropped.
  const tables = await db.introspection.getTables();
  for (const target of TARGETS) {
    const has = new Set(tables.find((x) => x.name === target.table)?.columns.map((c) => c.name) ?? []);
    if (!target.columns.some((c) => has.has(c.plain))) continue;
    for (const c of target.columns) if (!has.has(c.enc)) await db.schema.alterTable(target.table).addColumn(c.enc, 'text').execute();
    await encryptExisting(db, target, extras);
    for (const c of target.columns) await db.schema.alterTable(target.table).dropColumn(c.plain).execute();
  }

  await db.schema
    .createTable('correction_requests')
    .addColumn('id', sql.raw(t.uuid), (c) => c.primaryKey())
    .addColumn('person_id', sql.raw(t.uuid), (c) => c.notNull().references('persons.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull())
    /** The fields the person says are wrong (person field names), JSON array; not personal. */
    .addColumn('fields', sql.raw(t.json), (c) => c.notNull())
    .addColumn('asked_enc', 'text', (c) => c.notNull())
    /** 'pending', 'corrected' or 'refused'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer_enc', 'text')
    .addColumn('created_by', sql.raw(t.uuid), (c) => c.notNull())
    .addColumn('created_at', sql.raw(t.time), (c) => c.notNull())
    .addColumn('decided_by', sql.raw(t.uuid))
    .addColumn('decided_at', sql.raw(t.time))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('correction_requests_person').on('correction_requests').columns(['person_id', 'created_at']).execute();
}

/** Keyset batches by id: memory stays flat however many checks a county holds. */
async function encryptExisting(db: Kysely<unknown>, target: Target, extras: MigrationExtras): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await sql<Record<string, unknown>>`
      select cast(id as text) as k, ${sql.join(target.columns.map((c) => sql.ref(c.plain)))}
      from ${sql.table(target.table)}
      where cast(id as text) > ${after} and (${sql.join(target.columns.map((c) => sql`(${sql.ref(c.enc)} is null and ${sql.ref(c.plain)} is not null)`), sql` or `)})
      order by cast(id as text) limit ${BATCH}`.execute(db);
    if (rows.rows.length === 0) return;
    const crypto = extras.fieldCrypto;
    if (!crypto) throw new Error(`${target.table} holds health data to encrypt: the data keyring is needed`);
    for (const row of rows.rows) {
      const sets = target.columns.map((c) => sql`${sql.ref(c.enc)} = ${row[c.plain] == null ? null : crypto.encrypt(c.text(row[c.plain]))}`);
      await sql`update ${sql.table(target.table)} set ${sql.join(sets)} where cast(id as text) = ${row.k}`.execute(db);
    }
    after = String(rows.rows[rows.rows.length - 1]?.k);
  }
}

// Finding people by name and address at county scale. Chinese names are two to four characters
// and a search is often one or two of them (a surname), which trigram indexes (FTS5 trigram,
// pg_trgm) cannot narrow. So every person's name is indexed by its single characters and pairs,
// and every household's address by its pairs, in one table keyed (kind, term, region, record):
// a search is an index range per region of the caller's subtree, in region order, so the first
// page comes from the first matching regions without sorting the subtree. Longer searches drive
// by one of their pairs and check the whole text on the rows found (persons-search.queries.ts).
// Triggers keep the terms with the records on every write path (forms, import, merge, demo);
// region moves change region paths, never records' region_id, so the terms stay true.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

const INDEXED = [
  { table: 'persons', kind: 'n', column: 'name', singles: true },
  { table: 'households', kind: 'a', column: 'address', singles: false },
] as const;

/** Longest text indexed: households' address limit (shared/households.ts) is 200. */
const MAX_POSITION = 256;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');
  await db.schema
    .createTable('search_terms')
    .addColumn('kind', 'text', (c) => c.notNull()) // 'n': a person's name, 'a': a household's address
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('record_id', sql.raw(t.uuid), (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['kind', 'term', 'region_id', 'record_id'])
    .modifyEnd(clustered)
    .execute();
  if (dialect === 'sqlite') await sqliteTriggers(db);
  else await postgresTriggers(db);
}

/** The terms of a text as a select of one column `term`: its single characters (names only) and its pairs, lower-cased. */
function sqliteGrams(text: string, singles: boolean): string {
  const pairs = `select substr(lower(${text}), n, 2) as term from search_positions where n < length(${text})`;
  if (!singles) return pairs;
  return `select substr(lower(${text}), n, 1) as term from search_positions where n <= length(${text}) union ${pairs}`;
}

async function sqliteTriggers(db: Kysely<unknown>) {
  await sql`create table search_positions (n integer primary key)`.execute(db);
  await sql
    .raw(`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${MAX_POSITION}) insert into search_positions select n from s`)
    .execute(db);
  for (const { table, kind, column, singles } of INDEXED) {
    const add = (row: string) =>
      `insert or ignore into search_terms (kind, term, region_id, record_id) select '${kind}', g.term, ${row}.region_id, ${row}.id from (${sqliteGrams(`${row}.${column}`, singles)}) g;`;
    const drop = (row: string) =>
      `delete from search_terms where kind = '${kind}' and region_id = ${row}.region_id and record_id = ${row}.id and term in (${sqliteGrams(`${row}.${column}`, singles)});`;
    await sql.raw(`create trigger ${table}_terms_insert after insert on ${table} begin ${add('new')} end`).execute(db);
    await sql
      .raw(
        `create trigger ${table}_terms_update after update of ${column}, region_id on ${table}
         when old.${column} is not new.${column} or old.region_id is not new.region_id
         begin ${drop('old')} ${add('new')} end`,
      )
      .execute(db);
    await sql.raw(`create trigger ${table}_terms_delete after delete on ${table} begin ${drop('old')} end`).execute(db);
    // The records already there, in one statement per table.
    const single = singles
      ? `select '${kind}', substr(lower(r.${column}), p.n, 1), r.region_id, r.id from ${table} r join search_positions p on p.n <= length(r.${column}) union all `
      : '';
    await sql
      .raw(
        `insert or ignore into search_terms (kind, term, region_id, record_id)
         ${single}select '${kind}', substr(lower(r.${column}), p.n, 2), r.region_id, r.id from ${table} r join search_positions p on p.n < length(r.${column})`,
      )
      .execute(db);
  }
}

async function postgresTriggers(db: Kysely<unknown>) {
  await sql`
    create function search_grams(s text, singles boolean) returns setof text language sql immutable as $$
      select substr(lower(s), i, 1) from generate_series(1, length(s)) i where singles
      union
      select substr(lower(s), i, 2) from generate_series(1, length(s) - 1) i
    $$`.execute(db);
  for (const { table, kind, column, singles } of INDEXED) {
    await sql
      .raw(
        `create function ${table}_terms() returns trigger language plpgsql as $$
         begin
           if tg_op = 'UPDATE' and old.${column} is not distinct from new.${column} and old.region_id = new.region_id then
             return null;
           end if;
           if tg_op in ('UPDATE', 'DELETE') then
             delete from search_terms where kind = '${kind}' and region_id = old.region_id and record_id = old.id
               and term in (select search_grams(old.${column}, ${singles}));
           end if;
           if tg_op in ('INSERT', 'UPDATE') then
             insert into search_terms (kind, term, region_id, record_id)
               select '${kind}', g, new.region_id, new.id from search_grams(new.${column}, ${singles}) g
               on conflict do nothing;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${table}_terms after insert or delete or update of ${column}, region_id on ${table} for each row execute function ${table}_terms()`)
      .execute(db);
    await sql
      .raw(
        `insert into search_terms (kind, term, region_id, record_id)
         select distinct '${kind}', g, r.region_id, r.id from ${table} r cross join lateral search_grams(r.${column}, ${singles}) g
         on conflict do nothing`,
      )
      .execute(db);
  }
}

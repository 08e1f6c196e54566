// How many records carry each search term (0023's search_terms) in each county, town and village
// (the level ids of 0039), so a search's total and the choice of which pair of a long text to walk
// are one keyed read instead of a walk of the term index (issue 15 item 1, issue 17): a surname at
// the county had its total counted by walking 10,001 index entries on every first page, and a
// long address counted each of its pairs up to 2,000 entries to pick the narrowest.
// Names count people; addresses count households (the search's total of an address counts the
// people of those households and still walks: the counter only picks the pair).
// Kept by triggers on every write path, like search_terms: a record's terms are added at its
// level ids on insert, taken off on delete, and moved when its text or level ids change (region
// moves rewrite level ids: 0039 and platform/region-levels.ts). SQLite: row triggers, every
// change an upsert of +1 or −1, so the order in which it fires its after-triggers (the level ids
// are written by a second update of the row) cannot lose a step: a −1 that comes first leaves −1
// for the +1. PostgreSQL: statement triggers, one grouped upsert of the sums per statement.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';

const INDEXED = [
  { table: 'persons', kind: 'n', column: 'name', singles: true },
  { table: 'households', kind: 'a', column: 'address', singles: false },
] as const;

const LEVELS = ['county_id', 'town_id', 'village_id'] as const;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');
  await db.schema
    .createTable('search_term_counts')
    .addColumn('kind', 'text', (c) => c.notNull()) // as search_terms: 'n' names (people), 'a' addresses (households)
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull()) // a county, town or village
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_term_counts_pk', ['kind', 'term', 'region_id'])
    .modifyEnd(clustered)
    .execute();
  if (dialect === 'sqlite') await sqliteTriggers(db);
  else await postgresTriggers(db);
  // The records already there: search_terms holds each (term, record) once, with the record's
  // level ids on the record itself.
  for (const { table, kind } of INDEXED) {
    const level = LEVELS.map((c, i) => `when ${i} then r.${c}`).join(' ');
    await sql
      .raw(
        `insert into search_term_counts (kind, term, region_id, n)
         select '${kind}', term, region_id, count(*) from (
           select t.term, case l.i ${level} end as region_id
           from search_terms t join ${table} r on r.id = t.record_id cross join (select 0 as i union all select 1 union all select 2) l
           where t.kind = '${kind}'
         ) x where region_id is not null group by term, region_id`,
      )
      .execute(db);
  }
}

/** SQLite: the distinct terms of a text as a select of `term` (0023's grams: singles for names, pairs). */
function sqliteGrams(text: string, singles: boolean): string {
  const pairs = `select substr(lower(${text}), n, 2) as term from search_positions where n < length(${text})`;
  const all = singles ? `select substr(lower(${text}), n, 1) as term from search_positions where n <= length(${text}) union ${pairs}` : pairs;
  return `select distinct term from (${all})`;
}

async function sqliteTriggers(db: Kysely<unknown>) {
  for (const { table, kind, column, singles } of INDEXED) {
    const levels = (row: string) => LEVELS.map((c) => `select ${row}.${c} as id`).join(' union all ');
    const step = (row: string, delta: 1 | -1) =>
      `insert into search_term_counts (kind, term, region_id, n)
       select '${kind}', g.term, l.id, ${delta} from (${sqliteGrams(`${row}.${column}`, singles)}) g, (${levels(row)}) l where l.id is not null
       on conflict (kind, term, region_id) do update set n = n + excluded.n;`;
    const anyLevel = (row: string) => LEVELS.map((c) => `${row}.${c} is not null`).join(' or ');
    const changed = [column, ...LEVELS].map((c) => `old.${c} is not new.${c}`).join(' or ');
    await sql.raw(`create trigger ${table}_term_counts_insert after insert on ${table} when ${anyLevel('new')} begin ${step('new', 1)} end`).execute(db);
    await sql
      .raw(`create trigger ${table}_term_counts_update after update of ${column}, ${LEVELS.join(', ')} on ${table} when ${changed} begin ${step('old', -1)} ${step('new', 1)} end`)
      .execute(db);
    await sql.raw(`create trigger ${table}_term_counts_delete after delete on ${table} when ${anyLevel('old')} begin ${step('old', -1)} end`).execute(db);
  }
}

/**
 * PostgreSQL: statement triggers over the transition tables, so a bulk write (an import, the
 * demo, a region move's relink) is one grouped upsert, not one per row and term. An update
 * counts its rows' old terms −1 and new terms +1, and only the sums that are not 0 are written
 * (an update that changed neither text nor levels writes nothing). Transition tables cannot go
 * with a column list, so the update trigger fires on every update of the table.
 */
async function postgresTriggers(db: Kysely<unknown>) {
  for (const { table, kind, column, singles } of INDEXED) {
    const rows = (from: string, delta: 1 | -1) => `select r.${column} as text, ${LEVELS.map((c) => `r.${c}`).join(', ')}, ${delta} as d from ${from} r`;
    // Rows in (term, region) order, so two writers take the counters' row locks in one order.
    const upsert = (changed: string) =>
      `insert into search_term_counts (kind, term, region_id, n)
         select '${kind}', g, l, sum(x.d) from (${changed}) x
           cross join lateral search_grams(x.text, ${singles}) g
           cross join lateral unnest(array[${LEVELS.map((c) => `x.${c}`).join(', ')}]) l
         where l is not null group by g, l having sum(x.d) <> 0 order by 2, 3
         on conflict (kind, term, region_id) do update set n = search_term_counts.n + excluded.n;`;
    await sql
      .raw(
        `create function ${table}_term_counts() returns trigger language plpgsql as $$
         begin
           if tg_op = 'INSERT' then
             ${upsert(rows('new_rows', 1))}
           elsif tg_op = 'DELETE' then
             ${upsert(rows('old_rows', -1))}
           else
             ${upsert(`${rows('old_rows', -1)} union all ${rows('new_rows', 1)}`)}
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    const on = (event: string, tables: string) =>
      sql.raw(`create trigger ${table}_term_counts_${event} after ${event} on ${table} referencing ${tables} for each statement execute function ${table}_term_counts()`).execute(db);
    await on('insert', 'new table as new_rows');
    await on('delete', 'old table as old_rows');
    await on('update', 'old table as old_rows new table as new_rows');
  }
}

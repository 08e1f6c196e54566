// How many records carry each search term (0023's search_terms) in each county, town and village
// (the level ids of 0039), so a search's total and the choice of which pair of a long text to walk
// are one keyed read instead of a walk of the term index (issue 15 item 1, issue 17): a surname at
// the county had its total counted by walking 10,001 index entries on every first page, and a
// long address counted each of its pairs up to 2,000 entries to pick the narrowest.
// Names count people; addresses count households (the search's total of an address counts the
// people of those households and still walks: the counter only picks the pair).
// Kept by triggers on every write path, like search_terms: a record's terms are added at its
// level ids on insert, taken off on delete, and moved when its text or level ids change (region
// moves rewrite level ids: 0039 and platform/region-levels.ts). Every change is an upsert of +1
// or −1, so the order in which SQLite fires its after-triggers (the level ids are written by a
// second update of the row) cannot lose a step: a −1 that comes first leaves −1 for the +1.
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

async function postgresTriggers(db: Kysely<unknown>) {
  for (const { table, kind, column, singles } of INDEXED) {
    // Rows in (term, region) order, so two writers take the counters' row locks in one order.
    const step = (row: string, delta: 1 | -1) =>
      `insert into search_term_counts (kind, term, region_id, n)
         select '${kind}', g, l, ${delta} from search_grams(${row}.${column}, ${singles}) g
           cross join unnest(array[${LEVELS.map((c) => `${row}.${c}`).join(', ')}]) l
         where l is not null order by 2, 3
         on conflict (kind, term, region_id) do update set n = search_term_counts.n + excluded.n;`;
    const same = [column, ...LEVELS].map((c) => `old.${c} is not distinct from new.${c}`).join(' and ');
    await sql
      .raw(
        `create function ${table}_term_counts() returns trigger language plpgsql as $$
         begin
           if tg_op = 'UPDATE' and ${same} then
             return null;
           end if;
           if tg_op in ('UPDATE', 'DELETE') then
             ${step('old', -1)}
           end if;
           if tg_op in ('INSERT', 'UPDATE') then
             ${step('new', 1)}
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        // region_id too: PostgreSQL fires a column's trigger only for columns the statement sets,
        // and a new region's level ids are set by 0031's BEFORE trigger, not by the statement.
        `create trigger ${table}_term_counts after insert or delete or update of ${column}, region_id, ${LEVELS.join(', ')} on ${table} for each row execute function ${table}_term_counts()`,
      )
      .execute(db);
  }
}

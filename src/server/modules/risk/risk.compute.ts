// Colouring a batch of people: their facts in a few set queries (never one query a person),
// the rules applied (risk.evaluate.ts), and only what changed written back — yellow and red
// rows upserted, rows of people now green deleted — with the 'risk.yellow' / 'risk.red'
// counters of their regions and ancestors bumped in the same transaction.
import type { RiskRule } from '../../../shared/risk.ts';
import type { Db } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';
import { CounterBatch, applyCounterBatch } from '../stats/counters.ts';
import { pathIds } from '../../../shared/region-path.ts';
import { type PersonFacts, type Verdict, evaluate, factsNeeded, windowStart } from './risk.evaluate.ts';
import { readRules } from './risk.rules.ts';
import { regionsFields } from '../regions/regions.queries.ts';
import { DB_TRUE, toBool } from '../../db/dialect.ts';

export const RISK_METRIC_PREFIX = 'risk';
export const metricOf = (colour: string) => `risk.${colour}`;

const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

type PersonRowFacts = { id: string; region_id: number; origin: string | null; arrived_on: unknown; category: string; key_person: number; left_on: unknown };

export const selectPersonFacts = (db: Db) =>
  db.selectFrom('persons').select(['id', 'region_id', 'origin', 'arrived_on', 'category', 'key_person', 'left_on']);

/** Quarantine facts for the people of a batch: one query for each kind the rules ask about. */
/** A keyset page of the full recompute: person ids in (after, last]. */
export interface IdSpan {
  after: string;
  last: string;
}

export async function loadFacts(db: Db, rows: readonly PersonRowFacts[], rules: readonly RiskRule[], today: string, span?: IdSpan): Promise<PersonFacts[]> {
  const ids = rows.map((r) => r.id);
  const need = factsNeeded(rules);
  const quarantined = new Set<string>();
  const lastFever = new Map<string, string>();
  const openAlert = new Set<string>();
  // A page of the full recompute asks by id range (one index range, not 5,000 parameters).
  const orders = () => {
    const q = db.selectFrom('quarantine_orders as o');
    return span ? q.where('o.person_id', '>', span.after).where('o.person_id', '<=', span.last) : q.where('o.person_id', 'in', ids);
  };
  if (ids.length > 0 && need.quarantine) {
    const active = await orders().select('o.person_id').where('o.status', '=', 'active').where('o.start_on', '<=', today).execute();
    for (const o of active) quarantined.add(o.person_id);
  }
  if (ids.length > 0 && need.fever) {
    const checks = await orders()
      .innerJoin('quarantine_checks as c', 'c.order_id', 'o.id')
      .select(['o.person_id', (eb) => eb.fn.max('c.day').as('last_day')])
      .where('c.fever', '=', DB_TRUE)
      .where('c.day', '>=', windowStart(today, need.feverDays))
      .groupBy('o.person_id')
      .execute();
    for (const c of checks) lastFever.set(c.person_id, day(c.last_day) as string);
    const alerts = await orders()
      .innerJoin('quarantine_alerts as a', 'a.order_id', 'o.id')
      .select('o.person_id')
      .where('a.kind', '=', 'fever')
      .where('a.acknowledged_at', 'is', null)
      .execute();
    for (const a of alerts) openAlert.add(a.person_id);
  }
  return rows.map((r) => ({
    id: r.id,
    regionId: r.region_id,
    origin: r.origin,
    arrivedOn: day(r.arrived_on),
    category: r.category,
    keyPerson: toBool(Number(r.key_person)),
    left: r.left_on !== null && r.left_on !== undefined,
    underQuarantine: quarantined.has(r.id),
    lastFeverDay: lastFever.get(r.id) ?? null,
    openFeverAlert: openAlert.has(r.id),
  }));
}

/** Region paths, cached by the caller across batches (a full recompute loads the county once). */
export type PathLookup = (ids: readonly number[]) => Promise<Map<number, string>>;
export const pathLookup = (db: Db): PathLookup => async (ids) => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await regionsFields(db, unique, ['id', 'path']);
  return new Map(rows.map((r) => [r.id, r.path]));
};

/**
 * Writes the verdicts that differ from the stored rows; returns how many people changed.
 * `ids` are all the people of the batch (also those who no longer exist: they turn green).
 */
export async function applyVerdicts(tx: Db, ids: readonly string[], verdicts: Map<string, Verdict & { regionId: number }>, paths: PathLookup, span?: IdSpan): Promise<number> {
  if (ids.length === 0) return 0;
  const stored = await tx
    .selectFrom('person_risk')
    .select(['person_id', 'region_id', 'colour', 'reasons'])
    .$call((q) => (span ? q.where('person_id', '>', span.after).where('person_id', '<=', span.last) : q.where('person_id', 'in', ids)))
    .execute();
  const before = new Map(stored.map((s) => [s.person_id, s]));
  const now = nowIso();
  const upserts: { person_id: string; region_id: number; colour: string; reasons: string; computed_at: string }[] = [];
  const deletes: string[] = [];
  const moves: { regionId: number; metric: string; delta: 1 | -1 }[] = [];
  for (const id of ids) {
    const old = before.get(id);
    const verdict = verdicts.get(id);
    const colour = verdict?.colour ?? 'green';
    const reasons = JSON.stringify(verdict?.reasons ?? []);
    if (!old && colour === 'green') continue;
    if (old && verdict && old.colour === colour && old.region_id === verdict.regionId && old.reasons === reasons) continue;
    if (old) moves.push({ regionId: old.region_id, metric: metricOf(old.colour), delta: -1 });
    if (colour === 'green' || !verdict) deletes.push(id);
    else {
      upserts.push({ person_id: id, region_id: verdict.regionId, colour, reasons, computed_at: now });
      moves.push({ regionId: verdict.regionId, metric: metricOf(colour), delta: 1 });
    }
  }
  if (deletes.length > 0) await tx.deleteFrom('person_risk').where('person_id', 'in', deletes).execute();
  // 5 parameters a row: 1,000 rows a statement stays far below SQLite's limit.
  for (let i = 0; i < upserts.length; i += 1_000) {
    await tx
      .insertInto('person_risk')
      .values(upserts.slice(i, i + 1_000))
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet((eb) => ({
          region_id: eb.ref('excluded.region_id'),
          colour: eb.ref('excluded.colour'),
          reasons: eb.ref('excluded.reasons'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
  if (moves.length > 0) {
    const pathById = await paths(moves.map((m) => m.regionId));
    const batch = new CounterBatch();
    for (const m of moves) {
      const path = pathById.get(m.regionId);
      if (path) batch.add(path, { [m.metric]: m.delta });
    }
    await applyCounterBatch(tx, batch);
  }
  return deletes.length + upserts.length;
}

/** Colours a batch of person rows with their county's rules and writes what changed. */
export async function colourBatch(tx: Db, rows: readonly PersonRowFacts[], rules: readonly RiskRule[], today: string, paths: PathLookup, span?: IdSpan): Promise<number> {
  const facts = await loadFacts(tx, rows, rules, today, span);
  const verdicts = new Map(facts.map((f) => [f.id, { ...evaluate(rules, f, today), regionId: f.regionId }]));
  return applyVerdicts(tx, rows.map((r) => r.id), verdicts, paths, span);
}

/** Person rows of possibly several counties (rare): each county's rules for its own people. */
async function recolourRows(tx: Db, rows: readonly PersonRowFacts[], today: string, paths: PathLookup, span?: IdSpan): Promise<number> {
  const regionPaths = await paths(rows.map((r) => r.region_id));
  const byCounty = new Map<number, PersonRowFacts[]>();
  for (const r of rows) {
    const county = pathIds(regionPaths.get(r.region_id) ?? '/0/')[0] ?? 0;
    const list = byCounty.get(county);
    if (list) list.push(r);
    else byCounty.set(county, [r]);
  }
  let changed = 0;
  for (const [county, people] of byCounty) {
    const { rules } = await readRules(tx, county);
    // A range stands for the page only when the page is one county's (the usual case).
    changed += await colourBatch(tx, people, rules, today, paths, byCounty.size === 1 ? span : undefined);
  }
  return changed;
}

/**
 * Recomputes the colour of these people inside the caller's write transaction: call it after a
 * person is registered or edited, or their quarantine facts change. `today` is the county's day
 * (in its zone): the rules' windows ("within 14 days") count back from it. Returns how many changed.
 */
export async function recomputePersonRisk(tx: Db, personIds: readonly string[], today: string): Promise<number> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return 0;
  const paths = pathLookup(tx);
  let changed = 0;
  for (let i = 0; i < ids.length; i += 5_000) {
    const chunk = ids.slice(i, i + 5_000);
    const rows = await selectPersonFacts(tx).where('id', 'in', chunk).execute();
    changed += await recolourRows(tx, rows, today, paths);
    // A person id that is gone (merged away) turns green.
    const found = new Set(rows.map((r) => r.id));
    const missing = chunk.filter((id) => !found.has(id));
    if (missing.length > 0) changed += await applyVerdicts(tx, missing, new Map(), paths);
  }
  return changed;
}

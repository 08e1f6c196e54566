// Risk colours: the county's rules (read by all staff, set by the county HQ, audited), the
// recompute jobs, a region's counts with its children's, and the list of its red and yellow
// people with the reasons. The list carries names only: no ID or phone numbers.
import type { RiskJob, RiskPerson, RiskRegionCounts, RiskRules, RiskRulesPut, RiskSummary } from '../../../shared/risk.ts';
import { regionColour } from '../../../shared/risk.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { readCounters } from '../stats/counters.ts';
import { ancestorIdAt, pathIds } from '../../../shared/region-path.ts';
import { metricOf } from './risk.compute.ts';
import { riskPersonsQuery } from './risk.queries.ts';
import { STALE_AFTER_MS, insertRiskJob } from './risk.recompute.ts';
import { normaliseRules, readRules, saveRules } from './risk.rules.ts';
import { childRegions, regionFieldsOrThrow } from '../regions/regions.queries.ts';

/** The county (root region) a path belongs to. */
export const countyOf = (path: string): number => ancestorIdAt(path, 'county') ?? 0;

export async function getRules(db: Db, actor: Actor): Promise<RiskRules> {
  const countyId = countyOf(actor.regionPath);
  return { countyId, ...(await readRules(db, countyId)) };
}

/** Saves the rules and queues the recompute (started by the caller after commit). */
export async function putRules(tx: Db, ctx: AuditContext, actor: Actor, input: RiskRulesPut): Promise<RiskRules> {
  const countyId = countyOf(actor.regionPath);
  if (actor.regionId !== countyId) throw new AppError('FORBIDDEN', 'Risk rules are set by an account of the county itself');
  const rules = normaliseRules(input.rules);
  const before = await readRules(tx, countyId);
  const jobId = await insertRiskJob(tx, countyId, actor.userId);
  const saved = await saveRules(tx, countyId, rules, jobId);
  // Rules hold no personal data: the audit entry keeps them before and after.
  await audit(tx, ctx, { action: 'update', entity: 'risk_rules', entityId: countyId, regionId: countyId, details: { before: before.rules, after: rules, jobId } });
  return { countyId, ...saved };
}

export async function startRecompute(tx: Db, ctx: AuditContext, actor: Actor): Promise<string> {
  const countyId = countyOf(actor.regionPath);
  const jobId = await insertRiskJob(tx, countyId, actor.userId);
  await audit(tx, ctx, { action: 'recompute', entity: 'risk_rules', entityId: countyId, regionId: countyId, details: { jobId } });
  return jobId;
}

export async function jobForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db.selectFrom('risk_jobs as j').innerJoin('regions as r', 'r.id', 'j.county_id').select(['r.id', 'r.path', 'r.level']).where('j.id', '=', id).executeTakeFirst();
  return row ?? null;
}

export async function getJob(db: Db, id: string): Promise<RiskJob> {
  let row = await db.selectFrom('risk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('recompute job');
  if ((row.status === 'queued' || row.status === 'running') && Date.parse(row.updated_at) < Date.now() - STALE_AFTER_MS) {
    const error = 'the recompute was interrupted (the server restarted): run it again';
    const now = nowIso();
    await db.updateTable('risk_jobs').set({ status: 'failed', error, updated_at: now, finished_at: now }).where('id', '=', id).execute();
    row = { ...row, status: 'failed', error, finished_at: now };
  }
  const total = Number(row.total);
  const processed = Number(row.processed);
  const finished = row.status === 'done';
  return {
    id: row.id,
    status: row.status,
    processed,
    total,
    progress: finished ? 1000 : total > 0 ? Math.min(999, Math.floor((processed * 1000) / total)) : 0,
    changed: Number(row.changed),
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function countsOf(region: { id: number; name: string; level: string }, bag: Record<string, number> | undefined): RiskRegionCounts {
  const persons = bag?.persons ?? 0;
  const yellow = bag?.[metricOf('yellow')] ?? 0;
  const red = bag?.[metricOf('red')] ?? 0;
  return { regionId: region.id, name: region.name, level: region.level, persons, green: Math.max(0, persons - yellow - red), yellow, red, colour: regionColour({ yellow, red }) };
}

/** A region's colour counts and each child's, from the counters (no scan of people). */
export async function summary(db: Db, scope: ScopedRegion): Promise<RiskSummary> {
  const region = await regionFieldsOrThrow(db, scope.id, ['id', 'name', 'level']);
  const children = await childRegions(db, scope.id, ['id', 'name', 'level']);
  const ids = [region.id, ...children.map((c) => c.id)];
  const [risk, persons] = await Promise.all([readCounters(db, ids, 'risk.'), readCounters(db, ids, 'persons')]);
  const bagOf = (id: number) => ({ ...risk.get(id), persons: persons.get(id)?.persons ?? 0 });
  return { ...countsOf(region, bagOf(region.id)), children: children.map((c) => countsOf(c, bagOf(c.id))) };
}

export async function listPersons(db: Db, scope: ScopedRegion, query: { colour?: 'yellow' | 'red'; householdId?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  const rows = await riskPersonsQuery(db, scope.path, { colour: query.colour, householdId: query.householdId, afterId: after === undefined ? undefined : String(after), limit: query.limit }).execute();
  return page(rows, query.limit, (r) => r.person_id, (r): RiskPerson => ({
    personId: r.person_id,
    name: r.name,
    householdId: r.household_id,
    regionId: r.region_id,
    regionName: r.region_name,
    colour: r.colour as RiskPerson['colour'],
    reasons: JSON.parse(r.reasons) as string[],
    computedAt: r.computed_at,
  }));
}

// The county's retention settings, the dry run, and stand-downs (解除): the rules; SQL is in
// retention.queries.ts, the purge itself in purge.service.ts.
import {
  AUDIT_LOG_RETENTION,
  AUDIT_RETENTION_MINIMUM_DAYS,
  type AuditRetention,
  type PurgeKind,
  PURGE_KIND_NAMES,
  type PurgePreview,
  RETENTION_KINDS,
  RETENTION_KIND_NAMES,
  type RetentionKind,
  type RetentionPolicy,
  type RetentionSettings,
  type RetentionUpdate,
  type StandDown,
  type StandDownCreate,
} from '../../../shared/retention.ts';
import { ancestorIdAt, pathIds } from '../../../shared/region-path.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { regionForScope } from '../regions/regions.service.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { countyRoots, regionNames } from '../regions/regions.queries.ts';
import { keptDays, planPurge, previewCounts, purgeFromOf } from './purge-plan.ts';
import * as q from './retention.queries.ts';

const KIND_WORDS: Record<RetentionKind, string> = {
  arrivals: 'arrival self-registrations',
  quarantine: 'quarantine orders and their health checks',
  verification: 'verification lists and their tasks',
  enterprise_workers: "enterprises' worker lists",
  handovers: 'hand-overs',
  responsible_contacts: 'responsible people who are contacts',
  volunteer_contacts: "volunteers' contacts",
  tip_reporters: "tips' reporter phones and photos",
  field_photos: 'patrol and inspection photos',
  import_files: 'import uploads and refused-row files',
  family_events: 'family events',
};

/** The caller's county: retention is the county's to set, so only an account bound to a county root may. */
export function countyOf(actor: Actor): number {
  const ids = pathIds(actor.regionPath);
  if (ids.length !== 1 || ancestorIdAt(actor.regionPath, 'county') === null) {
    throw new AppError('FORBIDDEN', 'Retention is set by the county: an account of the county itself may do this');
  }
  return ids[0] as number;
}

export async function readPolicies(db: Db, countyId: number): Promise<RetentionPolicy[]> {
  return policiesOf(await q.storedPolicies(db, countyId));
}

function policiesOf(stored: ReadonlyMap<string, number>): RetentionPolicy[] {
  return RETENTION_KIND_NAMES.map((kind) => {
    const rule = RETENTION_KINDS[kind];
    return { kind, days: keptDays(stored, kind), defaultDays: rule.defaultDays, minimumDays: rule.minimumDays, closes: rule.closes, action: rule.action, epidemicOnly: rule.epidemicOnly };
  });
}

/** The audit log's retention as the county sees it; `installationDays` is GRIDGUARD_AUDIT_RETENTION_DAYS. */
function auditRetentionOf(stored: ReadonlyMap<string, number>, installationDays: number): AuditRetention {
  const own = stored.get(AUDIT_LOG_RETENTION);
  return { days: own ?? installationDays, defaultDays: installationDays, minimumDays: auditMinimum(stored), setByCounty: own !== undefined };
}

/** The audit log outlives the data it records: at least the legal minimum and the longest of the county's kinds. */
function auditMinimum(stored: ReadonlyMap<string, number>): number {
  return Math.max(AUDIT_RETENTION_MINIMUM_DAYS, ...RETENTION_KIND_NAMES.map((kind) => keptDays(stored, kind)));
}

export async function readSettings(db: Db, countyId: number, installationAuditDays: number): Promise<RetentionSettings> {
  const stored = await q.storedPolicies(db, countyId);
  return { policies: policiesOf(stored), audit: auditRetentionOf(stored, installationAuditDays) };
}

/**
 * Sets some kinds' days and/or the audit log's; refused whole (nothing saved) when any goes below
 * its legal minimum, or when the audit log would be kept shorter than any kind of the data.
 */
export async function updateSettings(tx: Db, ctx: AuditContext, countyId: number, installationAuditDays: number, update: RetentionUpdate): Promise<RetentionSettings> {
  const entries = Object.entries(update.days ?? {}) as [RetentionKind, number][];
  for (const [kind, days] of entries) {
    const { minimumDays } = RETENTION_KINDS[kind];
    if (days < minimumDays) {
      throw unprocessable(`days.${kind}`, `${KIND_WORDS[kind]} must be kept at least ${minimumDays} days (the legal minimum); ${days} is shorter`);
    }
  }
  const before = await q.storedPolicies(tx, countyId);
  const after = new Map<string, number>([...before, ...entries]);
  if (update.auditDays !== undefined) after.set(AUDIT_LOG_RETENTION, update.auditDays);
  checkAuditOutlivesData(after, installationAuditDays, update.auditDays !== undefined);

  const at = nowIso();
  const changed: Record<string, { from: number; to: number }> = {};
  const store = async (kind: RetentionKind | typeof AUDIT_LOG_RETENTION, from: number, days: number) => {
    await q.storePolicy(tx, { county_id: countyId, kind, days, updated_by: ctx.userId, updated_at: at });
    if (from !== days) changed[kind] = { from, to: days };
  };
  for (const [kind, days] of entries) await store(kind, keptDays(before, kind), days);
  if (update.auditDays !== undefined) await store(AUDIT_LOG_RETENTION, before.get(AUDIT_LOG_RETENTION) ?? installationAuditDays, update.auditDays);
  await audit(tx, ctx, { action: 'update', entity: 'retention', entityId: countyId, regionId: countyId, details: { changed } });
  return readSettings(tx, countyId, installationAuditDays);
}

function checkAuditOutlivesData(after: ReadonlyMap<string, number>, installationAuditDays: number, auditGiven: boolean): void {
  const auditDays = after.get(AUDIT_LOG_RETENTION) ?? installationAuditDays;
  if (auditGiven && auditDays < AUDIT_RETENTION_MINIMUM_DAYS) {
    throw unprocessable(
      'auditDays',
      `the audit log must be kept at least ${AUDIT_RETENTION_MINIMUM_DAYS} days (the legal minimum: the Cybersecurity Law asks for six months of logs, and a year of access requests must find their reads); ${auditDays} is shorter`,
    );
  }
  const longest = RETENTION_KIND_NAMES.map((kind) => ({ kind, days: keptDays(after, kind) })).reduce((a, b) => (b.days > a.days ? b : a));
  if (longest.days > auditDays) {
    // Name what the caller changed: the audit log's days, or the kind that would outlive it.
    const field = auditGiven ? 'auditDays' : `days.${longest.kind}`;
    throw unprocessable(field, `the audit log (kept ${auditDays} days) must outlive the data it records: ${KIND_WORDS[longest.kind]} would be kept ${longest.days} days; who read them would be gone first`);
  }
}

/**
 * The audit retention in force for the whole log (one chain for every county): the longest any
 * county asks for, a county that set none asking for the installation's default.
 */
export async function auditRetentionInForce(db: Db, installationDays: number): Promise<number> {
  const [counties, stored] = await Promise.all([countyRoots(db), q.storedOfKind(db, AUDIT_LOG_RETENTION)]);
  const asked = stored.map((r) => r.days);
  if (stored.length < counties.length || asked.length === 0) asked.push(installationDays);
  return Math.max(...asked);
}

export async function purgePreview(db: Db, countyId: number, timeZone: string, now = new Date()): Promise<PurgePreview> {
  const [plan] = await planPurge(db, now, timeZone, countyId);
  if (!plan) return { asOf: now.toISOString(), rows: [], total: 0 };
  const counts = await previewCounts(db, plan);
  const rows = [...counts].map(([key, count]) => {
    const [kind, id] = key.split('\u0000') as [PurgeKind, string];
    const regionId = Number(id);
    return { kind, regionId, regionName: plan.names.get(regionId) ?? String(regionId), count };
  });
  rows.sort((a, b) => PURGE_KIND_NAMES.indexOf(a.kind) - PURGE_KIND_NAMES.indexOf(b.kind) || a.regionId - b.regionId);
  return { asOf: now.toISOString(), rows, total: rows.reduce((s, r) => s + r.count, 0) };
}

async function standDownAnswers(db: Db, rows: readonly q.StandDownRow[]): Promise<StandDown[]> {
  const names = await regionNames(
    db,
    rows.map((r) => r.region_id),
  );
  return rows.map((r) => ({
    id: r.id,
    regionId: r.region_id,
    regionName: names.get(r.region_id) ?? String(r.region_id),
    endedOn: String(r.ended_on).slice(0, 10),
    purgeAfterDays: r.purge_after_days,
    purgeFrom: purgeFromOf(r),
    register: r.register,
    createdAt: new Date(r.created_at).toISOString(),
    purgedAt: r.purged_at ? new Date(r.purged_at).toISOString() : null,
  }));
}

/** Records a stand-down for a region of the caller's subtree (the scope hook checked it). 409 while one stands there. */
export async function recordStandDown(tx: Db, ctx: AuditContext, region: ScopedRegion, input: StandDownCreate): Promise<StandDown> {
  const row = {
    id: newId(),
    region_id: region.id,
    ended_on: input.endedOn,
    purge_after_days: input.purgeAfterDays,
    register: input.register,
    created_by: ctx.userId,
    created_at: nowIso(),
    revoked_by: null,
    revoked_at: null,
    purged_at: null,
  };
  try {
    await q.insertStandDown(tx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'regionId: a stand-down is already recorded for this region: revoke it first to record another date');
    throw err;
  }
  await audit(tx, ctx, { action: 'create', entity: 'stand_down', entityId: row.id, regionId: region.id, details: { endedOn: input.endedOn, purgeAfterDays: input.purgeAfterDays, register: input.register } });
  const [answer] = await standDownAnswers(tx, [row]);
  return answer as StandDown;
}

/** Revokes a stand-down until its purge has run; 409 after. */
export async function revokeStandDown(tx: Db, ctx: AuditContext, id: string): Promise<void> {
  const row = await q.findStandDown(tx, id);
  if (!row || row.revoked_at) throw notFound('stand-down');
  if (row.purged_at || !(await q.revokeStandDown(tx, id, ctx.userId ?? 'system', nowIso()))) {
    throw new AppError('CONFLICT', 'This stand-down can no longer be revoked: its purge has run and the personal data is gone');
  }
  await audit(tx, ctx, { action: 'revoke', entity: 'stand_down', entityId: id, regionId: row.region_id });
}

/** Standing stand-downs that cover a region: its own, its ancestors' and its subtree's. */
export async function standDownsAround(db: Db, region: ScopedRegion): Promise<StandDown[]> {
  const ancestors = await q.standingOfRegions(
    db,
    pathIds(region.path).filter((id) => id !== region.id),
  );
  const below = await q.standingInSubtree(db, region.path);
  return standDownAnswers(db, [...ancestors, ...below]);
}

/** The region of a stand-down, for the scope hook (a stand-down outside the subtree is refused). */
export async function standDownForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await q.findStandDown(db, id);
  return row ? regionForScope(db, row.region_id) : null;
}

// The named people of grids and micro-grids (微网格长, 党员志愿者, 楼道长): contacts with a phone
// and duties, with or without a light account. Lists mask phones; the single read shows the
// phone in full and is audited. Coverage: the micro-grids of a subtree without a named person.
import { z } from 'zod';
import type { Volunteer, VolunteerCoverage, VolunteerCreate } from '../../../shared/responsibility.ts';
import { PublicTipCreate } from '../../../shared/tips.ts';
import { toBool } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import type { EventBus } from '../../platform/events.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { storePhone } from '../households/person-identity.ts';
import { findHousehold, personNamesById } from '../households/households.queries.ts';
import { ancestorIdAt } from '../../../shared/region-path.ts';
import { MAX_TIP_DESCRIPTION, MAX_TIP_PLACE } from '../../../shared/public-rules.ts';
import { checkFiling, fileTip, validationError } from '../tips/tip-filing.service.ts';
import { trackingHash } from '../tips/tracking-code.ts';
import { tipByTrackingHash } from '../tips/tips.queries.ts';
import { accountWithRegion } from '../accounts/accounts.queries.ts';
import { regionFields, regionNames, regionsInSubtree, subtreeRegionIds } from '../regions/regions.queries.ts';
import type { RegionVolunteerRow } from './responsibility.tables.ts';

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  crypto: FieldCrypto;
}

const VOLUNTEER_LEVELS = ['grid', 'microgrid'];

const toVolunteer = (row: RegionVolunteerRow, regionName: string, phone: string | null): Volunteer => ({
  id: row.id,
  regionId: row.region_id,
  regionName,
  kind: row.kind,
  name: row.name,
  phone,
  duties: row.duties,
  userId: row.user_id,
  createdAt: row.created_at,
});

const activeVolunteers = (db: Db) => db.selectFrom('region_volunteers').selectAll().where('ended_at', 'is', null);
const regionNameOf = async (db: Db, regionId: number) => (await regionFields(db, regionId, ['name']))?.name ?? '';

export async function volunteerForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db.selectFrom('region_volunteers').select('region_id').where('id', '=', id).executeTakeFirst();
  return row ? ((await regionFields(db, row.region_id, ['id', 'path', 'level'])) ?? null) : null;
}

export async function listVolunteers(db: Db, region: ScopedRegion): Promise<{ items: Volunteer[]; nextCursor: null }> {
  const rows = await activeVolunteers(db).where('region_id', 'in', subtreeRegionIds(db, region.path)).orderBy('region_id').orderBy('created_at').limit(2000).execute();
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_id))]);
  return { items: rows.map((row) => toVolunteer(row, names.get(row.region_id) ?? '', row.phone_masked)), nextCursor: null };
}

export async function readVolunteer(db: Db, ctx: AuditContext, crypto: FieldCrypto, id: string): Promise<Volunteer> {
  const row = await activeVolunteers(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('volunteer');
  await audit(db, ctx, { action: 'read', entity: 'volunteer', entityId: id, regionId: row.region_id });
  return toVolunteer(row, await regionNameOf(db, row.region_id), row.phone_enc ? crypto.decrypt(row.phone_enc) : null);
}

export async function addVolunteer(tx: Db, deps: Deps, region: ScopedRegion, input: VolunteerCreate): Promise<Volunteer> {
  if (!VOLUNTEER_LEVELS.includes(region.level)) throw unprocessable('regionId', 'must be a grid or micro-grid');
  if (input.userId) {
    // The light account must be a volunteer's bound to this very region.
    const account = await accountWithRegion(tx, input.userId);
    if (!account || account.role !== 'volunteer' || account.region_path !== region.path || !toBool(account.active)) {
      throw unprocessable('userId', 'not an active volunteer account of this region');
    }
  }
  const phone = storePhone(deps.crypto, input.phone, 'phone');
  const id = newId();
  await tx
    .insertInto('region_volunteers')
    .values({ id, region_id: region.id, kind: input.kind, name: input.name, phone_enc: phone.enc, phone_hash: phone.hash, phone_masked: phone.masked, duties: input.duties?.trim() || null, user_id: input.userId ?? null, created_by: deps.actor.userId, created_at: nowIso(), ended_at: null })
    .execute();
  await audit(tx, deps.ctx, { action: 'create', entity: 'volunteer', entityId: id, regionId: region.id, details: { kind: input.kind } });
  const row = await activeVolunteers(tx).where('id', '=', id).executeTakeFirstOrThrow();
  return toVolunteer(row, await regionNameOf(tx, region.id), row.phone_masked);
}

export async function endVolunteer(tx: Db, deps: Deps, id: string): Promise<{ id: string; endedAt: string }> {
  const row = await tx.selectFrom('region_volunteers').select(['region_id', 'ended_at']).where('id', '=', id).executeTakeFirst();
  if (!row || row.ended_at) throw notFound('volunteer');
  const endedAt = nowIso();
  await tx.updateTable('region_volunteers').set({ ended_at: endedAt }).where('id', '=', id).execute();
  await audit(tx, deps.ctx, { action: 'end', entity: 'volunteer', entityId: id, regionId: row.region_id });
  return { id, endedAt };
}

/** The micro-grids of a subtree and those without a named person (the grid page and the dashboard show it). */
export async function volunteerCoverage(db: Db, region: ScopedRegion): Promise<VolunteerCoverage> {
  const microgrids = (await regionsInSubtree(db, region.path, ['id', 'name', 'parent_id', 'path'], { level: 'microgrid', activeOnly: true })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const named = new Set((await activeVolunteers(db).where('region_id', 'in', subtreeRegionIds(db, region.path)).execute()).map((v) => v.region_id));
  const uncovered = microgrids.filter((m) => !named.has(m.id));
  const parents = await regionNames(db, [...new Set(uncovered.slice(0, 500).flatMap((m) => (m.parent_id === null ? [] : [m.parent_id])))]);
  return {
    microgrids: microgrids.length,
    covered: microgrids.length - uncovered.length,
    uncovered: uncovered.slice(0, 500).map((m) => ({ regionId: m.id, name: m.name, parentName: m.parent_id === null ? null : (parents.get(m.parent_id) ?? null) })),
  };
}

export const FindingCreate = z.strictObject({
  category: PublicTipCreate.shape.category,
  description: PublicTipCreate.shape.description,
  place: PublicTipCreate.shape.place,
});
export type FindingCreate = z.infer<typeof FindingCreate>;

/**
 * 发现问题: a volunteer's report goes into the staff tips inbox of the grid above its
 * micro-grid, as a tip would, without a phone (the staff know who filed it from the audit log).
 */
export async function fileFinding(tx: Db, deps: FindingDeps, input: FindingCreate): Promise<{ number: string }> {
  return fileIntoGridInbox(tx, deps, input, 'file_finding');
}

type FindingDeps = Deps & { events: EventBus; timeZone: string };

async function fileIntoGridInbox(tx: Db, deps: FindingDeps, input: FindingCreate, action: string, details?: Record<string, unknown>): Promise<{ number: string }> {
  const grid = ancestorIdAt(deps.actor.regionPath, 'grid');
  const parsed = PublicTipCreate.safeParse({ ...input, regionId: grid, anonymous: true });
  if (!parsed.success) throw validationError(parsed.error);
  const filing = await checkFiling(tx, parsed.data);
  const { trackingCode } = await fileTip(tx, { crypto: deps.crypto, events: deps.events, sourceHash: deps.crypto.index(`volunteer:${deps.actor.userId}`), timeZone: deps.timeZone }, filing, []);
  const tip = await tipByTrackingHash(tx, trackingHash(deps.crypto, trackingCode));
  if (!tip) throw new Error('the finding’s tip was not written');
  await audit(tx, deps.ctx, { action, entity: 'tip', entityId: tip.id, regionId: filing.region.id, ...(details ? { details } : {}) });
  return { number: tip.number };
}

/** How many names a leaving report spells out before "等 N 人". */
const NAMES_IN_REPORT = 10;

/**
 * A volunteer's visit found people gone (marked left, or the household moved out): a volunteer
 * may not end anyone's stay, so nothing about the people changes. The report goes into the grid's
 * staff inbox, and the grid's staff check it and either hand the person over (移交, to a grid of
 * this installation) or record the departure (离开辖区) — the flows that keep the history.
 */
export async function reportLeaving(tx: Db, deps: FindingDeps, visit: { householdId: string; outcome: string; leftPersonIds: readonly string[]; note?: string }): Promise<{ number: string } | null> {
  if (visit.leftPersonIds.length === 0 && visit.outcome !== 'moved_out') return null;
  const household = await findHousehold(tx, visit.householdId);
  if (!household) throw notFound('household');
  const names = visit.leftPersonIds.length ? [...(await personNamesById(tx, visit.leftPersonIds)).values()] : [];
  const who = names.length === 0
    ? '全户'
    : names.length > NAMES_IN_REPORT ? `${names.slice(0, NAMES_IN_REPORT).join('、')}等 ${names.length} 人` : names.join('、');
  const where = visit.note?.trim() ? `志愿者备注：${visit.note.trim()}。` : '';
  const description = `【志愿者走访·人员离开】${household.address}：${who}已离开。${where}请网格核实：去往本平台其他网格的办理移交，去往平台外的登记离开辖区。`;
  return fileIntoGridInbox(
    tx,
    deps,
    { category: 'other', description: description.slice(0, MAX_TIP_DESCRIPTION), place: household.address.slice(0, MAX_TIP_PLACE) },
    'report_leaving',
    { householdId: household.id, reportedLeft: visit.leftPersonIds.length, outcome: visit.outcome },
  );
}

// Rectification tasks (整改): each finding of an inspection becomes one, owned by the village's
// secretary unless the inspector names someone, due at the end of its deadline day (county
// time). Overdue tasks climb a level at a time (village → town → county, inspections.jobs.ts).
// Closing needs what was done and at least one photo of it; the owner or an account above the
// task's current level may close it.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { FindingInput, Rectification, RectificationClose } from '../../../shared/inspections.ts';
import { RECTIFIERS } from '../../../shared/inspections.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, toBool } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, inSubtree, subtreeRange } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { numberPattern, takeNumber } from '../../platform/record-numbers.ts';
import { addDays } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { bumpCounters } from '../stats/counters.ts';
import * as q from './inspections.queries.ts';

export const DEFAULT_DEADLINE_DAYS = 3;

const notFoundTask = () => new AppError('NOT_FOUND', 'rectification task not found');

/** The instant a deadline day ends in the county: the task is overdue from then on. */
export const dueAtOf = (deadline: string, timeZone: string) => zonedInstant(addDays(deadline, 1), '00:00', timeZone).toISOString();

export function toRectification(row: q.RectificationRow, photos: string[], now: Date = new Date()): Rectification {
  return {
    id: row.id,
    number: row.number,
    inspectionId: row.inspection_id,
    findingId: row.finding_id,
    item: row.item as Rectification['item'],
    description: row.description,
    regionId: row.region_id,
    regionName: row.region_name,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name ?? null,
    deadline: String(row.deadline).slice(0, 10),
    status: row.status,
    overdue: row.status === 'open' && new Date(row.due_at).getTime() < now.getTime(),
    escalationLevel: Number(row.escalation_level),
    escalatedToRegionId: row.escalated_to_region_id,
    escalatedToRegionName: row.escalated_name ?? null,
    escalatedAt: row.escalated_at,
    evidenceText: row.evidence_text,
    evidencePhotos: photos,
    closedAt: row.closed_at,
    closedBy: row.closed_by_name ?? null,
    createdAt: row.created_at,
  };
}

/** The village's secretary (the longest-serving active one), the default owner of its tasks. */
async function villageSecretary(db: Db, villageId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').where('region_id', '=', villageId).where('role', '=', 'village_secretary').where('active', '=', DB_TRUE).orderBy('created_at').orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

/** An owner must be an active account that can close tasks, in the village or above it. */
async function checkOwner(db: Db, villagePath: string, userId: string, path: string): Promise<void> {
  const user = await q.findUser(db, userId);
  const onLine = user && (inSubtree(villagePath, user.region_path) || inSubtree(user.region_path, villagePath));
  if (!user || !onLine || !toBool(user.active) || !RECTIFIERS.includes(user.role as Actor['role'])) {
    throw unprocessable(path, 'must be an active staff account of the village or above it');
  }
}

/** Creates the tasks of an inspection's findings (in its transaction); returns how many. */
export async function createTasks(
  tx: Db,
  deps: { ctx: AuditContext; actor: Actor; timeZone: string },
  input: { inspectionId: string; village: { id: number; path: string }; findings: FindingInput[]; today: string },
): Promise<number> {
  if (input.findings.length === 0) return 0;
  let secretary: string | null | undefined;
  const stamp = nowIso();
  for (const [seq, finding] of input.findings.entries()) {
    let owner = finding.ownerUserId ?? null;
    if (owner) await checkOwner(tx, input.village.path, owner, `findings.${seq}.ownerUserId`);
    else {
      secretary ??= await villageSecretary(tx, input.village.id);
      owner = secretary;
      if (!owner) throw unprocessable(`findings.${seq}.ownerUserId`, 'the village has no active secretary: name the owner');
    }
    const deadline = finding.deadline ?? addDays(input.today, DEFAULT_DEADLINE_DAYS);
    if (deadline < input.today) throw unprocessable(`findings.${seq}.deadline`, 'cannot be in the past');
    const findingId = newId();
    const taskId = newId();
    await tx.insertInto('inspection_findings').values({ id: findingId, inspection_id: input.inspectionId, item: finding.item, description: finding.description, seq, rectification_id: taskId }).execute();
    await tx
      .insertInto('rectifications')
      .values({
        id: taskId,
        number: await takeNumber(tx, 'rectification', deps.timeZone),
        inspection_id: input.inspectionId,
        finding_id: findingId,
        item: finding.item,
        description: finding.description,
        region_id: input.village.id,
        owner_user_id: owner,
        deadline,
        due_at: dueAtOf(deadline, deps.timeZone),
        status: 'open',
        escalation_level: 0,
        escalated_to_region_id: null,
        escalated_at: null,
        evidence_text: null,
        closed_at: null,
        closed_by: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await audit(tx, deps.ctx, { action: 'create', entity: 'rectification', entityId: taskId, regionId: input.village.id, details: { inspectionId: input.inspectionId, item: finding.item, deadline } });
  }
  return input.findings.length;
}

/** A task is visible in the viewer's subtree (its village), and always to its owner. */
const canSee = (viewer: q.Viewer, row: q.RectificationRow) => inSubtree(viewer.path, row.region_path) || row.owner_user_id === viewer.userId;

export async function getRectification(db: Db, viewer: q.Viewer, ctx: AuditContext | null, id: string): Promise<Rectification> {
  const row = UUID_RE.test(id) ? await q.findRectification(db, id) : undefined;
  if (!row || !canSee(viewer, row)) throw notFoundTask();
  if (ctx) await audit(db, ctx, { action: 'read', entity: 'rectification', entityId: id, regionId: row.region_id });
  return toRectification(row, (await q.photosOf(db, [id])).get(id) ?? []);
}

type RectificationListQuery = { q?: string; regionId?: number; status?: 'open' | 'closed'; overdue?: 'true' | 'false'; ownerUserId?: string; limit: number; cursor?: string };

/** The tasks a list's filters match (`rows`, for the total) and its page newest first (`page`, ids are UUIDv7). */
export function rectificationsPage(db: Db, viewer: q.Viewer, scopePath: string, query: RectificationListQuery, now = new Date()) {
  const [lo, hi] = subtreeRange(scopePath);
  let rows = q.rectificationRows(db);
  // With ?regionId= a subtree's tasks are its level column's index range (platform/region-levels.ts).
  rows =
    query.regionId === undefined
      ? rows.where((eb) => eb.or([eb.and([eb('r.path', '>=', lo), eb('r.path', '<', hi)]), eb('k.owner_user_id', '=', viewer.userId)]))
      : rows.where(q.inLevelledSubtree(db, scopePath, 'k'));
  const numbered = numberPattern(query.q);
  if (numbered) rows = rows.where('k.number', 'like', numbered);
  if (query.status) rows = rows.where('k.status', '=', query.status);
  if (query.ownerUserId) rows = rows.where('k.owner_user_id', '=', query.ownerUserId);
  if (query.overdue === 'true') rows = rows.where('k.status', '=', 'open').where('k.due_at', '<', now.toISOString());
  if (query.overdue === 'false') rows = rows.where((eb) => eb.or([eb('k.status', '<>', 'open'), eb('k.due_at', '>=', now.toISOString())]));
  const after = decodeCursor(query.cursor);
  const page = (after === undefined ? rows : rows.where('k.id', '<', String(after))).orderBy('k.id', 'desc').limit(query.limit + 1);
  return { rows, page };
}

export async function listRectifications(db: Db, viewer: q.Viewer, scope: ScopedRegion, query: RectificationListQuery) {
  const now = new Date();
  const { rows, page: pageQuery } = rectificationsPage(db, viewer, scope.path, query, now);
  const [found, total] = await Promise.all([pageQuery.execute(), totalOnFirstPage(db, query.cursor, rows)]);
  const photos = await q.photosOf(db, found.slice(0, query.limit).map((r) => r.id));
  return { ...page(found, query.limit, (r) => r.id, (r) => toRectification(r, photos.get(r.id) ?? [], now)), total };
}

export async function closeRectification(tx: Db, deps: { ctx: AuditContext; events: EventBus; actor: Actor }, id: string, input: RectificationClose): Promise<Rectification> {
  const viewer: q.Viewer = { userId: deps.actor.userId, role: deps.actor.role, path: deps.actor.regionPath };
  const row = UUID_RE.test(id) ? await q.findRectification(tx, id) : undefined;
  if (!row || !canSee(viewer, row)) throw notFoundTask();
  // The owner, or an account whose region holds the level the task has climbed to.
  const answerablePath = row.escalated_path ?? row.region_path;
  if (row.owner_user_id !== deps.actor.userId && !inSubtree(deps.actor.regionPath, answerablePath)) {
    throw new AppError('FORBIDDEN', 'only the owner or an officer at or above the task’s current level may close it');
  }
  if (row.status !== 'open') throw new AppError('CONFLICT', 'the task is already closed');
  const photos = [...new Set(input.photos)];
  if (photos.length !== input.photos.length) {
    const at = input.photos.findIndex((p, i) => input.photos.indexOf(p) !== i);
    throw unprocessable(`photos.${at}`, 'the same photo twice');
  }
  const stored = await q.existingPhotos(tx, photos);
  const missing = photos.findIndex((p) => !stored.has(p));
  if (missing >= 0) throw unprocessable(`photos.${missing}`, 'no uploaded photo with this digest');
  const now = nowIso();
  const res = await tx
    .updateTable('rectifications')
    .set({ status: 'closed', evidence_text: input.evidenceText, closed_at: now, closed_by: deps.actor.userId, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'the task is already closed');
  await tx.insertInto('rectification_photos').values(photos.map((sha256, seq) => ({ rectification_id: id, sha256, seq }))).execute();
  await bumpCounters(tx, row.region_path, { [q.METRICS.rectificationsOpen]: -1 });
  await audit(tx, deps.ctx, { action: 'close', entity: 'rectification', entityId: id, regionId: row.region_id, details: { photos: photos.length } });
  afterCommit(tx, () => deps.events.publish({ type: 'rectification.changed', regionPath: answerablePath, data: { id, status: 'closed' } }));
  return getRectification(tx, viewer, null, id);
}

export async function readEvidencePhoto(db: Db, viewer: q.Viewer, sha256: string) {
  const photo = /^[0-9a-f]{64}$/.test(sha256) ? await q.evidencePhoto(db, viewer, sha256) : null;
  if (!photo) throw new AppError('NOT_FOUND', 'photo not found');
  return photo;
}

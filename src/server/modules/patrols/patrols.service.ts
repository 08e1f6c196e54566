// Patrol logs (巡查劝导日志): a persuasion patrol's day — gatherings dispersed, people sent home,
// mask reminders, banquets found — with photos. A log is written once (a resend with the same
// id answers with it), bumps the day counters of its region in the same transaction, and is
// announced to live views after the commit.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { PatrolDaily, PatrolLog, PatrolLogCreate } from '../../../shared/patrol-logs.ts';
import { MAX_DAILY_SPAN } from '../../../shared/patrol-logs.ts';
import type { Db } from '../../db/schema.ts';
import { type ScopedRegion, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { bumpDayCounters, readDayCounters } from '../stats/counters.ts';
import type { PatrolLogsTable } from './patrols.tables.ts';
import * as q from './patrols.queries.ts';
import { photoBytes } from '../../platform/photo-store.ts';

/** A log sits in its team's town or village, or in a village below a town team. */
const LOG_LEVELS = ['town', 'village'];


export function toPatrolLog(row: q.LogRow, photos: string[]): PatrolLog {
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    regionId: row.region_id,
    regionName: row.region_name,
    patrolledOn: String(row.patrolled_on).slice(0, 10),
    startedAt: row.started_at,
    endedAt: row.ended_at,
    gatheringsDispersed: Number(row.gatherings_dispersed),
    peopleDispersed: Number(row.people_dispersed),
    maskReminders: Number(row.mask_reminders),
    banquetsFound: Number(row.banquets_found),
    places: row.places,
    note: row.note,
    photos,
    createdBy: row.created_by_name ?? null,
    createdAt: row.created_at,
  };
}

export async function patrolLogForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('patrol_logs as l')
    .innerJoin('regions as r', 'r.id', 'l.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function getPatrolLog(db: Db, id: string): Promise<PatrolLog> {
  const row = await q.findLog(db, id);
  if (!row) throw notFound('patrol log');
  return toPatrolLog(row, (await q.photosOf(db, [id])).get(id) ?? []);
}

/** A resend of the same log (same id, same content) is the same log. */
function sameLog(row: q.LogRow, photos: string[], input: PatrolLogCreate, regionId: number): boolean {
  const a = toPatrolLog(row, photos);
  return (
    a.teamId === input.teamId &&
    a.regionId === regionId &&
    a.patrolledOn === input.patrolledOn &&
    a.gatheringsDispersed === input.gatheringsDispersed &&
    a.peopleDispersed === input.peopleDispersed &&
    a.maskReminders === input.maskReminders &&
    a.banquetsFound === input.banquetsFound &&
    (a.places ?? '') === (input.places ?? '') &&
    (a.note ?? '') === (input.note ?? '') &&
    a.photos.join(',') === input.photos.join(',')
  );
}

const iso = (at: string | undefined) => (at === undefined ? null : new Date(at).toISOString());

export async function createPatrolLog(
  tx: Db,
  deps: { ctx: AuditContext; events: EventBus; userId: string; timeZone: string },
  input: PatrolLogCreate,
): Promise<PatrolLog> {
  const team = await q.findTeam(tx, input.teamId);
  if (!team) throw new AppError('NOT_FOUND', 'teamId: patrol team not found', [{ path: 'teamId', message: 'not found' }]);
  const regionId = input.regionId ?? team.region_id;
  const region = await q.findRegion(tx, regionId);
  if (!region) throw new AppError('NOT_FOUND', `regionId: no region ${regionId}`, [{ path: 'regionId', message: 'no such region' }]);
  if (!inSubtree(team.region_path, region.path) || !LOG_LEVELS.includes(region.level)) {
    throw unprocessable('regionId', "must be the team's region or a village below it");
  }
  const today = dayIn(deps.timeZone);
  if (input.patrolledOn > today) throw unprocessable('patrolledOn', 'cannot be in the future');
  const startedAt = iso(input.startedAt);
  const endedAt = iso(input.endedAt);
  if (startedAt && endedAt && endedAt < startedAt) throw unprocessable('endedAt', 'cannot be before startedAt');
  const photos = [...new Set(input.photos)];
  if (photos.length !== input.photos.length) {
    const at = input.photos.findIndex((p, i) => input.photos.indexOf(p) !== i);
    throw unprocessable(`photos.${at}`, 'the same photo twice');
  }

  const id = input.id ?? newId();
  // Checked before the insert: a failed insert would abort a PostgreSQL transaction.
  const existing = input.id ? await q.findLog(tx, id) : undefined;
  if (existing) {
    const existingPhotos = (await q.photosOf(tx, [id])).get(id) ?? [];
    if (sameLog(existing, existingPhotos, input, regionId)) return toPatrolLog(existing, existingPhotos);
    throw new AppError('CONFLICT', 'id: a patrol log with this id exists', [{ path: 'id', message: 'already exists' }]);
  }
  const stored = await q.existingPhotos(tx, photos);
  const missing = photos.findIndex((p) => !stored.has(p));
  if (missing >= 0) throw unprocessable(`photos.${missing}`, 'no uploaded photo with this digest');

  const row: PatrolLogsTable = {
    id,
    team_id: team.id,
    region_id: region.id,
    patrolled_on: input.patrolledOn,
    started_at: startedAt,
    ended_at: endedAt,
    gatherings_dispersed: input.gatheringsDispersed,
    people_dispersed: input.peopleDispersed,
    mask_reminders: input.maskReminders,
    banquets_found: input.banquetsFound,
    places: input.places || null,
    note: input.note || null,
    created_by: deps.userId,
    created_at: nowIso(),
  };
  await tx.insertInto('patrol_logs').values(row).execute();
  if (photos.length) await tx.insertInto('patrol_log_photos').values(photos.map((sha256, seq) => ({ log_id: id, sha256, seq }))).execute();
  await bumpDayCounters(tx, region.path, input.patrolledOn, {
    [q.METRICS.logs]: 1,
    [q.METRICS.gatheringsDispersed]: input.gatheringsDispersed,
    [q.METRICS.peopleDispersed]: input.peopleDispersed,
    [q.METRICS.maskReminders]: input.maskReminders,
    [q.METRICS.banquetsFound]: input.banquetsFound,
  });
  await audit(tx, deps.ctx, { action: 'create', entity: 'patrol_log', entityId: id, regionId: region.id, details: { teamId: team.id, patrolledOn: input.patrolledOn, photos: photos.length } });
  afterCommit(tx, () => deps.events.publish({ type: 'patrol_log.changed', regionPath: region.path, data: { id, patrolledOn: input.patrolledOn } }));
  return getPatrolLog(tx, id);
}

export async function listPatrolLogs(db: Db, scope: ScopedRegion, query: { teamId?: string; from?: string; to?: string; limit: number; cursor?: string }) {
  const raw = decodeCursor(query.cursor);
  let after: { day: string; id: string } | undefined;
  if (raw !== undefined) {
    const [day, id] = String(raw).split('|');
    if (!day || !id || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !UUID_RE.test(id)) {
      throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
    }
    after = { day, id };
  }
  const filters = { teamId: query.teamId, from: query.from, to: query.to };
  const [rows, total] = await Promise.all([q.listLogs(db, scope.path, { ...filters, after, limit: query.limit }), totalOnFirstPage(db, query.cursor, q.logsCounted(db, scope.path, filters))]);
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  const photos = await q.photosOf(db, pageRows.map((r) => r.id));
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((r) => toPatrolLog(r, photos.get(r.id) ?? [])),
    nextCursor: more && last ? encodeCursor(`${String(last.patrolled_on).slice(0, 10)}|${last.id}`) : null,
    total,
  };
}

/** Per-day totals of a region's subtree from the day counters (14 days up to today by default). */
export async function patrolDaily(db: Db, scope: ScopedRegion, timeZone: string, query: { from?: string; to?: string }): Promise<PatrolDaily> {
  const to = query.to ?? dayIn(timeZone);
  const from = query.from ?? addDays(to, -13);
  if (from > to) throw unprocessable('from', 'must not be after to');
  if (addDays(from, MAX_DAILY_SPAN - 1) < to) throw unprocessable('from', `at most ${MAX_DAILY_SPAN} days at once`);
  const counters = (await readDayCounters(db, [scope.id], from, to)).get(scope.id) ?? new Map<string, Record<string, number>>();
  const days = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const bag = counters.get(day) ?? {};
    days.push({
      day,
      logs: bag[q.METRICS.logs] ?? 0,
      gatheringsDispersed: bag[q.METRICS.gatheringsDispersed] ?? 0,
      peopleDispersed: bag[q.METRICS.peopleDispersed] ?? 0,
      maskReminders: bag[q.METRICS.maskReminders] ?? 0,
      banquetsFound: bag[q.METRICS.banquetsFound] ?? 0,
    });
  }
  return { regionId: scope.id, from, to, days };
}

export { photoDigest as sha256Of, storeUploadedPhoto as storePhoto } from '../../platform/photo-store.ts';

export async function readPhoto(db: Db, scope: ScopedRegion, sha256: string) {
  const photo = (await q.photoShownInSubtree(db, scope.path, sha256)) ? await photoBytes(db, sha256) : null;
  if (!photo) throw notFound('photo');
  return photo;
}

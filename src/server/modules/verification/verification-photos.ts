// Photos of a verification task's check, taken at the door: kept in the platform's photo store
// (re-encoded as a clean JPEG, once per content) and linked to the task with who took them. They
// come as a JPEG/PNG/WebP data URL in JSON, so the phone app queues them in its outbox like any
// other change and sends them when there is signal; the same photo twice links once.
import { z } from 'zod';
import { MAX_PATROL_PHOTO_BYTES } from '../../../shared/patrol-logs.ts';
import type { Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { sanitizePhoto } from '../../platform/photo-sanitize.ts';
import { keepPhoto, photoBytes, type StoredPhoto } from '../../platform/photo-store.ts';
import * as q from './verification.queries.ts';

export interface VerificationTaskPhotosTable {
  task_id: string;
  sha256: string;
  created_by: string;
  created_at: string;
}

/** A check needs a few photos (the door, the person's paper), not an album. */
export const MAX_TASK_PHOTOS = 6;
const DATA_URL = /^data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/]+={0,2})$/;
/** The base64 of a photo of at most 5 MB, and the JSON around it. */
export const TASK_PHOTO_BODY_LIMIT = Math.ceil((MAX_PATROL_PHOTO_BYTES * 4) / 3) + 1024;

export const TaskPhotoUpload = z.strictObject({
  dataUrl: z.string().max(TASK_PHOTO_BODY_LIMIT).meta({ description: 'data:image/jpeg|png|webp;base64,… of at most 5 MB' }),
});
export const TaskPhoto = z.object({ sha256: z.string(), createdAt: z.string(), size: z.number().int().optional() }).meta({ id: 'VerificationTaskPhoto' });

/** The bytes of a data URL, refused with 422 naming `dataUrl` when it is not an image's. */
export function photoOfDataUrl(dataUrl: string): Buffer {
  const m = DATA_URL.exec(dataUrl);
  if (!m?.[2]) throw new AppError('VALIDATION_ERROR', 'dataUrl: not a JPEG, PNG or WebP data URL', [{ path: 'dataUrl', message: 'data:image/jpeg;base64,… expected' }]);
  const data = Buffer.from(m[2], 'base64');
  if (data.length === 0) throw new AppError('VALIDATION_ERROR', 'dataUrl: empty photo', [{ path: 'dataUrl', message: 'empty' }]);
  if (data.length > MAX_PATROL_PHOTO_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `dataUrl: a photo may be at most ${MAX_PATROL_PHOTO_BYTES / 1_048_576} MB`, [{ path: 'dataUrl', message: 'too large' }]);
  return data;
}

export async function cleanPhoto(dataUrl: string): Promise<StoredPhoto> {
  return sanitizePhoto(photoOfDataUrl(dataUrl), 'dataUrl');
}

export const taskPhotos = (db: Db, taskId: string) =>
  db.selectFrom('verification_task_photos').select(['sha256', 'created_at']).where('task_id', '=', taskId).orderBy('created_at').orderBy('sha256').execute();

/** Links the photo to the task (once), audited against the task's region. */
export async function addTaskPhoto(tx: Db, ctx: AuditContext, userId: string, taskId: string, photo: StoredPhoto) {
  const task = await q.findTask(tx, taskId);
  if (!task) throw notFound('verification task');
  // A no-op write on the task's row holds it until commit: two uploads at once count one after the other.
  await tx.updateTable('verification_tasks').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', taskId).execute();
  const at = nowIso();
  const sha256 = await keepPhoto(tx, photo, at);
  const linked = await taskPhotos(tx, taskId);
  if (!linked.some((p) => p.sha256 === sha256)) {
    if (linked.length >= MAX_TASK_PHOTOS) throw new AppError('CONFLICT', `a task keeps at most ${MAX_TASK_PHOTOS} photos`);
    await tx.insertInto('verification_task_photos').values({ task_id: taskId, sha256, created_by: userId, created_at: at }).execute();
    await audit(tx, ctx, { action: 'upload', entity: 'verification_task', entityId: taskId, regionId: task.region_id, details: { photo: sha256, bytes: photo.data.length } });
  }
  return { sha256, createdAt: new Date(at).toISOString(), size: photo.data.length };
}

/** A photo's bytes, only when it is linked to this task (the route checked the task's region). */
export async function taskPhotoBytes(db: Db, taskId: string, sha256: string): Promise<StoredPhoto> {
  const link = await db.selectFrom('verification_task_photos').select('sha256').where('task_id', '=', taskId).where('sha256', '=', sha256).executeTakeFirst();
  const photo = link ? await photoBytes(db, sha256) : null;
  if (!photo) throw notFound('photo');
  return photo;
}

/** Which of these photo digests a verification task still links (the retention purge keeps those photos). */
export const verificationPhotoLinks = async (db: Db, digests: readonly string[]): Promise<string[]> =>
  (await db.selectFrom('verification_task_photos').select('sha256').distinct().where('sha256', 'in', [...digests]).execute()).map((r) => r.sha256);

/** Which of these sealed upload refs a verification list still names (the orphan sweep keeps those files). */
export const verificationUploadLinks = async (db: Db, refs: readonly string[]): Promise<string[]> =>
  refs.length === 0 ? [] : (await db.selectFrom('verification_lists').select('upload_ref').where('upload_ref', 'in', [...refs]).execute()).flatMap((r) => (r.upload_ref ? [r.upload_ref] : []));

// The photo store: the photos of patrol logs, tips, rectifications and notices, addressed by
// their SHA-256 so the same bytes are kept once (the bytes photo-sanitize wrote, never an
// upload's own). It knows no module: each keeps its own links to the digests and decides who may
// see a photo before asking for its bytes here. Signed forms' files are the forms module's own.
import { createHash } from 'node:crypto';
import type { Db } from '../db/schema.ts';
import { type AuditContext, audit } from './audit.ts';
import { nowIso } from './ids.ts';

export interface StoredPhoto {
  contentType: string;
  data: Buffer;
}

export const photoDigest = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Keeps a photo once per content: the same bytes again insert nothing. Returns its digest. */
export async function keepPhoto(tx: Db, photo: StoredPhoto, at: string): Promise<string> {
  const sha256 = photoDigest(photo.data);
  await tx
    .insertInto('photos')
    .values({ sha256, content_type: photo.contentType, size: photo.data.length, data: photo.data, created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
}

/** Which of these digests the store holds (a record may name only photos already uploaded). */
export async function storedDigests(db: Db, digests: readonly string[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const rows = await db.selectFrom('photos').select('sha256').where('sha256', 'in', digests as string[]).execute();
  return new Set(rows.map((r) => r.sha256));
}

/** A photo's bytes, or null: call it only once the caller's module has said the reader may see it. */
export async function photoBytes(db: Db, sha256: string): Promise<StoredPhoto | null> {
  const row = await db.selectFrom('photos').select(['content_type', 'data']).where('sha256', '=', sha256).executeTakeFirst();
  return row ? { contentType: row.content_type, data: Buffer.from(row.data) } : null;
}

/**
 * Keeps a staff upload (already written again by photo-sanitize, so the same upload always
 * gives the same bytes) and audits it against the uploader's region.
 */
export async function storeUploadedPhoto(tx: Db, ctx: AuditContext, regionId: number, photo: StoredPhoto) {
  const sha256 = await keepPhoto(tx, photo, nowIso());
  await audit(tx, ctx, { action: 'upload', entity: 'patrol_photo', entityId: sha256, regionId, details: { bytes: photo.data.length, contentType: photo.contentType } });
  return { sha256, contentType: photo.contentType, size: photo.data.length };
}

/** Removes these photos' bytes: call it only for digests no record links any more (the retention purge checks every module's links). */
export async function deletePhotos(tx: Db, digests: readonly string[]): Promise<void> {
  if (digests.length > 0) await tx.deleteFrom('photos').where('sha256', 'in', [...digests]).execute();
}

/** Digests of photos stored before `before`, in digest order after `after`: the orphan sweep walks them. */
export const storedPhotosBefore = async (db: Db, before: string, after: string, limit: number): Promise<string[]> =>
  (await db.selectFrom('photos').select('sha256').where('created_at', '<', before).where('sha256', '>', after).orderBy('sha256').limit(limit).execute()).map((r) => r.sha256);

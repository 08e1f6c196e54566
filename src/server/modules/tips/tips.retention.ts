// Retention of tips' reporters: a tip closes when answered to the reporter (or evaluated); the
// purge keeps the tip (an official record of its handling, and its counts) and removes the
// reporter's phone and the photos. A reduced tip is never due again.
import type { Db } from '../../db/schema.ts';
import type { PhotoLinks, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('tips as t')
    .where(inLevelledSubtree(db, rootPath, 't'))
    .where('t.status', 'in', ['answered', 'evaluated'])
    .where((eb) => eb.or([eb('t.answered_at', '<', closedBefore), eb.and([eb('t.answered_at', 'is', null), eb('t.evaluated_at', '<', closedBefore)])]))
    .where((eb) => eb.or([eb('t.phone_enc', 'is not', null), eb('t.phone_hash', 'is not', null), eb('t.photo_count', '>', 0)]));

export const tipReportersRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['t.id', 't.region_id as regionId']).orderBy('t.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['t.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('t.region_id').execute()),
  async purge(tx, records) {
    const tipIds = ids(records);
    const photos = await tx.selectFrom('tip_photos').select('sha256').where('tip_id', 'in', tipIds).execute();
    await tx.deleteFrom('tip_photos').where('tip_id', 'in', tipIds).execute();
    await tx.updateTable('tips').set({ phone_enc: null, phone_hash: null, phone_masked: null, photo_count: 0 }).where('id', 'in', tipIds).execute();
    return { photos: photos.map((p) => p.sha256) };
  },
};

export const tipPhotoLinks: PhotoLinks = async (db, digests) =>
  (await db.selectFrom('tip_photos').select('sha256').distinct().where('sha256', 'in', [...digests]).execute()).map((r) => r.sha256);

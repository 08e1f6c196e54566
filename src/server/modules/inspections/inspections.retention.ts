// Retention of inspection photos: a rectification closes when closed; the purge keeps it (and
// its counts) and unlinks its photos.
import type { Db } from '../../db/schema.ts';
import type { PhotoLinks, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('rectifications as r')
    .where(inLevelledSubtree(db, rootPath, 'r'))
    .where('r.status', '=', 'closed')
    .where('r.closed_at', '<', closedBefore)
    .where((eb) => eb.exists(eb.selectFrom('rectification_photos as p').select('p.rectification_id').whereRef('p.rectification_id', '=', 'r.id')));

export const rectificationPhotosRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['r.id', 'r.region_id as regionId']).orderBy('r.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['r.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('r.region_id').execute()),
  async purge(tx, records) {
    const photos = await tx.selectFrom('rectification_photos').select('sha256').where('rectification_id', 'in', ids(records)).execute();
    await tx.deleteFrom('rectification_photos').where('rectification_id', 'in', ids(records)).execute();
    return { photos: photos.map((p) => p.sha256) };
  },
};

export const rectificationPhotoLinks: PhotoLinks = async (db, digests) =>
  (await db.selectFrom('rectification_photos').select('sha256').distinct().where('sha256', 'in', [...digests]).execute()).map((r) => r.sha256);

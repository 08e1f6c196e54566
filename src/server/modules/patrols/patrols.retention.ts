// Retention of patrol photos: a log closes on its patrol day; the purge keeps the log (its
// figures) and unlinks its photos.
import type { Db } from '../../db/schema.ts';
import type { PhotoLinks, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('patrol_logs as l')
    .where(inLevelledSubtree(db, rootPath, 'l'))
    .where('l.patrolled_on', '<', closedBefore.slice(0, 10))
    .where((eb) => eb.exists(eb.selectFrom('patrol_log_photos as p').select('p.log_id').whereRef('p.log_id', '=', 'l.id')));

export const patrolPhotosRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['l.id', 'l.region_id as regionId']).orderBy('l.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['l.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('l.region_id').execute()),
  async purge(tx, records) {
    const photos = await tx.selectFrom('patrol_log_photos').select('sha256').where('log_id', 'in', ids(records)).execute();
    await tx.deleteFrom('patrol_log_photos').where('log_id', 'in', ids(records)).execute();
    return { photos: photos.map((p) => p.sha256) };
  },
};

export const patrolPhotoLinks: PhotoLinks = async (db, digests) =>
  (await db.selectFrom('patrol_log_photos').select('sha256').distinct().where('sha256', 'in', [...digests]).execute()).map((r) => r.sha256);

// Retention of import uploads and refused-row files: an import closes when it finished; the
// purge keeps the job's figures and deletes its sealed upload (full of ID numbers) and its refused
// rows. The file goes after the batch commits, so a crash leaves at worst an unreferenced file,
// which the orphan sweep removes.
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

const due = (db: Db, rootPath: string, closedBefore: string) =>
  db
    .selectFrom('import_jobs as j')
    .where('j.region_id', 'in', subtreeRegionIds(db, rootPath))
    .where('j.finished_at', '<', closedBefore)
    .where((eb) =>
      eb.or([
        eb('j.upload_ref', 'is not', null),
        eb('j.rejected', '!=', '[]'),
        eb.exists(eb.selectFrom('import_rejections as r').select('r.job_id').whereRef('r.job_id', '=', 'j.id')),
      ]),
    );

export const importFilesRetention: RetentionHandler = {
  due: (db, q, limit) => due(db, q.rootPath, q.closedBefore).select(['j.id', 'j.region_id as regionId']).orderBy('j.id').limit(limit).execute(),
  countDue: async (db, q) => byRegion(await due(db, q.rootPath, q.closedBefore).select(['j.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('j.region_id').execute()),
  async purge(tx, records) {
    const jobIds = ids(records);
    const refs = await tx.selectFrom('import_jobs').select('upload_ref').where('id', 'in', jobIds).where('upload_ref', 'is not', null).execute();
    await tx.deleteFrom('import_rejections').where('job_id', 'in', jobIds).execute();
    // rejected_count stays: it is a figure of the job, not a person's data.
    await tx.updateTable('import_jobs').set({ upload_ref: null, rejected: '[]' }).where('id', 'in', jobIds).execute();
    return { uploads: refs.flatMap((r) => (r.upload_ref ? [r.upload_ref] : [])) };
  },
};

/** Which of these upload refs a job still names (the orphan sweep keeps those). */
export const importUploadLinks = async (db: Db, refs: readonly string[]): Promise<string[]> =>
  refs.length === 0 ? [] : (await db.selectFrom('import_jobs').select('upload_ref').where('upload_ref', 'in', [...refs]).execute()).flatMap((r) => (r.upload_ref ? [r.upload_ref] : []));

/** The register's purge: an import's staged copies of the purged people go, and its households forget theirs. */
export const forgetImportedPeople: ForgetPeople = async (tx, { personIds, householdIds }) => {
  if (personIds.length > 0) await tx.deleteFrom('import_person_rows').where('person_id', 'in', [...personIds]).execute();
  if (householdIds.length > 0) await tx.updateTable('import_households').set({ household_id: null }).where('household_id', 'in', [...householdIds]).execute();
  return undefined;
};

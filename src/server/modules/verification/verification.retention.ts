// Retention of verification lists (核查名单) and enterprises' worker lists: a list closes when it
// is due (its every task is due then, shared/verification's due_at). The purge keeps the list and
// its tasks as the record of the work (statuses, outcomes: the progress and score counts) and
// removes who they were about: the list's encrypted rows, each task's name, numbers, address and
// notes, and its photos. A reduced task is marked by its person_key, so it is never due again.
import type { Db } from '../../db/schema.ts';
import type { ForgetPeople, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';

const PURGED_KEY_PREFIX = 'purged:';
const PURGED_NAME = '—';

function dueTasks(db: Db, rootPath: string, closedBefore: string, enterprise: boolean) {
  return db
    .selectFrom('verification_tasks as t')
    .innerJoin('verification_lists as l', 'l.id', 't.list_id')
    .where(inLevelledSubtree(db, rootPath, 't'))
    .where('l.due_at', '<', closedBefore)
    .where('l.kind', enterprise ? '=' : '!=', 'enterprise')
    .where('t.person_key', 'not like', `${PURGED_KEY_PREFIX}%`);
}

function handler(enterprise: boolean): RetentionHandler {
  return {
    due: (db, q, limit) => dueTasks(db, q.rootPath, q.closedBefore, enterprise).select(['t.id', 't.region_id as regionId']).orderBy('t.id').limit(limit).execute(),
    countDue: async (db, q) =>
      byRegion(await dueTasks(db, q.rootPath, q.closedBefore, enterprise).select(['t.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('t.region_id').execute()),
    async purge(tx, records) {
      const taskIds = ids(records);
      const lists = await tx.selectFrom('verification_tasks').select('list_id').distinct().where('id', 'in', taskIds).execute();
      const photos = await tx.selectFrom('verification_task_photos').select('sha256').where('task_id', 'in', taskIds).execute();
      await tx.deleteFrom('verification_task_photos').where('task_id', 'in', taskIds).execute();
      await tx.deleteFrom('verification_rows').where('task_id', 'in', taskIds).execute();
      // Rows that made no task (neither name nor ID number) go with the first batch of their list.
      await tx.deleteFrom('verification_rows').where('list_id', 'in', lists.map((l) => l.list_id)).where('task_id', 'is', null).execute();
      for (const id of taskIds) {
        await tx
          .updateTable('verification_tasks')
          .set({
            person_key: `${PURGED_KEY_PREFIX}${id}`,
            name: PURGED_NAME,
            id_number_enc: null,
            id_number_hash: null,
            id_number_masked: null,
            phone_enc: null,
            phone_hash: null,
            phone_masked: null,
            address: null,
            origin: null,
            travel: null,
            list_note: null,
            outcome_note: null,
            moved_to: null,
            review_note: null,
          })
          .where('id', '=', id)
          .execute();
      }
      return { photos: photos.map((p) => p.sha256) };
    },
  };
}

export const verificationRetention = handler(false);
export const enterpriseWorkersRetention = handler(true);

/** The register's purge: a verification task matched to a purged person keeps its own data (its own retention) without the match. */
/** Unlinks these people's tasks: through verification_tasks_person_id (migration 0041), not a scan of every task. */
export const unlinkTasksOf = (tx: Db, personIds: readonly string[]) => tx.updateTable('verification_tasks').set({ person_id: null }).where('person_id', 'in', [...personIds]);

export const forgetVerificationLinks: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length > 0) await unlinkTasksOf(tx, personIds).execute();
  return undefined;
};

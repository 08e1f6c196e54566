// Issue 17 item 4: the accounts list (GET /users) of a county or town was `users join regions
// on the subtree's path range` — every account of the subtree found region by region, then
// sorted by id to return 51 (a county's thousands of staff on every first page). Accounts now
// carry the ids of their county, town and village like the other lists' records (0031): each
// level's (level id, id) index is the list's page in order. Kept by the same triggers when an
// account is created or moved to another region, and by platform/region-levels.ts when a region
// moves with its subtree.
import type { Kysely } from 'kysely';
import type { DialectName } from '../connect.ts';
import { addLevelColumns } from './0031_region_levels.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await addLevelColumns(db, dialect, { table: 'users', order: ['id'] });
}

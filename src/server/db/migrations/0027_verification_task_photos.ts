// Issue 18. Photos of a verification task's door-to-door check: links from a task to the platform's
// photo store (platform/photo-store.ts), each with who took it and when. Self-contained: creates
// only its own table.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  await db.schema
    .createTable('verification_task_photos')
    .addColumn('task_id', T(t.uuid), (c) => c.notNull().references('verification_tasks.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('photos.sha256'))
    .addColumn('created_by', T(t.uuid), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addPrimaryKeyConstraint('verification_task_photos_pk', ['task_id', 'sha256'])
    .execute();
}

// Issue 14: the photo store of patrol logs, tips, rectifications and notices is the platform's
// (platform/photo-store.ts), so its table loses the patrol name it was born with in 0012. A
// rename keeps every row, the primary key and the links of the tables that point at it
// (PostgreSQL's foreign keys follow the table; SQLite rewrites the references in the schema).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patrol_photos').renameTo('photos').execute();
}

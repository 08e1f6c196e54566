// Who made each account and who last changed what it can do or how it signs in, so a reward is
// never approved by an account its proposer controls (or the other way round); and the flag
// that makes an account choose its own password after a manager set one.
// Accounts that exist already get both from the audit trail, so a link made before this
// migration (the town officer who created a second town officer) still counts.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

interface AuditRow {
  user_id: string | null;
  action: string;
  entity_id: string | null;
  details: string | null;
}

/** The fields of a user edit that grant power or set a credential (as audited before 0018). */
const POWER_FIELDS = ['role', 'regionId', 'active', 'password'];

function grantsPower(row: AuditRow): boolean {
  if (row.action === 'create' || row.action === 'reset_password' || row.action === 'disable') return true;
  if (row.action !== 'update' || !row.details) return false;
  try {
    const fields = (JSON.parse(row.details) as { fields?: unknown }).fields;
    return Array.isArray(fields) && fields.some((f) => POWER_FIELDS.includes(String(f)));
  } catch {
    return false;
  }
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('users').addColumn('created_by', sql.raw(t.uuid), (c) => c.references('users.id')).execute();
  await db.schema.alterTable('users').addColumn('granted_by', sql.raw(t.uuid), (c) => c.references('users.id')).execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', sql.raw(t.bool), (c) => c.notNull().defaultTo(0))
    .execute();

  await backfillAccountLinks(db);
}

/** created_by and granted_by of existing accounts, from the audit trail (exported for its test). */
export async function backfillAccountLinks(db: Kysely<unknown>): Promise<void> {
  // Oldest first (ids are time-ordered), so the last power change read is the latest.
  const { rows } = await sql<AuditRow>`
    select user_id, action, entity_id, details from audit_log
    where entity = 'user' and action in ('create', 'update', 'reset_password', 'disable') and user_id is not null
    order by id`.execute(db);
  const links = new Map<string, { createdBy: string | null; grantedBy: string | null }>();
  for (const row of rows) {
    if (!row.entity_id || !row.user_id || row.user_id === row.entity_id || !grantsPower(row)) continue;
    const link = links.get(row.entity_id) ?? { createdBy: null, grantedBy: null };
    if (row.action === 'create') link.createdBy = row.user_id;
    link.grantedBy = row.user_id;
    links.set(row.entity_id, link);
  }
  const known = new Set((await sql<{ id: string }>`select id from users`.execute(db)).rows.map((r) => String(r.id)));
  for (const [id, link] of links) {
    if (!known.has(id)) continue;
    const createdBy = link.createdBy && known.has(link.createdBy) ? link.createdBy : null;
    const grantedBy = link.grantedBy && known.has(link.grantedBy) ? link.grantedBy : null;
    await sql`update users set created_by = ${createdBy}, granted_by = ${grantedBy} where id = ${id}`.execute(db);
  }
}

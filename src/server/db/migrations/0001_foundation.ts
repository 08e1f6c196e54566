// Territory, accounts, sessions, audit, idempotency, jobs, and the household/person tables
// the demo county fills (their routes come with the household-investigation module).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  // Tables keyed on text (UUIDv7, composite keys) are clustered on that key in SQLite: one
  // b-tree instead of a rowid table plus its key index, so each write touches one tree fewer.
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');

  await db.schema
    .createTable('regions')
    .addColumn('id', T(t.serial), (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', T(t.path), (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('active', T(t.bool), (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_path').on('regions').column('path').execute();
  await db.schema.createIndex('regions_parent').on('regions').columns(['parent_id', 'name']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', T(t.bool), (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_region').on('users').column('region_id').execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', T(t.uuid), (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('csrf_token', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('expires_at', T(t.time), (c) => c.notNull())
    .addColumn('last_used_at', T(t.time))
    .addColumn('revoked_at', T(t.time))
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', T(t.time), (c) => c.notNull())
    .addColumn('locked_until', T(t.time))
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('region_id', 'integer')
    .addColumn('ip', 'text')
    .addColumn('purpose', 'text')
    .addColumn('details', T(t.json))
    .modifyEnd(clustered)
    .execute();
  // The id is UUIDv7, so id order is time order: the pager walks ids, filters use these.
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_user').on('audit_log').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('audit_region').on('audit_log').columns(['region_id', 'id']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor', 'key'])
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('claimed_at', T(t.time), (c) => c.notNull())
    .addColumn('finished_at', T(t.time))
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'run_key'])
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('households')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('building', 'text')
    .addColumn('unit', 'text')
    .addColumn('room', 'text')
    .addColumn('is_rental', T(t.bool), (c) => c.notNull().defaultTo(0))
    .addColumn('landlord_name', 'text')
    .addColumn('landlord_phone_enc', 'text')
    .addColumn('landlord_phone_hash', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('households_region').on('households').columns(['region_id', 'id']).execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('household_id', T(t.uuid), (c) => c.references('households.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_date', T(t.day))
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('arrived_on', T(t.day))
    .addColumn('travel_mode', 'text')
    .addColumn('employer', 'text')
    .addColumn('key_person', T(t.bool), (c) => c.notNull().defaultTo(0))
    .addColumn('key_person_reason', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('persons_region').on('persons').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('persons_household').on('persons').column('household_id').execute();
  await db.schema.createIndex('persons_id_hash').on('persons').column('id_number_hash').execute();
  await db.schema.createIndex('persons_phone_hash').on('persons').column('phone_hash').execute();
}

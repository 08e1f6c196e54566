// Issue 19 (items 1 and 2). Responsibility by name: the people responsible for a person under
// control (五包一), with their history (from/to), the named people of grids and micro-grids
// (微网格长, 党员志愿者, 楼道长), and the messages an alert sends to a person's responsible people.
// Self-contained: creates only its own tables.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('responsible_members')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('person_id', T(t.uuid), (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', T(t.uuid), (c) => c.references('users.id'))
    .addColumn('name', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('from_at', T(t.time), (c) => c.notNull())
    .addColumn('to_at', T(t.time))
    .addColumn('set_by', T(t.uuid))
    .addColumn('ended_by', T(t.uuid))
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('resp_members_person').on('responsible_members').columns(['person_id', 'to_at']).execute();
  await db.schema.createIndex('resp_members_user').on('responsible_members').columns(['user_id', 'to_at']).execute();

  await db.schema
    .createTable('region_volunteers')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('duties', 'text')
    .addColumn('user_id', T(t.uuid), (c) => c.references('users.id'))
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('ended_at', T(t.time))
    .execute();
  await db.schema.createIndex('region_volunteers_region').on('region_volunteers').columns(['region_id', 'ended_at']).execute();

  await db.schema
    .createTable('responsible_messages')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('alert_id', T(t.uuid), (c) => c.notNull())
    .addColumn('person_id', T(t.uuid), (c) => c.notNull())
    .addColumn('member_id', T(t.uuid), (c) => c.notNull().references('responsible_members.id'))
    .addColumn('user_id', T(t.uuid))
    .addColumn('alert_kind', 'text', (c) => c.notNull())
    /** 'health' (a monitoring staff account: the alert with its details) or 'check_on' (please check on them). */
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('read_at', T(t.time))
    .execute();
  await db.schema.createIndex('resp_messages_user').on('responsible_messages').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('resp_messages_alert').on('responsible_messages').columns(['alert_id']).execute();
}

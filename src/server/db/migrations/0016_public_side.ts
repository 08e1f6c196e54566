// The public side: tips from residents with their steps, photos and rewards; the village QR
// codes for arrival self-registration and the entries waiting to be verified; notices and their
// images. Photo bytes live once in patrol_photos (addressed by SHA-256), already stripped of
// their metadata.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('tips')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    /** Keyed hash of the tracking code: the code itself is shown once, to the reporter. */
    .addColumn('tracking_hash', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    /** The region the tip is routed to now (starts as the reporter's pick). */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    /** The region the reporter picked; its name is what the reporter sees. */
    .addColumn('filed_region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('anonymous', T(t.bool), (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    /** Keyed hash of the sender's address: floods and repeats from one address, without keeping the address. */
    .addColumn('source_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('substantiated', T(t.bool))
    .addColumn('action_taken', 'text')
    .addColumn('reply', 'text')
    /** Duplicates: the id of the group's first tip (its own id on that tip); null when alone. */
    .addColumn('group_id', T(t.uuid))
    .addColumn('photo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filed_at', T(t.time), (c) => c.notNull())
    .addColumn('accept_due_at', T(t.time), (c) => c.notNull())
    .addColumn('handle_due_at', T(t.time), (c) => c.notNull())
    .addColumn('assessed_at', T(t.time))
    .addColumn('handled_at', T(t.time))
    .addColumn('answered_at', T(t.time))
    .addColumn('evaluated_at', T(t.time))
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tips_region_filed').on('tips').columns(['region_id', 'filed_at', 'id']).execute();
  await db.schema.createIndex('tips_status').on('tips').columns(['status', 'filed_at']).execute();
  // The inbox of a town or the county: newest first, walking this index and keeping the subtree's
  // rows beats sorting thousands (a grid's few rows come from tips_region_filed instead).
  await db.schema.createIndex('tips_filed').on('tips').columns(['filed_at', 'id']).execute();
  await db.schema.createIndex('tips_group').on('tips').columns(['group_id']).execute();
  // Duplicate search: the same category in the same region lately.
  await db.schema.createIndex('tips_duplicates').on('tips').columns(['filed_region_id', 'category', 'filed_at']).execute();

  await db.schema
    .createTable('tip_events')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('tip_id', T(t.uuid), (c) => c.notNull().references('tips.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    /** The tip's status after this step. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('user_id', T(t.uuid))
    .addColumn('at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_events_tip').on('tip_events').columns(['tip_id', 'at']).execute();

  await db.schema
    .createTable('tip_photos')
    .addColumn('tip_id', T(t.uuid), (c) => c.notNull().references('tips.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('patrol_photos.sha256'))
    .addPrimaryKeyConstraint('tip_photos_pk', ['tip_id', 'position'])
    .execute();

  await db.schema
    .createTable('tip_rewards')
    .addColumn('tip_id', T(t.uuid), (c) => c.primaryKey().references('tips.id'))
    /** The tip's region when the reward was proposed: the ledger sums by it. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    /** In fen (0.01 yuan): sums stay exact. */
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_at', T(t.time), (c) => c.notNull())
    .addColumn('proposed_by', T(t.uuid))
    .addColumn('decided_at', T(t.time))
    .addColumn('decided_by', T(t.uuid))
    .addColumn('decision_note', 'text')
    .addColumn('paid_at', T(t.time))
    .addColumn('paid_by', T(t.uuid))
    .addColumn('pay_reference', 'text')
    .execute();
  await db.schema.createIndex('tip_rewards_region').on('tip_rewards').columns(['region_id', 'proposed_at']).execute();

  await db.schema
    .createTable('arrival_codes')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('revoked_by', T(t.uuid))
    .addColumn('revoked_at', T(t.time))
    .addColumn('replaced_by', T(t.uuid))
    .execute();
  await db.schema.createIndex('arrival_codes_region').on('arrival_codes').columns(['region_id', 'status']).execute();
  // One active code per village, even when two managers issue one at the same moment.
  await db.schema.createIndex('arrival_codes_one_active').on('arrival_codes').column('region_id').unique().where(sql.ref('status'), '=', 'active').execute();

  await db.schema
    .createTable('arrival_entries')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('code_id', T(t.uuid), (c) => c.notNull().references('arrival_codes.id'))
    .addColumn('village_id', 'integer', (c) => c.notNull().references('regions.id'))
    /** The grid the person named, else the village: whose queue it is in. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('arrived_on', T(t.day), (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('person_id', T(t.uuid))
    .addColumn('reject_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('decided_by', T(t.uuid))
    .addColumn('decided_at', T(t.time))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('arrival_entries_queue').on('arrival_entries').columns(['region_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('arrival_entries_village').on('arrival_entries').columns(['village_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('arrival_entries_id_number').on('arrival_entries').columns(['id_number_hash']).execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', T(t.time))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('notices_public').on('notices').columns(['status', 'publish_at', 'id']).execute();
  await db.schema.createIndex('notices_region').on('notices').columns(['region_id', 'created_at']).execute();

  await db.schema
    .createTable('notice_images')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('notice_id', T(t.uuid), (c) => c.references('notices.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('patrol_photos.sha256'))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_images_notice').on('notice_images').columns(['notice_id']).execute();
}

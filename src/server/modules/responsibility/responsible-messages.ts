// What a quarantine alert (a missed check, a fever, a breach) tells the person's responsible
// people. Health details (the alert's kind, hence a fever) reach only staff who monitor the
// person: a staff account carrying the person as grid worker or doctor, or the order's monitor.
// Every other member — a family member, a volunteer, a contact, the village cadre — is asked to
// check on the person, nothing more. Accounts read theirs in the app; for contacts the staff
// get each one's name and phone, and the web composes the text to send by phone or chat.
import { MONITORING_MEMBER_ROLES, type ResponsibleMessage } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import { LIGHT_ROLES, STAFF_ROLES } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Role } from '../../../shared/accounts.ts';
import { personNamesById } from '../households/households.queries.ts';
import { findAlert, findOrder } from '../quarantine/quarantine.queries.ts';
import { currentMembers } from './responsibility.service.ts';

const isMonitoringStaff = (role: Role | null | undefined): boolean => role != null && STAFF_ROLES.includes(role) && !LIGHT_ROLES.includes(role);

/** Called in the transaction that raised the alert: one message per current member of the order's person. */
export async function notifyResponsible(tx: Db, alert: { alertId: string; orderId: string; kind: string }): Promise<number> {
  const order = await findOrder(tx, alert.orderId);
  if (!order) return 0;
  const members = await currentMembers(tx, order.person_id);
  if (members.length === 0) return 0;
  const now = nowIso();
  await tx
    .insertInto('responsible_messages')
    .values(
      members.map((m) => {
        const monitors = m.user_id !== null && isMonitoringStaff(m.account_role) && (MONITORING_MEMBER_ROLES.includes(m.role) || m.user_id === order.monitor_user_id);
        return { id: newId(), alert_id: alert.alertId, person_id: order.person_id, member_id: m.id, user_id: m.user_id, alert_kind: alert.kind, audience: monitors ? ('health' as const) : ('check_on' as const), created_at: now, read_at: null };
      }),
    )
    .execute();
  return members.length;
}

const messagesQuery = (db: Db) =>
  db
    .selectFrom('responsible_messages as x')
    .innerJoin('responsible_members as m', 'm.id', 'x.member_id')
    .select(['x.id', 'x.alert_id', 'x.person_id', 'x.alert_kind', 'x.audience', 'x.user_id', 'x.created_at', 'x.read_at', 'm.role', 'm.name as contact_name', 'm.phone_enc']);
type MessageRow = Awaited<ReturnType<ReturnType<typeof messagesQuery>['execute']>>[number];

function toMessage(row: MessageRow, personName: string, contactPhone: string | null): ResponsibleMessage {
  return {
    id: row.id,
    alertId: row.alert_id,
    personId: row.person_id,
    personName,
    // "Please check on them" says nothing of why: a fever is health data.
    alertKind: row.audience === 'health' ? row.alert_kind : null,
    role: row.role,
    audience: row.audience,
    userId: row.user_id,
    contactName: row.user_id ? null : row.contact_name,
    contactPhone,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** An account's own messages, newest first. */
export async function myMessages(db: Db, userId: string): Promise<{ items: ResponsibleMessage[]; nextCursor: null }> {
  const rows = await messagesQuery(db).where('x.user_id', '=', userId).orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').limit(200).execute();
  const names = await personNamesById(db, [...new Set(rows.map((r) => r.person_id))]);
  return { items: rows.map((row) => toMessage(row, names.get(row.person_id) ?? '', null)), nextCursor: null };
}

export async function markRead(tx: Db, userId: string, id: string): Promise<ResponsibleMessage> {
  const row = await messagesQuery(tx).where('x.id', '=', id).where('x.user_id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('message');
  const readAt = row.read_at ?? nowIso();
  if (!row.read_at) await tx.updateTable('responsible_messages').set({ read_at: readAt }).where('id', '=', id).execute();
  const names = await personNamesById(tx, [row.person_id]);
  return toMessage({ ...row, read_at: readAt }, names.get(row.person_id) ?? '', null);
}

/** The messages of one alert, contacts' phones in full so staff can send them: an audited read. */
export async function messagesOfAlert(db: Db, ctx: AuditContext, crypto: FieldCrypto, alertId: string): Promise<{ items: ResponsibleMessage[]; nextCursor: null }> {
  const alert = await findAlert(db, alertId);
  if (!alert) throw notFound('alert');
  const rows = await messagesQuery(db).where('x.alert_id', '=', alertId).orderBy('m.from_at').orderBy('x.id').execute();
  await audit(db, ctx, { action: 'read_messages', entity: 'quarantine_alert', entityId: alertId, regionId: alert.region_id });
  return { items: rows.map((row) => toMessage(row, alert.person_name, !row.user_id && row.phone_enc ? crypto.decrypt(row.phone_enc) : null)), nextCursor: null };
}

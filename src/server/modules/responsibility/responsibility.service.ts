// 五包一: the named people responsible for a person. A PUT replaces the set: members that stay
// keep their start, members that leave are ended (to_at) rather than deleted, so the history
// of who was responsible when is never lost. Accounts must be active accounts of the person's
// county; contacts' phones are stored like every phone (encrypted, keyed hash, masked form).
import { ancestorPathAt } from '../../../shared/region-path.ts';
import { RESPONSIBLE_ROLES, type Responsible, type ResponsibleMember, type ResponsiblePut, type ResponsibleRole } from '../../../shared/responsibility.ts';
import { lockKeyForWrite } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { RegionMove } from '../../platform/region-moves.ts';
import { accountWithRegion, isActiveAccountIn } from '../accounts/accounts.queries.ts';
import { storePhone } from '../households/person-identity.ts';
import { findPerson } from '../households/persons.queries.ts';
import { hasActiveOrder } from '../quarantine/quarantine.queries.ts';
import { regionFields } from '../regions/regions.queries.ts';
import { isRedOrYellow } from '../risk/risk.queries.ts';
import * as q from './responsibility.queries.ts';
import { countMembersChange, type MemberLike } from './responsibility-counters.ts';
import type { ResponsibleMembersTable } from './responsibility.tables.ts';
import type { Insertable } from 'kysely';

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  crypto: FieldCrypto;
}

type MemberRow = Awaited<ReturnType<typeof q.currentMemberRows>>[number];
export type CurrentMember = MemberRow & { account_name: string | null; account_role: Actor['role'] | null };

/** A person's current members, accounts with their display name and role (read through the accounts module). */
export async function currentMembers(db: Db, personId: string): Promise<CurrentMember[]> {
  const rows = await q.currentMemberRows(db, personId);
  return Promise.all(
    rows.map(async (row) => {
      const account = row.user_id ? await accountWithRegion(db, row.user_id) : undefined;
      return { ...row, account_name: account?.display_name ?? null, account_role: account?.role ?? null };
    }),
  );
}

/** A person with its region's path (for the county check), or undefined. */
export async function personWithRegion(db: Db, personId: string) {
  const person = await findPerson(db, personId);
  if (!person) return undefined;
  const region = await regionFields(db, person.region_id, ['path']);
  return region ? { id: person.id, name: person.name, region_id: person.region_id, region_path: region.path } : undefined;
}

/** Under control: an order of home quarantine in force, or coloured red or yellow. */
export const isUnderControl = async (db: Db, personId: string): Promise<boolean> => (await hasActiveOrder(db, personId)) || isRedOrYellow(db, personId);

/** The county path of a region path: '/1/7/30/' → '/1/'. */
export const countyPathOf = (path: string): string => ancestorPathAt(path, 'county') ?? path;

/** Every role but the auditor's may carry a person (a volunteer's light account too). */
const MEMBER_ACCOUNT_ROLES = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'patrol_member', 'volunteer'] as const;

export function missingRolesOf(roles: Iterable<ResponsibleRole>): ResponsibleRole[] {
  const present = new Set(roles);
  return RESPONSIBLE_ROLES.filter((role) => !present.has(role));
}

function toMember(row: CurrentMember, crypto: FieldCrypto): ResponsibleMember {
  if (row.user_id) return { id: row.id, role: row.role, userId: row.user_id, name: row.account_name ?? '', since: row.from_at };
  return { id: row.id, role: row.role, name: row.name ?? '', ...(row.phone_enc ? { phone: crypto.decrypt(row.phone_enc) } : {}), since: row.from_at };
}

/** A person's current members for another record's page (a quarantine order): contacts' phones masked. */
export async function responsibleOfPerson(db: Db, personId: string): Promise<ResponsibleMember[]> {
  const rows = await currentMembers(db, personId);
  return rows.map((row) => (row.user_id ? { id: row.id, role: row.role, userId: row.user_id, name: row.account_name ?? '', since: row.from_at } : { id: row.id, role: row.role, name: row.name ?? '', ...(row.phone_masked ? { phone: row.phone_masked } : {}), since: row.from_at }));
}

async function responsibleOf(db: Db, crypto: FieldCrypto, personId: string): Promise<Responsible> {
  const rows = await currentMembers(db, personId);
  const required = await isUnderControl(db, personId);
  return {
    personId,
    members: rows.map((row) => toMember(row, crypto)),
    required,
    missingRoles: required ? missingRolesOf(rows.map((r) => r.role)) : [],
  };
}

/** The person's current members: a read of contacts' phones in full, so it is audited. */
export async function readResponsible(db: Db, ctx: AuditContext, crypto: FieldCrypto, personId: string): Promise<Responsible> {
  const person = await personWithRegion(db, personId);
  if (!person) throw notFound('person');
  const answer = await responsibleOf(db, crypto, personId);
  await audit(db, ctx, { action: 'read_responsible', entity: 'person', entityId: personId, regionId: person.region_id });
  return answer;
}

/** How a member is told apart from another: the same account, or the same contact phone, in the same role. */
const keyOf = (m: { role: string; userId?: string | null; phoneHash?: string | null; name?: string | null }) =>
  m.userId ? `${m.role}|u|${m.userId}` : `${m.role}|c|${m.phoneHash}|${m.name}`;

export async function setResponsible(tx: Db, deps: Deps, personId: string, input: ResponsiblePut): Promise<Responsible> {
  const person = await personWithRegion(tx, personId);
  if (!person) throw notFound('person');
  // Two edits of one person's set at once would each replace what it read: one waits for the other.
  await lockKeyForWrite(tx, `responsible:${personId}`);
  const county = countyPathOf(person.region_path);
  const now = nowIso();
  const wanted: Insertable<ResponsibleMembersTable>[] = [];
  const keys = new Set<string>();
  for (const [i, member] of input.members.entries()) {
    const at = `members.${i}`;
    let row: Insertable<ResponsibleMembersTable>;
    if (member.userId) {
      if (!(await isActiveAccountIn(tx, member.userId, county, MEMBER_ACCOUNT_ROLES))) {
        throw unprocessable(`${at}.userId`, 'not an active account of the person’s county');
      }
      row = { id: newId(), person_id: personId, role: member.role, user_id: member.userId, name: null, phone_enc: null, phone_hash: null, phone_masked: null, from_at: now, set_by: deps.actor.userId };
    } else {
      const phone = storePhone(deps.crypto, member.phone ?? '', `${at}.phone`);
      row = { id: newId(), person_id: personId, role: member.role, user_id: null, name: member.name ?? '', phone_enc: phone.enc, phone_hash: phone.hash, phone_masked: phone.masked, from_at: now, set_by: deps.actor.userId };
    }
    const key = keyOf({ role: row.role, userId: row.user_id, phoneHash: row.phone_hash, name: row.name });
    if (keys.has(key)) throw unprocessable(at, 'the same member twice in one role');
    keys.add(key);
    wanted.push(row);
  }
  const current = await currentMembers(tx, personId);
  const currentKeys = new Map(current.map((m) => [keyOf({ role: m.role, userId: m.user_id, phoneHash: m.phone_hash, name: m.name }), m.id]));
  const leaving = current.filter((m) => !keys.has(keyOf({ role: m.role, userId: m.user_id, phoneHash: m.phone_hash, name: m.name }))).map((m) => m.id);
  const arriving = wanted.filter((m) => !currentKeys.has(keyOf({ role: m.role, userId: m.user_id, phoneHash: m.phone_hash, name: m.name })));
  await q.endMembers(tx, { ids: leaving }, { at: now, by: deps.actor.userId, reason: 'replaced' });
  await q.insertMembers(tx, arriving);
  const staying = current.filter((m) => !leaving.includes(m.id));
  await countMembersChange(tx, person.region_path, current, [...staying, ...arriving.map((m) => ({ role: m.role, user_id: m.user_id ?? null, phone_hash: m.phone_hash ?? null }))]);
  if (leaving.length > 0 || arriving.length > 0) {
    // Roles and counts only: names and phones of contacts stay out of the audit details.
    await audit(tx, deps.ctx, {
      action: 'set_responsible',
      entity: 'person',
      entityId: personId,
      regionId: person.region_id,
      details: { added: arriving.map((m) => m.role), ended: current.filter((m) => leaving.includes(m.id)).map((m) => m.role) },
    });
  }
  return responsibleOf(tx, deps.crypto, personId);
}

/**
 * Ends every current member of a person (history kept): a hand-over to another region, or the
 * person's region changed. Returns how many ended. Called by the hand-over inside its transaction.
 */
export async function endPersonResponsibility(tx: Db, personId: string, end: { by: string | null; reason: 'handover' | 'region_changed' | 'region_moved'; fromRegionId: number }): Promise<number> {
  const current = await q.currentCarriersOf(tx, [personId]);
  const ended = await q.endMembers(tx, { personIds: [personId] }, { at: nowIso(), by: end.by, reason: end.reason });
  // Counted where the person was while these members carried them.
  const from = await regionFields(tx, end.fromRegionId, ['path']);
  if (from) await countMembersChange(tx, from.path, current, []);
  return ended;
}

/** The person's region changed (an edit moving them, or a hand-over accepted): members of the old place end. */
export async function personRegionChanged(tx: Db, personId: string, change: { fromRegionId: number; toRegionId: number; by: string | null }): Promise<number> {
  if (change.fromRegionId === change.toRegionId) return 0;
  return endPersonResponsibility(tx, personId, { by: change.by, reason: 'region_changed', fromRegionId: change.fromRegionId });
}

/**
 * Region-move hook: a region moved into another county takes its people away from the
 * accounts and contacts of the old one, so their members end. A move inside the county keeps
 * them (the same people still carry the same persons).
 */
export async function endMembersOfMovedRegion(tx: Db, move: RegionMove): Promise<void> {
  if (countyPathOf(move.fromPath) === countyPathOf(move.toPath)) return;
  // The counters still sit under the old ancestors (the stats module's hook moves them after this
  // one): take the ending members off there, at each person's region as it was.
  const members = await q.currentCarriersInSubtree(tx, move.toPath);
  await q.endMembersInSubtree(tx, move.toPath, { at: nowIso(), by: null, reason: 'region_moved' });
  const byPerson = new Map<string, { regionPath: string; members: MemberLike[] }>();
  for (const m of members) {
    const entry = byPerson.get(m.person_id) ?? { regionPath: move.fromPath + m.region_path.slice(move.toPath.length), members: [] };
    entry.members.push(m);
    byPerson.set(m.person_id, entry);
  }
  for (const { regionPath, members: ending } of byPerson.values()) await countMembersChange(tx, regionPath, ending, []);
}

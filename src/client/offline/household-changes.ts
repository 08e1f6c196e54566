// The grid worker's changes, made offline: register a household, a person, a visit. Each is
// checked against the contract's own schemas (src/client/contract.ts: most refusals caught before
// queueing), written to the read cache at once so it shows in the lists, and queued in the outbox
// in one transaction. Ids are made here (UUIDv7), so a person can name a household that exists
// only on the phone.
import { v7 } from 'uuid';
import type { HouseholdCreate, PersonCreate, VisitCreate } from '../../shared/households.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
import { checkContract, type ContractSchema } from '../contract.ts';
import { ownFieldsOf, personRuleIssues } from '../../shared/person-rules.ts';
import type { CachedHousehold, CachedPerson, FieldDb, OutboxEntry } from './db.ts';
import { maskIdNumber, maskPhone } from './mask.ts';
import { editAndRetry, enqueue, findEntry } from './outbox.ts';

export interface Issue {
  path: string;
  message: string;
}
export class InvalidChange extends Error {
  constructor(readonly issues: Issue[]) {
    super(`invalid: ${issues.map((i) => i.path).join(', ')}`);
  }
}

/** Text as the server keeps it (the contract trims): "  " is an empty address, not an address. */
function trimmed<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T;
}

/** The contract's verdict plus the checks the phone adds; the body to queue, or an InvalidChange. */
function judged<T>(schema: ContractSchema, input: object, extra: Issue[] = []): T {
  const body = trimmed(input);
  const issues: Issue[] = [...checkContract(schema, body), ...extra];
  if (issues.length) throw new InvalidChange(issues);
  return body as T;
}

type Input<T> = Partial<Pick<T, { [K in keyof T]: T[K] extends boolean | unknown[] ? K : never }[keyof T]>> & Omit<T, { [K in keyof T]: T[K] extends boolean | unknown[] ? K : never }[keyof T]>;
/** What a form gives: the contract's body without the id, defaults (flags, lists) optional. */
export type HouseholdInput = Omit<Input<HouseholdCreate>, 'id'>;
export type PersonInput = Omit<Input<PersonCreate>, 'id'>;
export type VisitInput = Omit<Input<VisitCreate>, 'id'>;

export function checkHousehold(input: HouseholdInput & { id?: string }): HouseholdCreate {
  const extra = input.landlordPhone && !normaliseMobile(input.landlordPhone).ok ? [{ path: 'landlordPhone', message: 'not a mobile number' }] : [];
  return judged<HouseholdCreate>('HouseholdCreate', { isRental: false, ...input }, extra);
}

/** Also the server's rules beyond the schema (shared/person-rules.ts): a key person's reason, a returnee's origin and day. */
export function checkPerson(input: PersonInput & { id?: string }, today: string): PersonCreate {
  const issues: Issue[] = [];
  if (input.idNumber) {
    const id = validateIdNumber(input.idNumber, today);
    if (!id.ok) issues.push({ path: 'idNumber', message: id.reason });
  }
  if (input.phone && !normaliseMobile(input.phone).ok) issues.push({ path: 'phone', message: 'not a mobile number' });
  for (const { path, message } of personRuleIssues(input, today)) issues.push({ path, message });
  return judged<PersonCreate>('PersonCreate', { keyPerson: false, ...input }, issues);
}

export function checkVisit(input: VisitInput & { id?: string }): VisitCreate {
  return judged<VisitCreate>('VisitCreate', { checked: [], confirmedPersonIds: [], leftPersonIds: [], ...input });
}

function localHousehold(h: HouseholdCreate & { id: string }, now: Date): CachedHousehold {
  const phone = h.landlordPhone ? normaliseMobile(h.landlordPhone) : null;
  return {
    id: h.id,
    regionId: h.regionId,
    address: h.address,
    building: h.building ?? null,
    unit: h.unit ?? null,
    room: h.room ?? null,
    isRental: h.isRental,
    landlordName: h.landlordName ?? null,
    landlordPhone: phone?.ok ? maskPhone(phone.value) : null,
    lastVisitedOn: null,
    version: 0,
    updatedAt: now.toISOString(),
    local: 1,
  };
}

function localPerson(p: PersonCreate & { id: string }, regionId: number, now: Date): CachedPerson {
  const id = p.idNumber ? validateIdNumber(p.idNumber) : null;
  const phone = p.phone ? normaliseMobile(p.phone) : null;
  return {
    id: p.id,
    householdId: p.householdId ?? null,
    regionId,
    ...ownFieldsOf(p),
    idNumber: id?.ok ? maskIdNumber(id.value) : null,
    phone: phone?.ok ? maskPhone(phone.value) : null,
    gender: id?.ok ? id.gender : null,
    birthDate: id?.ok ? id.birthDate : null,
    version: 0,
    updatedAt: now.toISOString(),
    local: 1,
  };
}

/** The day of a moment on this phone's clock, YYYY-MM-DD. */
export function localDay(at: Date): string {
  const offset = at.getTimezoneOffset() * 60_000;
  return new Date(at.getTime() - offset).toISOString().slice(0, 10);
}

export async function queueHousehold(db: FieldDb, input: HouseholdInput, now: Date = new Date()): Promise<{ id: string; entry: OutboxEntry }> {
  const body = checkHousehold({ ...input, id: v7() }) as HouseholdCreate & { id: string };
  return db.transaction('rw', ['households', 'outbox'], async (tx) => {
    await tx.households.put(localHousehold(body, now));
    const entry = await enqueue(tx, { method: 'POST', path: '/households', body, kind: 'household', summary: body.address, recordId: body.id }, now);
    return { id: body.id, entry };
  });
}

export async function queuePerson(db: FieldDb, input: PersonInput, now: Date = new Date()): Promise<{ id: string; entry: OutboxEntry }> {
  const body = checkPerson({ ...input, id: v7() }, localDay(now)) as PersonCreate & { id: string };
  return db.transaction('rw', ['households', 'persons', 'outbox'], async (tx) => {
    const household = body.householdId ? await tx.households.get(body.householdId) : undefined;
    await tx.persons.put(localPerson(body, household?.regionId ?? body.regionId ?? 0, now));
    const entry = await enqueue(
      tx,
      { method: 'POST', path: '/persons', body, kind: 'person', summary: household?.address ?? '', recordId: body.id, ...(body.householdId ? { dependsOn: [body.householdId] } : {}) },
      now,
    );
    return { id: body.id, entry };
  });
}

export async function queueVisit(db: FieldDb, input: VisitInput, now: Date = new Date()): Promise<{ id: string; entry: OutboxEntry }> {
  const body = checkVisit({ visitedAt: now.toISOString(), ...input, id: v7() }) as VisitCreate & { id: string };
  return db.transaction('rw', ['households', 'outbox'], async (tx) => {
    const household = await tx.households.get(body.householdId);
    // The list shows the visit at once; the next pull after sync brings the server's day.
    if (household) await tx.households.update(body.householdId, { lastVisitedOn: localDay(new Date(body.visitedAt ?? now.toISOString())) });
    const entry = await enqueue(
      tx,
      {
        method: 'POST',
        path: '/visits',
        body,
        kind: 'visit',
        summary: household?.address ?? '',
        recordId: body.id,
        entityId: body.householdId,
        dependsOn: [body.householdId, ...body.confirmedPersonIds, ...body.leftPersonIds],
      },
      now,
    );
    return { id: body.id, entry };
  });
}

/**
 * 修改后重试 for the three kinds this app edits: the corrected input is checked like a new one,
 * keeps the record's id, refreshes the provisional cache row and goes back into the queue.
 */
export async function requeueEdited(db: FieldDb, entryId: string, input: Record<string, unknown>, now: Date = new Date()): Promise<void> {
  const entry = await findEntry(db, entryId);
  if (!entry) throw new Error('outbox entry not found');
  const id = (entry.body as { id?: string } | null)?.id;
  if (entry.kind === 'household') {
    const body = checkHousehold({ ...(input as HouseholdInput), id }) as HouseholdCreate & { id: string };
    await db.transaction('rw', ['households', 'outbox'], async (tx) => {
      await tx.households.put(localHousehold(body, now));
      await editAndRetry(tx, entryId, body, body.address);
    });
  } else if (entry.kind === 'person') {
    const body = checkPerson({ ...(input as PersonInput), id }, localDay(now)) as PersonCreate & { id: string };
    await db.transaction('rw', ['households', 'persons', 'outbox'], async (tx) => {
      const household = body.householdId ? await tx.households.get(body.householdId) : undefined;
      await tx.persons.put(localPerson(body, household?.regionId ?? body.regionId ?? 0, now));
      await editAndRetry(tx, entryId, body);
    });
  } else if (entry.kind === 'visit') {
    const body = checkVisit({ ...(input as VisitInput), id });
    await editAndRetry(db, entryId, body);
  } else {
    throw new Error(`no editor for ${entry.kind}`);
  }
}

// The grid worker's changes, made offline: register a household, a person, a visit. Each is
// checked with the contract's own schemas (most refusals caught before queueing), written to
// the read cache at once so it shows in the lists, and queued in the outbox in one transaction.
// Ids are made here (UUIDv7), so a person can name a household that exists only on the phone.
import { v7 } from 'uuid';
import type { z } from 'zod';
import { HouseholdCreate, PersonCreate, VisitCreate } from '../../shared/households.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
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

const issuesOf = (error: z.ZodError): Issue[] => error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));

export type HouseholdInput = Omit<z.input<typeof HouseholdCreate>, 'id'>;
export type PersonInput = Omit<z.input<typeof PersonCreate>, 'id'>;
export type VisitInput = Omit<z.input<typeof VisitCreate>, 'id'>;

export function checkHousehold(input: z.input<typeof HouseholdCreate>): HouseholdCreate {
  const parsed = HouseholdCreate.safeParse(input);
  const issues = parsed.success ? [] : issuesOf(parsed.error);
  if (input.landlordPhone && !normaliseMobile(input.landlordPhone).ok) issues.push({ path: 'landlordPhone', message: 'not a mobile number' });
  if (!parsed.success || issues.length) throw new InvalidChange(issues);
  return parsed.data;
}

/** Also the server's rules beyond the schema: returnee needs origin and day, key person a reason. */
export function checkPerson(input: z.input<typeof PersonCreate>, today: string): PersonCreate {
  const parsed = PersonCreate.safeParse(input);
  const issues = parsed.success ? [] : issuesOf(parsed.error);
  if (input.idNumber) {
    const id = validateIdNumber(input.idNumber, today);
    if (!id.ok) issues.push({ path: 'idNumber', message: id.reason });
  }
  if (input.phone && !normaliseMobile(input.phone).ok) issues.push({ path: 'phone', message: 'not a mobile number' });
  if (input.keyPerson && !input.keyPersonReason) issues.push({ path: 'keyPersonReason', message: 'required for a key person' });
  if (input.category === 'returnee') {
    if (!input.origin) issues.push({ path: 'origin', message: 'required for a returnee' });
    if (!input.arrivedOn) issues.push({ path: 'arrivedOn', message: 'required for a returnee' });
  }
  if (input.arrivedOn && input.arrivedOn > today) issues.push({ path: 'arrivedOn', message: 'cannot be in the future' });
  if (!parsed.success || issues.length) throw new InvalidChange(issues);
  return parsed.data;
}

export function checkVisit(input: z.input<typeof VisitCreate>): VisitCreate {
  const parsed = VisitCreate.safeParse(input);
  if (!parsed.success) throw new InvalidChange(issuesOf(parsed.error));
  return parsed.data;
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
    name: p.name,
    idNumber: id?.ok ? maskIdNumber(id.value) : null,
    phone: phone?.ok ? maskPhone(phone.value) : null,
    gender: id?.ok ? id.gender : null,
    birthDate: id?.ok ? id.birthDate : null,
    category: p.category,
    origin: p.origin ?? null,
    arrivedOn: p.arrivedOn ?? null,
    travelMode: p.travelMode ?? null,
    employer: p.employer ?? null,
    dwellingRelation: p.dwellingRelation ?? null,
    keyPerson: p.keyPerson,
    keyPersonReason: p.keyPersonReason ?? null,
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
  return db.transaction('rw', [db.households, db.outbox], async () => {
    await db.households.put(localHousehold(body, now));
    const entry = await enqueue(db, { method: 'POST', path: '/households', body, kind: 'household', summary: body.address, recordId: body.id }, now);
    return { id: body.id, entry };
  });
}

export async function queuePerson(db: FieldDb, input: PersonInput, now: Date = new Date()): Promise<{ id: string; entry: OutboxEntry }> {
  const body = checkPerson({ ...input, id: v7() }, localDay(now)) as PersonCreate & { id: string };
  return db.transaction('rw', [db.households, db.persons, db.outbox], async () => {
    const household = body.householdId ? await db.households.get(body.householdId) : undefined;
    await db.persons.put(localPerson(body, household?.regionId ?? body.regionId ?? 0, now));
    const entry = await enqueue(
      db,
      { method: 'POST', path: '/persons', body, kind: 'person', summary: household?.address ?? '', recordId: body.id, ...(body.householdId ? { dependsOn: [body.householdId] } : {}) },
      now,
    );
    return { id: body.id, entry };
  });
}

export async function queueVisit(db: FieldDb, input: VisitInput, now: Date = new Date()): Promise<{ id: string; entry: OutboxEntry }> {
  const body = checkVisit({ visitedAt: now.toISOString(), ...input, id: v7() }) as VisitCreate & { id: string };
  return db.transaction('rw', [db.households, db.outbox], async () => {
    const household = await db.households.get(body.householdId);
    // The list shows the visit at once; the next pull after sync brings the server's day.
    if (household) await db.households.update(body.householdId, { lastVisitedOn: localDay(new Date(body.visitedAt ?? now.toISOString())) });
    const entry = await enqueue(
      db,
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
    await db.transaction('rw', [db.households, db.outbox], async () => {
      await db.households.put(localHousehold(body, now));
      await editAndRetry(db, entryId, body, body.address);
    });
  } else if (entry.kind === 'person') {
    const body = checkPerson({ ...(input as PersonInput), id }, localDay(now)) as PersonCreate & { id: string };
    await db.transaction('rw', [db.households, db.persons, db.outbox], async () => {
      const household = body.householdId ? await db.households.get(body.householdId) : undefined;
      await db.persons.put(localPerson(body, household?.regionId ?? body.regionId ?? 0, now));
      await editAndRetry(db, entryId, body);
    });
  } else if (entry.kind === 'visit') {
    const body = checkVisit({ ...(input as VisitInput), id });
    await editAndRetry(db, entryId, body);
  } else {
    throw new Error(`no editor for ${entry.kind}`);
  }
}

// A form made or signed on the grid worker's phone goes through the field app's outbox (the same
// queue as households, people and visits): it is kept on the phone with its own Idempotency-Key
// and a client-made id, and sent when there is signal. Until then the pages show the queued copy.
import { v7 } from 'uuid';
import type { z } from 'zod';
import { type Form, FormCreate, SignatureDrawn } from '../../../shared/forms.ts';
import { ApiError, NETWORK_ERROR } from '../../lib/api.ts';
import type { FieldDb, OutboxEntry } from '../../offline/db.ts';
import { enqueue } from '../../offline/outbox.ts';

export const FORM_KIND = 'form';
export const SIGNATURE_KIND = 'formSignature';

/** A contract error before queueing: the same shape the server would answer, so the page shows it alike. */
function refuse(error: z.ZodError): never {
  throw new ApiError(400, 'VALIDATION_ERROR', 'invalid', error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })));
}

/** A form to create, without its id (made here); each kind keeps its own fields. */
export type NewForm = z.input<typeof FormCreate> extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/**
 * Queues a new form. It needs its household and person on the server first: when those were made
 * on the phone too, they are earlier entries, and a refusal of one holds this one back.
 */
export async function queueForm(db: FieldDb, input: NewForm, address: string): Promise<string> {
  const parsed = FormCreate.safeParse({ ...input, id: v7() });
  if (!parsed.success) refuse(parsed.error);
  const body = parsed.data as FormCreate & { id: string };
  const needs = [body.householdId, ...('personId' in body ? [body.personId] : [])];
  await enqueue(db, { method: 'POST', path: '/forms', body, kind: FORM_KIND, summary: address, recordId: body.id, dependsOn: needs });
  return body.id;
}

/** Queues a drawn signature; after the form's own creation when that is still on the phone. */
export async function queueSignature(db: FieldDb, formId: string, input: z.input<typeof SignatureDrawn>, address: string): Promise<void> {
  const parsed = SignatureDrawn.safeParse(input);
  if (!parsed.success) refuse(parsed.error);
  await enqueue(db, {
    method: 'POST',
    path: `/forms/${encodeURIComponent(formId)}/signature`,
    body: parsed.data,
    kind: SIGNATURE_KIND,
    summary: address,
    entityId: formId,
    dependsOn: [formId],
  });
}

/** The outbox entries about one form (its creation, its signature), oldest first. */
export const formEntries = (db: FieldDb, formId: string): Promise<OutboxEntry[]> => db.outbox.where('entityId').equals(formId).sortBy('seq');

/** The form as queued on the phone, shaped like the server's answer, for the detail page. */
export function localForm(entry: OutboxEntry, regionId: number): Form | null {
  const parsed = FormCreate.safeParse(entry.body);
  if (!parsed.success || entry.recordId === undefined) return null;
  const b = parsed.data;
  return {
    id: entry.recordId,
    kind: b.kind,
    householdId: b.householdId,
    personId: 'personId' in b ? b.personId : null,
    regionId,
    fields: b.fields as Record<string, unknown>,
    status: 'pending',
    signatureMethod: null,
    signatureType: null,
    signedAt: null,
    signedBy: null,
    createdAt: entry.createdAt,
    updatedAt: entry.createdAt,
  };
}

/** The server could not be reached (no signal): the caller falls back to the phone's copy. */
export const isUnreachable = (err: unknown): boolean => err instanceof ApiError && (err.status === 0 || err.code === NETWORK_ERROR);

/** A server read with the phone's cache behind it when there is no signal. */
export async function orCached<T>(read: () => Promise<T>, cached: () => Promise<T | undefined | null>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!isUnreachable(err)) throw err;
    const local = await cached();
    if (local === undefined || local === null) throw err;
    return local;
  }
}

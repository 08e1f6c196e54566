// A form made or signed on the grid worker's phone goes through the phone app's outbox (the same
// queue as households, people and visits): it is kept on the phone with its own Idempotency-Key
// and a client-made id, and sent when there is signal. Until then the pages show the queued copy.
import { v7 } from 'uuid';
import type { z } from 'zod';
import type { Form, FormCreate, SignatureDrawn } from '../../shared/forms.ts';
import { checkContract } from '../contract.ts';
import type { FieldDb, OutboxEntry } from './db.ts';
import { InvalidChange } from './household-changes.ts';
import { enqueue } from './outbox.ts';

export const FORM_KIND = 'form';
export const SIGNATURE_KIND = 'formSignature';

/** A form to create, without its id (made here); each kind keeps its own fields (partial: the server prefills). */
export type NewForm = FormCreate extends infer T ? (T extends unknown ? Omit<T, 'id' | 'fields'> & { fields?: Record<string, unknown> } : never) : never;

/** The contract's verdict before queueing, with the paths the server would name. */
function judged<T>(schema: 'FormCreate' | 'SignatureDrawn', body: unknown): T {
  const issues = checkContract(schema, body);
  if (issues.length) throw new InvalidChange(issues);
  return body as T;
}

/**
 * Queues a new form. It needs its household and person on the server first: when those were made
 * on the phone too, they are earlier entries, and a refusal of one holds this one back.
 */
export async function queueForm(db: FieldDb, input: NewForm, address: string): Promise<string> {
  const body = judged<FormCreate & { id: string }>('FormCreate', { fields: {}, ...input, id: v7() });
  const needs = [body.householdId, ...('personId' in body ? [body.personId] : [])];
  await enqueue(db, { method: 'POST', path: '/forms', body, kind: FORM_KIND, summary: address, recordId: body.id, dependsOn: needs });
  return body.id;
}

/** Queues a drawn signature; after the form's own creation when that is still on the phone. */
export async function queueSignature(db: FieldDb, formId: string, input: z.input<typeof SignatureDrawn>, address: string): Promise<void> {
  const body = judged<z.input<typeof SignatureDrawn>>('SignatureDrawn', input);
  await enqueue(db, {
    method: 'POST',
    path: `/forms/${encodeURIComponent(formId)}/signature`,
    body,
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
  if (entry.recordId === undefined || checkContract('FormCreate', entry.body).length) return null;
  const b = entry.body as FormCreate;
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

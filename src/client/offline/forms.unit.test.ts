// Forms through the field outbox: the form and its signature are queued with client-made ids and
// their own keys, the signature after (and depending on) the form, checked against the contract.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldDb } from './db.ts';
import { listOutbox } from './outbox.ts';
import { isBlocked } from './sync.ts';
import { FORM_KIND, formEntries, localForm, queueForm, queueSignature, SIGNATURE_KIND } from './forms.ts';

const HOUSEHOLD = '01938a6e-0000-7000-8000-000000000001';
const PERSON = '01938a6e-0000-7000-8000-000000000002';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
let db: FieldDb;

beforeEach(() => {
  db = new FieldDb(`forms-offline-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('forms in the outbox', () => {
  it('queues the form, then its signature depending on it', async () => {
    const id = await queueForm(db, { kind: 'floating_registration', householdId: HOUSEHOLD, personId: PERSON, fields: { reasonForStay: '务工' } }, '城北路 9 号');
    await queueSignature(db, id, { dataUrl: PNG, signedBy: '周外来' }, '城北路 9 号');
    const [form, signature] = await listOutbox(db);
    expect(form).toMatchObject({ method: 'POST', path: '/forms', kind: FORM_KIND, summary: '城北路 9 号', recordId: id, entityId: id, dependsOn: [HOUSEHOLD, PERSON] });
    expect(form?.body).toMatchObject({ id, kind: 'floating_registration', householdId: HOUSEHOLD, personId: PERSON });
    expect(signature).toMatchObject({ path: `/forms/${id}/signature`, kind: SIGNATURE_KIND, entityId: id, dependsOn: [id], body: { dataUrl: PNG, signedBy: '周外来' } });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(form?.idempotencyKey).not.toBe(signature?.idempotencyKey);
    // A refused form holds its signature back.
    expect(signature && isBlocked(signature, new Set([id]))).toBe(true);
    expect((await formEntries(db, id)).map((e) => e.kind)).toEqual([FORM_KIND, SIGNATURE_KIND]);
    expect(form && localForm(form, 7)).toMatchObject({ id, status: 'pending', personId: PERSON, regionId: 7, fields: { reasonForStay: '务工' } });
  });

  it('refuses before queueing what the server would refuse, naming the field', async () => {
    await expect(queueSignature(db, '01938a6e-0000-7000-8000-000000000003', { dataUrl: 'data:image/jpeg;base64,xx' }, 'x')).rejects.toMatchObject({ issues: [{ path: 'dataUrl' }] });
    await expect(queueForm(db, { kind: 'floating_registration', householdId: HOUSEHOLD, personId: '' }, 'x')).rejects.toMatchObject({ issues: [{ path: 'personId' }] });
    expect(await listOutbox(db)).toHaveLength(0);
  });
});

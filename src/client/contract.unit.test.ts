// The phone's check of a body (JSON Schema made from the contract at build time) against the
// contract's own zod schema: for bodies of every shape — valid, missing, too long, wrong type,
// unknown field, bad UUID or day — both give the same verdict, and the check names the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FormCreate, SignatureDrawn } from '../shared/forms.ts';
import { HouseholdCreate, PERSON_CATEGORIES, PersonCreate, VISIT_CHECKS, VISIT_OUTCOMES, VisitCreate } from '../shared/households.ts';
import { checkContract, type ContractSchema } from './contract.ts';
import { values } from './contract-values.ts';

const UUID = '01938a6e-0000-7000-8000-000000000001';
// Text as the phone sends it: already trimmed (the check does not model zod's trim).
const text = (max: number) => fc.oneof(fc.string({ minLength: 1, maxLength: max + 3 }).map((s) => s.trim() || 'x'), fc.constant(''), fc.constant('地'.repeat(max + 1)));
const anything = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 5 }), fc.constant([]));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: anything });
const uuid = fc.oneof(fc.constant(UUID), fc.constant('not-a-uuid'), fc.uuid());
const day = fc.oneof(fc.constant('2026-11-20'), fc.constant('2026-02-30'), fc.constant('20261120'));
const extra = fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant({ surplus: 1 }) });

const bodies: Record<'HouseholdCreate' | 'PersonCreate' | 'VisitCreate', fc.Arbitrary<object>> = {
  HouseholdCreate: fc.tuple(fc.record({
    regionId: maybe(fc.integer({ min: -2, max: 5 })), address: maybe(text(200)), building: maybe(text(40)), room: maybe(text(40)),
    isRental: maybe(fc.boolean()), landlordName: maybe(text(60)), landlordPhone: maybe(fc.string({ maxLength: 32 })), id: maybe(uuid),
  }, { requiredKeys: [] }), extra).map(([a, b]) => ({ ...a, ...b })),
  PersonCreate: fc.tuple(fc.record({
    name: maybe(text(50)), householdId: maybe(uuid), category: maybe(fc.constantFrom(...PERSON_CATEGORIES, 'alien')), arrivedOn: maybe(day),
    origin: maybe(text(100)), keyPerson: maybe(fc.boolean()), idNumber: maybe(fc.string({ maxLength: 42 })),
  }, { requiredKeys: [] }), extra).map(([a, b]) => ({ ...a, ...b })),
  VisitCreate: fc.tuple(fc.record({
    householdId: maybe(uuid), outcome: maybe(fc.constantFrom(...VISIT_OUTCOMES, 'gone')), checked: maybe(fc.subarray([...VISIT_CHECKS, 'x'])),
    presentCount: maybe(fc.oneof(fc.integer({ min: -1, max: 201 }), fc.double({ min: 0, max: 3, noNaN: true }))),
    confirmedPersonIds: maybe(fc.array(uuid, { maxLength: 3 })), visitedAt: maybe(fc.constantFrom('2026-11-20T08:00:00.000Z', '2026-11-20T08:00:00+08:00', '2026-11-20')),
    note: maybe(fc.string({ maxLength: 1002 })),
  }, { requiredKeys: [] }), extra).map(([a, b]) => ({ ...a, ...b })),
};
const schemas: Record<string, z.ZodType> = { HouseholdCreate, PersonCreate, VisitCreate };

describe('the contract check without zod', () => {
  for (const [name, arb] of Object.entries(bodies)) {
    it(`gives the zod schema's verdict on ${name}`, () => {
      fc.assert(
        fc.property(arb, (body) => {
          const zodSays = schemas[name]?.safeParse(body).success;
          const issues = checkContract(name as ContractSchema, body);
          expect(issues.length === 0).toBe(zodSays);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('follows the kind of a form (a union) and names the field inside it', () => {
    const good = { kind: 'floating_registration', householdId: UUID, personId: UUID, fields: { reasonForStay: '务工' } };
    expect(FormCreate.safeParse(good).success).toBe(true);
    expect(checkContract('FormCreate', good)).toEqual([]);
    const rental = { kind: 'rental_responsibility', householdId: UUID, fields: { tenants: [] } };
    expect(FormCreate.safeParse(rental).success).toBe(false);
    expect(checkContract('FormCreate', rental)).toEqual([{ path: 'fields.tenants', message: 'too few' }]);
    expect(checkContract('FormCreate', { ...good, kind: 'other' })).toEqual([{ path: 'body', message: 'invalid' }]);
    expect(checkContract('SignatureDrawn', { dataUrl: 'data:image/jpeg;base64,xx' })).toEqual([{ path: 'dataUrl', message: 'invalid' }]);
    expect(SignatureDrawn.safeParse({ dataUrl: 'data:image/jpeg;base64,xx' }).success).toBe(false);
  });

  it('names each field the way the server does', () => {
    expect(checkContract('HouseholdCreate', { regionId: 0, address: '', surplus: 1 })).toEqual([
      { path: 'regionId', message: 'too small' },
      { path: 'address', message: 'required' },
      { path: 'surplus', message: 'unknown field' },
    ]);
    expect(checkContract('VisitCreate', { householdId: UUID, outcome: 'verified', confirmedPersonIds: ['x'] })).toEqual([{ path: 'confirmedPersonIds.0', message: 'invalid' }]);
  });

  it('carries the contract’s lists, not copies', () => {
    expect(values.PERSON_CATEGORIES).toEqual(PERSON_CATEGORIES);
    expect(values.VISIT_CHECKS).toEqual(VISIT_CHECKS);
  });
});

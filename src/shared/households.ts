// Households and people (排摸): the contract both the server and the phone app use.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { PageQuery } from './paging.ts';

export const PERSON_CATEGORIES = ['resident', 'floating', 'returnee', 'migrant_worker', 'tenant', 'visitor'] as const;
export const PersonCategory = z.enum(PERSON_CATEGORIES);
export type PersonCategory = z.infer<typeof PersonCategory>;

export const TRAVEL_MODES = ['train', 'plane', 'bus', 'car', 'ship', 'other'] as const;
/** How a person lives in the dwelling (来登去销: registered on arrival, cancelled on leaving). */
export const DWELLING_RELATIONS = ['owner', 'family', 'tenant', 'lodger'] as const;

/** The longest text each field takes, in characters: the API's schemas, the import and the forms read them here. */
export const HOUSEHOLD_LIMITS = { address: 200, building: 40, unit: 40, room: 40, landlordName: 60, landlordPhone: 30 } as const;
export const PERSON_LIMITS = { name: 50, idNumber: 40, phone: 30, origin: 100, employer: 100, keyPersonReason: 200 } as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();
/** Client-made UUIDv7 (the phone creates ids offline); the server makes one when absent. */
const ClientId = RecordId;

export const Household = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    address: z.string(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
    isRental: z.boolean(),
    landlordName: z.string().nullable(),
    /** Masked unless the caller asked to reveal it. */
    landlordPhone: z.string().nullable(),
    memberCount: z.number().int().optional(),
    lastVisitedOn: z.string().nullable().optional(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Household' });
export type Household = z.infer<typeof Household>;

export const HouseholdCreate = z.strictObject({
  id: ClientId.optional(),
  regionId: RegionIdBody,
  address: Text(HOUSEHOLD_LIMITS.address),
  building: Text(HOUSEHOLD_LIMITS.building).optional(),
  unit: Text(HOUSEHOLD_LIMITS.unit).optional(),
  room: Text(HOUSEHOLD_LIMITS.room).optional(),
  isRental: z.boolean().default(false),
  landlordName: Text(HOUSEHOLD_LIMITS.landlordName).optional(),
  landlordPhone: z.string().max(HOUSEHOLD_LIMITS.landlordPhone).optional(),
});
export type HouseholdCreate = z.infer<typeof HouseholdCreate>;

export const HouseholdPatch = z.strictObject({
  /** The version the client last saw: fields it changed that someone else changed since clash. */
  baseVersion: z.number().int().positive(),
  regionId: RegionIdBody.optional(),
  address: Text(HOUSEHOLD_LIMITS.address).optional(),
  building: Text(HOUSEHOLD_LIMITS.building).nullable().optional(),
  unit: Text(HOUSEHOLD_LIMITS.unit).nullable().optional(),
  room: Text(HOUSEHOLD_LIMITS.room).nullable().optional(),
  isRental: z.boolean().optional(),
  landlordName: Text(HOUSEHOLD_LIMITS.landlordName).nullable().optional(),
  landlordPhone: z.string().max(HOUSEHOLD_LIMITS.landlordPhone).nullable().optional(),
});
export type HouseholdPatch = z.infer<typeof HouseholdPatch>;

export const HouseholdListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  q: z.string().trim().max(100).optional(),
  /** Households nobody has visited for at least this many days (never visited included). */
  notVisitedForDays: z.coerce.number().int().min(0).max(3650).optional(),
});

export const Person = z
  .object({
    id: z.string(),
    householdId: z.string().nullable(),
    regionId: z.number().int(),
    name: z.string(),
    /** Masked in lists; in full only on a revealed read, which is audited with its purpose. */
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    birthDate: z.string().nullable(),
    category: PersonCategory,
    origin: z.string().nullable(),
    arrivedOn: z.string().nullable(),
    travelMode: z.enum(TRAVEL_MODES).nullable(),
    employer: z.string().nullable(),
    dwellingRelation: z.enum(DWELLING_RELATIONS).nullable(),
    keyPerson: z.boolean(),
    keyPersonReason: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

const personFields = {
  householdId: RecordId.optional(),
  regionId: RegionIdBody.optional(),
  name: Text(PERSON_LIMITS.name),
  idNumber: z.string().max(PERSON_LIMITS.idNumber).optional(),
  phone: z.string().max(PERSON_LIMITS.phone).optional(),
  category: PersonCategory,
  origin: Text(PERSON_LIMITS.origin).optional(),
  arrivedOn: Day.optional(),
  travelMode: z.enum(TRAVEL_MODES).optional(),
  employer: Text(PERSON_LIMITS.employer).optional(),
  dwellingRelation: z.enum(DWELLING_RELATIONS).optional(),
  keyPerson: z.boolean().default(false),
  keyPersonReason: Text(PERSON_LIMITS.keyPersonReason).optional(),
};

export const PersonCreate = z.strictObject({ id: ClientId.optional(), ...personFields });
export type PersonCreate = z.infer<typeof PersonCreate>;

// A person's own fields and ownFieldsOf live in person-rules.ts (no zod: the phone app needs them).
export { type PersonOwnFields, ownFieldsOf } from './person-rules.ts';

export const PersonPatch = z.strictObject({
  baseVersion: z.number().int().positive(),
  householdId: RecordId.nullable().optional(),
  regionId: RegionIdBody.optional(),
  name: Text(PERSON_LIMITS.name).optional(),
  idNumber: z.string().max(PERSON_LIMITS.idNumber).nullable().optional(),
  phone: z.string().max(PERSON_LIMITS.phone).nullable().optional(),
  category: PersonCategory.optional(),
  origin: Text(PERSON_LIMITS.origin).nullable().optional(),
  arrivedOn: Day.nullable().optional(),
  travelMode: z.enum(TRAVEL_MODES).nullable().optional(),
  employer: Text(PERSON_LIMITS.employer).nullable().optional(),
  dwellingRelation: z.enum(DWELLING_RELATIONS).nullable().optional(),
  keyPerson: z.boolean().optional(),
  keyPersonReason: Text(PERSON_LIMITS.keyPersonReason).nullable().optional(),
});
export type PersonPatch = z.infer<typeof PersonPatch>;
/** A person's own fields as the forms show them: the patch's, without the version and where the person lives. */
export const PERSON_FORM_FIELDS = PersonPatch.keyof().exclude(['baseVersion', 'householdId', 'regionId']).options;
/** What merging a duplicate takes field by field: a person's own fields but the ID number both share. */
export const PersonMergeFields = PersonPatch.omit({ baseVersion: true, householdId: true, regionId: true, idNumber: true });
export const PERSON_MERGE_FIELDS = PersonMergeFields.keyof().options;

export const PersonListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  householdId: RecordId.optional(),
  category: PersonCategory.optional(),
  keyPerson: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});

export const VISIT_OUTCOMES = ['verified', 'updated', 'nobody_home', 'refused', 'moved_out'] as const;
/** What a door-to-door visit can check (核查项). */
export const VISIT_CHECKS = ['people_present', 'id_documents', 'health', 'travel_history', 'quarantine', 'rental_letter', 'publicity'] as const;

export const VisitCreate = z.strictObject({
  id: RecordId.optional(),
  householdId: RecordId,
  /** When the visit happened (the phone may send it hours later). */
  visitedAt: z.iso.datetime({ offset: true }).optional(),
  outcome: z.enum(VISIT_OUTCOMES),
  checked: z.array(z.enum(VISIT_CHECKS)).max(VISIT_CHECKS.length).default([]),
  presentCount: z.number().int().min(0).max(200).optional(),
  /** People found living there (confirmed). */
  confirmedPersonIds: z.array(RecordId).max(200).default([]),
  /** People who have left the dwelling (来登去销: their link ends today). */
  leftPersonIds: z.array(RecordId).max(200).default([]),
  /**
   * Where those who left went, one entry per person of leftPersonIds (issue 19): a grid of this
   * installation (`toRegionId`: a hand-over is proposed there and the grid stays responsible until
   * it is accepted) or a place GridGuard does not cover (`leftTo`, `leftOn`: recorded as departed,
   * as the staff screens' 离开辖区 does). A person left without an entry only ends their stay.
   */
  leftTo: z
    .array(
      z.strictObject({
        personId: RecordId,
        toRegionId: z.number().int().positive().optional(),
        leftTo: z.string().trim().min(1).max(200).optional(),
        leftOn: z.iso.date().optional(),
      }),
    )
    .max(200)
    .default([]),
  note: z.string().trim().max(1000).optional(),
});
export type VisitCreate = z.infer<typeof VisitCreate>;

export const Visit = z
  .object({
    id: z.string(),
    householdId: z.string(),
    regionId: z.number().int(),
    userId: z.string(),
    visitedAt: z.string(),
    visitedOn: z.string(),
    outcome: z.enum(VISIT_OUTCOMES),
    checked: z.array(z.string()),
    presentCount: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof Visit>;

export { looksMasked } from './masking.ts';

/**
 * "The same person, who moved here" (重复身份证号合并): the registered person moves into
 * `householdId`, taking the values the user chose field by field.
 */
export const PersonMerge = z.strictObject({
  householdId: RecordId,
  /** The version of the existing person the user saw when choosing. */
  baseVersion: z.number().int().positive(),
  fields: PersonMergeFields.default({}),
});
export type PersonMerge = z.infer<typeof PersonMerge>;

/** Roles that resolve clashes of edits (编辑冲突) in their subtree. */
export const CONFLICT_RESOLVERS = ['admin', 'town_officer', 'village_secretary', 'grid_leader'] as const;

export const EditConflict = z
  .object({
    id: z.string(),
    entity: z.enum(['household', 'person']),
    entityId: z.string(),
    regionId: z.number().int(),
    /** The household the record is or belongs to, to open it from the list. */
    householdId: z.string().nullable().optional(),
    /** The person's name or the household's address, so the leader knows which record. */
    label: z.string().nullable().optional(),
    field: z.string(),
    /** The refused value; ID and phone numbers masked. */
    proposed: z.unknown(),
    current: z.unknown(),
    userId: z.string().nullable(),
    /** Who proposed the refused value. */
    userName: z.string().nullable().optional(),
    at: z.string(),
  })
  .meta({ id: 'EditConflict' });
export type EditConflict = z.infer<typeof EditConflict>;

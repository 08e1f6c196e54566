// Paper forms of the household investigation (排摸): the floating-population registration form
// (流动人口排查登记表) and the rental-housing security responsibility letter
// (出租房屋治安管理责任书). A form is a snapshot of what was signed; ID and phone numbers are
// never stored in it: the print view reads them, audited, from the person and the household.
import { z } from 'zod';
import { RecordId, RegionIdParam } from './ids.ts';
import { TRAVEL_MODES } from './households.ts';
import { PageQuery } from './paging.ts';

export const FORM_KINDS = ['floating_registration', 'rental_responsibility'] as const;
export const FormKind = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof FormKind>;

export const FORM_STATUSES = ['pending', 'signed'] as const;
export const FormStatus = z.enum(FORM_STATUSES);
export type FormStatus = z.infer<typeof FormStatus>;

export const SIGNATURE_METHODS = ['drawn', 'scan'] as const;

/** The landlord duties printed on the letter, by version: a signed letter keeps its version. */
export const DUTIES_VERSIONS = ['2026.1'] as const;
export const CURRENT_DUTIES_VERSION = '2026.1';
/** Number of duty clauses in each version (the text lives in the web app's i18n, `forms.duties`). */
export const DUTY_COUNT: Record<(typeof DUTIES_VERSIONS)[number], number> = { '2026.1': 8 };

/** A drawn signature (PNG) at most 200 KB; a photo or scanned image of a signed form at most 5 MB. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();

/** 流动人口排查登记表: who, from where, since when, how, where they live and work, why. */
export const RegistrationFields = z.strictObject({
  name: Text(50),
  origin: Text(100),
  arrivedOn: Day,
  travelMode: z.enum(TRAVEL_MODES),
  residenceAddress: Text(200),
  employer: Text(100).optional(),
  reasonForStay: Text(200),
  plannedStayUntil: Day.optional(),
  remarks: Text(500).optional(),
});
export type RegistrationFields = z.infer<typeof RegistrationFields>;

export const Tenant = z.strictObject({
  /** The tenant's person record, when registered: the print view reads their ID number from it. */
  personId: RecordId.optional(),
  name: Text(50),
});

/** 出租房屋治安管理责任书: landlord, tenants, the dwelling, the duties version and the term. */
export const RentalFields = z.strictObject({
  landlordName: Text(60),
  address: Text(200),
  tenants: z.array(Tenant).min(1).max(20),
  dutiesVersion: z.enum(DUTIES_VERSIONS),
  termStart: Day,
  termEnd: Day,
  remarks: Text(500).optional(),
});
export type RentalFields = z.infer<typeof RentalFields>;

export const FormFields = z.union([RegistrationFields, RentalFields]);

const ClientId = RecordId;

// On create, fields may be partial: the server fills the rest from the person and household
// (prefill), then checks the whole.
export const FormCreate = z.discriminatedUnion('kind', [
  z.strictObject({
    id: ClientId.optional(),
    kind: z.literal('floating_registration'),
    householdId: RecordId,
    personId: RecordId,
    fields: RegistrationFields.partial().default({}),
  }),
  z.strictObject({
    id: ClientId.optional(),
    kind: z.literal('rental_responsibility'),
    householdId: RecordId,
    fields: RentalFields.partial().default({}),
  }),
]);
export type FormCreate = z.infer<typeof FormCreate>;

/** Only a pending form can change; the given fields replace those of the form (others stay). */
export const FormPatch = z.strictObject({
  fields: z.record(z.string(), z.unknown()),
});
export type FormPatch = z.infer<typeof FormPatch>;

export const Form = z
  .object({
    id: z.string(),
    kind: FormKind,
    householdId: z.string(),
    personId: z.string().nullable(),
    regionId: z.number().int(),
    fields: z.record(z.string(), z.unknown()),
    status: FormStatus,
    signatureMethod: z.enum(SIGNATURE_METHODS).nullable(),
    signatureType: z.string().nullable(),
    signedAt: z.string().nullable(),
    signedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Form' });
export type Form = z.infer<typeof Form>;

export const FormListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  householdId: RecordId.optional(),
  kind: FormKind.optional(),
  status: FormStatus.optional(),
});

export const SignatureDrawn = z.strictObject({
  /** data:image/png;base64,… as signature_pad's toDataURL() gives it. */
  dataUrl: z.string().startsWith('data:image/png;base64,', 'must be a PNG data URL').max(1_000_000),
  signedBy: Text(60).optional(),
});

/** What the print view needs: the form, and the numbers in full (the read is audited). */
export const FormPrint = z
  .object({
    form: Form,
    regionName: z.string(),
    landlordPhone: z.string().nullable(),
    /** Display name of the staff account that registered the form (登记网格员); null when it is gone. */
    registeredBy: z.string().nullable(),
    person: z
      .object({ name: z.string(), gender: z.string().nullable(), birthDate: z.string().nullable(), idNumber: z.string().nullable(), phone: z.string().nullable() })
      .nullable(),
    tenants: z.array(z.object({ name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable() })),
  })
  .meta({ id: 'FormPrint' });
export type FormPrint = z.infer<typeof FormPrint>;

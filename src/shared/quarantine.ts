// Home quarantine (居家隔离): orders, their daily health checks, and the alerts they raise
// (a fever, a missed day's check, a breach). The contract the server and the web app share.
// Health data (temperature, symptoms) is personal: it never appears in logs or error messages.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { ROLES, type Role } from './accounts.ts';
import { NumberSearch, PageQuery } from './paging.ts';
import { ResponsibleMember } from './responsibility.ts';

/** Everyone with a staff account except auditors reads orders and alerts of their subtree. */
export const QUARANTINE_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor');
/** Order, release and extend; record checks and breaches; acknowledge alerts. */
export const QUARANTINE_WRITERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];

export const QUARANTINE_STATUSES = ['active', 'released'] as const;
export const QuarantineStatus = z.enum(QUARANTINE_STATUSES);
export type QuarantineStatus = z.infer<typeof QuarantineStatus>;

export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'diarrhea', 'loss_of_smell', 'other'] as const;
export const Symptom = z.enum(SYMPTOMS);
export type Symptom = z.infer<typeof Symptom>;

export const ALERT_KINDS = ['fever', 'missed_check', 'breach'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;
/** How urgent an alert is: a fever or a breach (2) comes before a missed check (1) in a list. */
export const ALERT_SEVERITY: Record<AlertKind, number> = { fever: 2, breach: 2, missed_check: 1 };

/** A temperature at or above this (°C) is a fever and raises an alert. */
export const FEVER_AT = 37.3;
export const TEMPERATURE_MIN = 34.0;
export const TEMPERATURE_MAX = 43.0;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();

export const Quarantine = z
  .object({
    id: z.string(),
    /** Short number people read out on the phone (prefix, county day, sequence), unique in the county; `?q=` on the list finds it. */
    number: z.string().meta({ description: 'Short human number, unique in the county, e.g. GL-20261206-0007; the list’s ?q= finds it', example: 'GL-20261206-0007' }),
    personId: z.string(),
    /** The person's name only: never the ID number or phone. */
    personName: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    /** On lists: the region's place below the county, town first (e.g. 城关镇 / 东村 / 第二村民小组). */
    regionPath: z.array(z.string()).optional().meta({ description: 'On lists: the names from the town down to the order’s region', example: ['城关镇', '东村', '第二村民小组'] }),
    /** Health data: on lists only for the account that monitors the order (null for others); the audited detail carries it. */
    reason: z.string().nullable().meta({ description: 'Health data: null on lists except for the order’s monitor; the order’s (audited) detail carries it' }),
    place: z.string().nullable(),
    startOn: z.string(),
    endOn: z.string(),
    status: QuarantineStatus,
    monitorUserId: z.string().nullable(),
    monitorName: z.string().nullable(),
    releasedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Quarantine' });
export type Quarantine = z.infer<typeof Quarantine>;

export const QuarantineCheck = z
  .object({
    id: z.string(),
    orderId: z.string(),
    day: z.string(),
    at: z.string(),
    temperature: z.number(),
    symptoms: z.array(Symptom),
    note: z.string().nullable(),
    fever: z.boolean(),
    by: z.string().nullable(),
  })
  .meta({ id: 'QuarantineCheck' });
export type QuarantineCheck = z.infer<typeof QuarantineCheck>;

export const QuarantineEventKind = z.enum(['ordered', 'extended', 'breach', 'released']);
export type QuarantineEventKind = z.infer<typeof QuarantineEventKind>;

export const QuarantineEvent = z.object({
  id: z.string(),
  kind: QuarantineEventKind,
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  /** For 'extended': the end before and after. */
  fromEndOn: z.string().optional(),
  toEndOn: z.string().optional(),
});
export type QuarantineEvent = z.infer<typeof QuarantineEvent>;

/** `responsible`: the person's responsible people (五包一), contacts' phones masked (GET /persons/:id/responsible shows them). */
export const QuarantineDetail = Quarantine.extend({ checks: z.array(QuarantineCheck), events: z.array(QuarantineEvent), responsible: z.array(ResponsibleMember) }).meta({ id: 'QuarantineDetail' });
export type QuarantineDetail = z.infer<typeof QuarantineDetail>;

export const QuarantineCreate = z.strictObject({
  personId: RecordId,
  reason: Text(200),
  startOn: Day,
  /** Defaults to startOn + the county's quarantine period − 1 (an N-day order includes its first day). */
  endOn: Day.optional(),
  place: Text(200).optional(),
  monitorUserId: RecordId.optional(),
});
export type QuarantineCreate = z.infer<typeof QuarantineCreate>;

export const QuarantineListQuery = PageQuery.extend({
  q: NumberSearch,
  regionId: RegionIdParam.optional(),
  status: QuarantineStatus.optional(),
  /** Orders ending on or before this day. */
  endingBy: Day.optional(),
});

export const CheckCreate = z.strictObject({
  temperature: z
    .number()
    .min(TEMPERATURE_MIN, `temperature is between ${TEMPERATURE_MIN} and ${TEMPERATURE_MAX} °C`)
    .max(TEMPERATURE_MAX, `temperature is between ${TEMPERATURE_MIN} and ${TEMPERATURE_MAX} °C`),
  symptoms: z.array(Symptom).max(SYMPTOMS.length).optional(),
  note: Text(500).optional(),
});
export type CheckCreate = z.infer<typeof CheckCreate>;
export const CheckCreated = QuarantineCheck.extend({ alert: z.boolean() });

export const Release = z.strictObject({ note: Text(500) });
export const Extension = z.strictObject({ endOn: Day, reason: Text(200) });
export const BreachCreate = z.strictObject({ note: Text(500), at: z.iso.datetime({ offset: true }).optional() });
export const BreachCreated = z.object({ id: z.string(), orderId: z.string(), at: z.string(), alertId: z.string() });

export const QuarantineAlert = z
  .object({
    id: z.string(),
    kind: AlertKind,
    orderId: z.string(),
    personName: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    day: z.string(),
    raisedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    /** ALERT_SEVERITY of its kind: 2 fever or breach, 1 missed check. */
    severity: z.number().int(),
    /**
     * A missed check recorded by a run that started long after the day's deadline (no server was
     * running at CHECK_DEADLINE): the list says so, so a batch of them raised at once is explained.
     */
    caughtUp: z.boolean(),
  })
  .meta({ id: 'QuarantineAlert' });
export type QuarantineAlert = z.infer<typeof QuarantineAlert>;

export const AlertListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  /** true: unacknowledged only; false: acknowledged only; absent: both. */
  open: z.enum(['true', 'false']).optional(),
  kind: AlertKind.optional(),
  /** time (default): newest first; severity: fever and breach before missed checks, each newest first. */
  sort: z.enum(['time', 'severity']).optional(),
});

/** By this county time a day's check should have been recorded; the missed-check job runs then. */
export const CHECK_DEADLINE = '20:00';
/** The most alerts one bulk acknowledgement may confirm. */
export const BULK_ACK_MAX = 500;

/**
 * Confirm several open alerts in one request: the listed ids, or every open alert matching a
 * filter of the list, in the subtree of regionId (the caller's own region when absent).
 */
export const AlertBulkAck = z
  .strictObject({
    regionId: RegionIdBody.optional(),
    ids: z.array(RecordId).min(1).max(BULK_ACK_MAX, `at most ${BULK_ACK_MAX} alerts at once`).optional(),
    matching: z.strictObject({ kind: AlertKind.optional() }).optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.matching === undefined), { message: 'give either ids or matching', path: ['ids'] });
export type AlertBulkAck = z.infer<typeof AlertBulkAck>;
export const AlertBulkAckResult = z.object({
  /** How many this request confirmed (each audited). */
  acknowledged: z.number().int(),
  /** How many were confirmed already (by someone else, or a moment earlier). */
  alreadyAcknowledged: z.number().int(),
  ids: z.array(z.string()),
});
export type AlertBulkAckResult = z.infer<typeof AlertBulkAckResult>;

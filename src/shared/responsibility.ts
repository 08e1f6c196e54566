// Responsibility by name (压实责任): the people responsible for a person under control (五包一),
// and the named people of grids and micro-grids (微网格长, 党员志愿者, 楼道长). The server
// validates with these schemas; the web builds its editors from them.
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';

/** 五包一: grid worker, village cadre, police officer, village doctor, a family member. */
export const RESPONSIBLE_ROLES = ['grid_worker', 'village_cadre', 'police', 'doctor', 'family'] as const;
export const ResponsibleRole = z.enum(RESPONSIBLE_ROLES);
export type ResponsibleRole = z.infer<typeof ResponsibleRole>;
/** Members whose account, when it is a staff account, gets an alert's health details (they monitor the person). */
export const MONITORING_MEMBER_ROLES: readonly ResponsibleRole[] = ['grid_worker', 'doctor'];
export const RESPONSIBLE_LIMITS = { members: 20, name: 50, phone: 30 } as const;

/** One member as written: an account (`userId`) or a contact without an account (`name` and `phone`). */
export const ResponsibleMemberInput = z
  .strictObject({
    role: ResponsibleRole,
    userId: RecordId.optional(),
    name: z.string().trim().min(1).max(RESPONSIBLE_LIMITS.name).optional(),
    phone: z.string().trim().min(1).max(RESPONSIBLE_LIMITS.phone).optional(),
  })
  .superRefine((member, ctx) => {
    if (member.userId !== undefined) {
      if (member.name !== undefined || member.phone !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['userId'], message: 'an account (userId) or a contact (name and phone), not both' });
      }
      return;
    }
    if (member.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'a contact needs a name (or give userId)' });
    if (member.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a contact needs a phone (or give userId)' });
  });
export type ResponsibleMemberInput = z.infer<typeof ResponsibleMemberInput>;

export const ResponsiblePut = z.strictObject({ members: z.array(ResponsibleMemberInput).max(RESPONSIBLE_LIMITS.members) });
export type ResponsiblePut = z.infer<typeof ResponsiblePut>;

export const ResponsibleMember = z
  .object({
    id: z.string(),
    role: ResponsibleRole,
    userId: z.string().optional(),
    /** A contact's name, or the account's display name. */
    name: z.string(),
    /** A contact's phone in full (this answer is an audited read); absent for accounts. */
    phone: z.string().optional(),
    since: z.string(),
  })
  .meta({ id: 'ResponsibleMember' });
export type ResponsibleMember = z.infer<typeof ResponsibleMember>;

export const Responsible = z
  .object({
    personId: z.string(),
    members: z.array(ResponsibleMember),
    /** The person is under home quarantine or coloured red or yellow: every role must be filled. */
    required: z.boolean(),
    missingRoles: z.array(ResponsibleRole),
  })
  .meta({ id: 'Responsible' });
export type Responsible = z.infer<typeof Responsible>;

/** Who reads and sets a person's responsible people. */
export const RESPONSIBILITY_WRITERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
export const RESPONSIBILITY_READERS: readonly Role[] = [...RESPONSIBILITY_WRITERS, 'auditor'];

export const LoadQuery = z.object({ regionId: RegionIdParam.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
/** The HQ view: who carries how many persons, and persons under control with a role missing. */
export const ResponsibilityLoad = z
  .object({
    carriers: z.array(
      z.object({ userId: z.string().nullable(), name: z.string(), phone: z.string().nullable(), persons: z.number().int(), roles: z.array(ResponsibleRole) }),
    ),
    underControl: z.number().int(),
    incomplete: z.array(z.object({ personId: z.string(), personName: z.string(), regionId: z.number().int(), regionName: z.string(), missingRoles: z.array(ResponsibleRole) })),
    incompleteCount: z.number().int(),
  })
  .meta({ id: 'ResponsibilityLoad' });
export type ResponsibilityLoad = z.infer<typeof ResponsibilityLoad>;

/** A message an alert sent to one of its person's responsible people. */
export const ResponsibleMessage = z
  .object({
    id: z.string(),
    alertId: z.string(),
    personId: z.string(),
    personName: z.string(),
    /** The alert's kind for a 'health' message; null for 'check_on' (a fever is health data). */
    alertKind: z.string().nullable(),
    role: ResponsibleRole,
    /** 'health': a monitoring staff account, told the alert; 'check_on': asked to check on the person, nothing more. */
    audience: z.enum(['health', 'check_on']),
    userId: z.string().nullable(),
    /** For a contact: their name and phone, and the text to send them by phone or chat. */
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'ResponsibleMessage' });
export type ResponsibleMessage = z.infer<typeof ResponsibleMessage>;

// ── Named people of grids and micro-grids ──────────────────────────────────────────────
export const VOLUNTEER_KINDS = ['microgrid_head', 'party_volunteer', 'building_head'] as const;
export const VolunteerKind = z.enum(VOLUNTEER_KINDS);
export type VolunteerKind = z.infer<typeof VolunteerKind>;
export const VOLUNTEER_LIMITS = { name: 50, phone: 30, duties: 200 } as const;

export const VolunteerCreate = z.strictObject({
  regionId: RegionIdBody,
  kind: VolunteerKind,
  name: z.string().trim().min(1).max(VOLUNTEER_LIMITS.name),
  phone: z.string().trim().min(1).max(VOLUNTEER_LIMITS.phone),
  duties: z.string().trim().max(VOLUNTEER_LIMITS.duties).optional(),
  /** Their light account (role volunteer), when they have one. */
  userId: RecordId.optional(),
});
export type VolunteerCreate = z.infer<typeof VolunteerCreate>;

export const Volunteer = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    kind: VolunteerKind,
    name: z.string(),
    /** Masked in lists; in full only in the audited single read. */
    phone: z.string().nullable(),
    duties: z.string().nullable(),
    userId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof Volunteer>;

export const VolunteerListQuery = z.object({ regionId: RegionIdParam.optional() });
export const VolunteerCoverage = z
  .object({
    microgrids: z.number().int(),
    covered: z.number().int(),
    uncovered: z.array(z.object({ regionId: z.number().int(), name: z.string(), parentName: z.string().nullable() })),
  })
  .meta({ id: 'VolunteerCoverage' });
export type VolunteerCoverage = z.infer<typeof VolunteerCoverage>;
/** Who manages the named people of grids and micro-grids. */
export const VOLUNTEER_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];

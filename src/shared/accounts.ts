// Staff accounts, their roles and the sign-in contract.
import { z } from 'zod';
import { RegionIdBody, RegionIdParam } from './ids.ts';
import { PageQuery } from './paging.ts';

export const ROLES = [
  'admin',
  'commander',
  'town_officer',
  'village_secretary',
  'grid_leader',
  'grid_worker',
  'patrol_member',
  'auditor',
  /** A light account of a micro-grid's named person (微网格长, 党员志愿者, 楼道长): only the routes that name it. */
  'volunteer',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

// Who may do what, by role: the server enforces these lists, the web shows menus and buttons
// by them. Region scope comes on top (an account acts only inside its region's subtree).
/** Create, rename, move, deactivate and import regions. */
export const TERRITORY_EDITORS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** Create and manage staff accounts (which roles, and where: account-grants.ts). */
export const ACCOUNT_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** Read the audit log. */
export const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
/** Register households, people and visits, and see ID and phone numbers in full (audited). */
export const REGISTRARS: readonly Role[] = ['admin', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,39}$/, 'use 2–40 letters, digits, dot, dash or underscore');
export const PASSWORD_MIN = 10;
export const Password = z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(200);

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    regionId: z.number().int(),
    /** Work phone: how a supervisor reaches them (a missing daily report, a reminder). */
    phone: z.string().nullable(),
    active: z.boolean(),
    /** Its password was set by a manager: until it chooses its own, it may only change it (POST /auth/password). */
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** A staff work phone: mobile or landline (0571-88886666), digits with + - ( ) and spaces. */
export const WorkPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,22}$/, 'a phone number: digits, with + - ( ) or spaces');

export const UserCreate = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  role: Role,
  regionId: RegionIdBody,
  password: Password,
  phone: WorkPhone.optional(),
});
export const UserPatch = z.strictObject({
  displayName: z.string().trim().min(1).max(60).optional(),
  role: Role.optional(),
  regionId: RegionIdBody.optional(),
  active: z.boolean().optional(),
  phone: WorkPhone.nullable().optional(),
  /** A manager's reset: the account's sessions and tokens end, and it must choose its own at next sign-in. */
  password: Password.optional(),
});
/** Every account changes its own password with its current one; its other sessions and tokens end. */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});
export const UserListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  q: z.string().trim().max(60).optional(),
});

export const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});
export const Me = z
  .object({
    user: User,
    region: z.object({ id: z.number().int(), name: z.string(), level: z.string(), code: z.string() }),
    csrfToken: z.string().nullable(),
    authKind: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const TokenCreate = z.strictObject({
  name: z.string().trim().min(1).max(60),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});
export const TokenCreated = z.object({ id: z.string(), name: z.string(), token: z.string(), expiresAt: z.string() });

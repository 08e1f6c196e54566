// The audit log: entries of my subtree, newest first, paged with a cursor.
import type { z } from 'zod';
import { AuditEntry, ENUMERATION_SUSPECTED } from '../../../shared/audit.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

export type Entry = z.infer<typeof AuditEntry>;

export interface AuditFilter {
  userId?: string;
  entity?: string;
  entityId?: string;
  regionId?: number;
  action?: string;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
}

export const AUDIT_ENTITIES = [
  'region', 'user', 'household', 'person', 'quarantine', 'quarantine_alert', 'checkpoint', 'summary', 'form', 'arrival_entry',
  'tip', 'notice', 'handover', 'inspection', 'rectification', 'daily_report', 'volunteer', 'verification_list', 'verification_task', 'risk_rules', 'stand_down', 'purge_run',
] as const;

/** Where the console shows an entry's object, when it has a page for that type. */
export function entityHref(e: Entry): string | null {
  if (!e.entityId) return null;
  const id = encodeURIComponent(e.entityId);
  switch (e.entity) {
    case 'person':
      return e.entityHouseholdId ? `/households/${encodeURIComponent(e.entityHouseholdId)}?person=${id}` : null;
    case 'household':
      return `/households/${id}`;
    case 'quarantine':
      return `/quarantine/${id}`;
    case 'quarantine_alert':
      return '/quarantine/alerts';
    case 'region':
      return '/territory';
    case 'user':
      return '/users';
    case 'checkpoint':
      return '/checkpoints';
    default:
      return null;
  }
}

/** Entries shown in red: refusals, accounts switched off, suspected enumeration. */
export const alarming = (action: string): boolean =>
  action.includes('fail') || action === 'deactivate' || action === 'disable' || action === ENUMERATION_SUSPECTED;

export const searchAudit = (filter: AuditFilter, cursor: string | undefined) =>
  request('/audit', pageOf(AuditEntry), { query: { ...filter, cursor, limit: 50 } });

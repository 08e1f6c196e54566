// The audit log: entries of my subtree, newest first, paged with a cursor.
import type { z } from 'zod';
import { AuditEntry } from '../../../shared/audit.ts';
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

export const AUDIT_ENTITIES = ['region', 'user', 'household', 'person', 'summary'] as const;

export const searchAudit = (filter: AuditFilter, cursor: string | undefined) =>
  request('/audit', pageOf(AuditEntry), { query: { ...filter, cursor, limit: 50 } });

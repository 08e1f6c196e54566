// Home quarantine (居家隔离): orders, their checks and history, extension, breaches, release, and
// the alerts they raise; plus the few reads of other modules the pages need (people to order,
// staff to monitor, the county's period, the region figures for the tiles and the chart).
import { User } from '../../../shared/accounts.ts';
import { Person } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import {
  BreachCreated,
  type CheckCreate,
  CheckCreated,
  Quarantine,
  QuarantineAlert,
  type AlertBulkAck,
  AlertBulkAckResult,
  type AlertKind,
  type QuarantineCreate,
  QuarantineDetail,
  type QuarantineStatus,
} from '../../../shared/quarantine.ts';
import { CountySettings } from '../../../shared/reports.ts';
import { RegionFigures, StatsBreakdown } from '../../../shared/stats.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the quarantine pages read again (see quarantine.service.ts). */
export const QUARANTINE_EVENTS = ['quarantine.changed', 'quarantine.alert'] as const;

export interface OrderFilter {
  /** All or part of an order's number. */
  q?: string;
  regionId?: number;
  status?: QuarantineStatus;
  endingBy?: string;
}

export const quarantineKeys = {
  all: ['quarantines'] as const,
  list: (filter: OrderFilter) => ['quarantines', 'list', filter] as const,
  due: (regionId: number | undefined, by: string) => ['quarantines', 'due', regionId ?? 0, by] as const,
  detail: (id: string) => ['quarantines', 'detail', id] as const,
  alerts: (regionId: number | undefined, open: 'true' | 'false' | undefined, kind?: string, sort?: string) => ['quarantines', 'alerts', regionId ?? 0, open ?? 'all', kind ?? 'any', sort ?? 'time'] as const,
  openAlertCount: (regionId: number | undefined) => ['quarantines', 'alerts', 'count', regionId ?? 0] as const,
  figures: (regionId: number | undefined) => ['quarantines', 'figures', regionId ?? 0] as const,
  breakdown: (regionId: number | undefined) => ['quarantines', 'breakdown', regionId ?? 0] as const,
};

const id = (x: string) => encodeURIComponent(x);

export const listOrders = (query: OrderFilter & { cursor?: string; limit?: number }) => request('/quarantines', pageOf(Quarantine), { query: { ...query } });

export const getOrder = (orderId: string) => request(`/quarantines/${id(orderId)}`, QuarantineDetail);

export const createOrder = (input: QuarantineCreate, idempotencyKey: string) =>
  request('/quarantines', Quarantine, { method: 'POST', body: input, idempotencyKey });

export const recordCheck = (orderId: string, input: CheckCreate, idempotencyKey: string) =>
  request(`/quarantines/${id(orderId)}/checks`, CheckCreated, { method: 'POST', body: input, idempotencyKey });

export const extendOrder = (orderId: string, input: { endOn: string; reason: string }, idempotencyKey: string) =>
  request(`/quarantines/${id(orderId)}/extension`, Quarantine, { method: 'POST', body: input, idempotencyKey });

export const recordBreach = (orderId: string, input: { note: string }, idempotencyKey: string) =>
  request(`/quarantines/${id(orderId)}/breaches`, BreachCreated, { method: 'POST', body: input, idempotencyKey });

export const releaseOrder = (orderId: string, input: { note: string }, idempotencyKey: string) =>
  request(`/quarantines/${id(orderId)}/release`, Quarantine, { method: 'POST', body: input, idempotencyKey });

export const listAlerts = (query: { regionId?: number; open?: 'true' | 'false'; kind?: AlertKind; sort?: 'time' | 'severity'; cursor?: string; limit?: number }) =>
  request('/quarantines/alerts', pageOf(QuarantineAlert), { query: { ...query } });

export const bulkAckAlerts = (input: AlertBulkAck, idempotencyKey: string) =>
  request('/quarantines/alerts/ack', AlertBulkAckResult, { method: 'POST', body: input, idempotencyKey });
export const ackAlert = (alertId: string, idempotencyKey: string) =>
  request(`/quarantines/alerts/${id(alertId)}/ack`, QuarantineAlert, { method: 'POST', body: {}, idempotencyKey });

/** The county's default period (quarantineDays) for the new-order form. */
export const getSettings = () => request('/settings', CountySettings);

/** People of my subtree by name or whole ID number (numbers come back masked). */
export const searchPersons = (q: string) => request('/persons', pageOf(Person), { query: { q: q || undefined, limit: 20 } });

/** Staff accounts of my subtree (only account managers may list them). */
export const searchStaff = (q: string) => request('/users', pageOf(User), { query: { q: q || undefined, limit: 20 } });
export const getStaff = (userId: string) => request(`/users/${id(userId)}`, User);

export const getFigures = (regionId: number | undefined) => request('/stats/summary', RegionFigures, { query: { regionId } });
export const getBreakdown = (regionId: number | undefined) => request('/stats/breakdown', StatsBreakdown, { query: { regionId } });

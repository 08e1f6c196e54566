// Risk colours: the county's rules, the recompute job, a region's counts and its red and yellow people.
import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import { RiskJob, RiskPerson, RiskRules, type RiskRulesPut, RiskSummary } from '../../../shared/risk.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the risk views read again (a recompute's progress, quarantine and people changes). */
export const RISK_EVENTS = ['risk.recompute', 'quarantine.changed', 'quarantine.alert'] as const;

export const riskKeys = {
  all: ['risk'] as const,
  rules: ['risk', 'rules'] as const,
  job: (id: string) => ['risk', 'job', id] as const,
  summary: (regionId: number) => ['risk', 'summary', regionId] as const,
  persons: (regionId: number, colour?: string) => ['risk', 'persons', regionId, colour ?? 'all'] as const,
  household: (householdId: string) => ['risk', 'household', householdId] as const,
};

export const getRiskRules = () => request('/risk/rules', RiskRules);
export const putRiskRules = (body: RiskRulesPut) => request('/risk/rules', RiskRules, { method: 'PUT', body });
export const startRecompute = (idempotencyKey: string) => request('/risk/recompute', z.object({ id: z.string() }), { method: 'POST', idempotencyKey });
export const getRiskJob = (id: string) => request(`/risk/jobs/${encodeURIComponent(id)}`, RiskJob);
export const getRiskSummary = (regionId: number) => request('/risk/summary', RiskSummary, { query: { regionId } });
export const listRiskPersons = (query: { regionId: number; colour?: 'yellow' | 'red'; householdId?: string; cursor?: string; limit?: number }) =>
  request('/risk/persons', pageOf(RiskPerson), { query: { ...query } });

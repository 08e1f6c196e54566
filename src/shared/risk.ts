// Risk colours (风险赋码): every person green, yellow or red by the rules the county sets; a
// region's colour from its people. The contract the server and the web app share.
// A colour and its reasons are the rules' labels only: never a temperature or an ID number.
import { z } from 'zod';
import { RecordId, RegionIdParam } from './ids.ts';
import { ROLES, type Role } from './accounts.ts';
import { PersonCategory } from './households.ts';
import { PageQuery } from './paging.ts';

/** Every staff account reads colours of its subtree; auditors read the audit log instead. */
export const RISK_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor');
/** The county HQ sets the rules. */
export const RISK_RULE_EDITORS: readonly Role[] = ['admin', 'commander'];

export const RISK_COLOURS = ['green', 'yellow', 'red'] as const;
export const RiskColour = z.enum(RISK_COLOURS);
export type RiskColour = z.infer<typeof RiskColour>;
/** What a rule can give: green is the absence of any matching rule. */
export const RuleColour = z.enum(['yellow', 'red']);
export type RuleColour = z.infer<typeof RuleColour>;

export const RULE_KINDS = ['arrived_from_area', 'under_quarantine', 'fever', 'key_person', 'category'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RISK_LIMITS = { rules: 20, areas: 50, areaLength: 40, labelLength: 40, withinDaysMin: 1, withinDaysMax: 60 } as const;

const WithinDays = z.number().int().min(RISK_LIMITS.withinDaysMin).max(RISK_LIMITS.withinDaysMax);
const RuleId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/** The rule shapes: `id` optional on input (the server gives a new rule one), present on output. */
function ruleUnion<I extends z.ZodType, E extends z.ZodType>(id: I, enabled: E) {
  const common = {
    id,
    colour: RuleColour,
    /** Shown as the reason next to the colour. */
    label: z.string().trim().min(1).max(RISK_LIMITS.labelLength),
    enabled,
  };
  return z.discriminatedUnion('kind', [
    z.object({
      ...common,
      kind: z.literal('arrived_from_area'),
      /** A person matches when their origin contains one of these (e.g. 武汉 matches 湖北省武汉市). */
      areas: z.array(z.string().trim().min(1).max(RISK_LIMITS.areaLength)).min(1).max(RISK_LIMITS.areas),
      /** The arrival day is day 1: within 14 days means arrivedOn ≥ today − 13. */
      withinDays: WithinDays,
    }),
    z.object({ ...common, kind: z.literal('under_quarantine') }),
    /** A quarantine check with fever in the last N days (the check's day is day 1), or an unacknowledged fever alert. */
    z.object({ ...common, kind: z.literal('fever'), withinDays: WithinDays }),
    z.object({ ...common, kind: z.literal('key_person') }),
    z.object({ ...common, kind: z.literal('category'), categories: z.array(PersonCategory).min(1) }),
  ]);
}

export const RiskRuleInput = ruleUnion(RuleId.optional(), z.boolean().default(true));
export type RiskRuleInput = z.input<typeof RiskRuleInput>;
export const RiskRule = ruleUnion(RuleId, z.boolean()).meta({ id: 'RiskRule' });
export type RiskRule = z.infer<typeof RiskRule>;

export const RiskRulesPut = z.object({ rules: z.array(RiskRuleInput).max(RISK_LIMITS.rules) }).meta({ id: 'RiskRulesPut' });
export type RiskRulesPut = z.input<typeof RiskRulesPut>;

export const RISK_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'superseded'] as const;
export const RiskJob = z
  .object({
    id: z.string(),
    status: z.enum(RISK_JOB_STATUSES),
    /** People looked at so far and in all (the county's, when the job started). */
    processed: z.number().int(),
    total: z.number().int(),
    /** Thousandths done. */
    progress: z.number().int(),
    /** People whose colour or reasons changed. */
    changed: z.number().int(),
    error: z.string().optional(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RiskJob' });
export type RiskJob = z.infer<typeof RiskJob>;

export const RiskRules = z
  .object({
    countyId: z.number().int(),
    rules: z.array(RiskRule),
    /** null: the built-in defaults, never saved. */
    updatedAt: z.string().nullable(),
    /** The recompute job the last save started (its status may be read at /risk/jobs/:id). */
    jobId: z.string().nullable(),
  })
  .meta({ id: 'RiskRules' });
export type RiskRules = z.infer<typeof RiskRules>;

const Counts = { green: z.number().int(), yellow: z.number().int(), red: z.number().int(), colour: RiskColour };
export const RiskRegionCounts = z.object({ regionId: z.number().int(), name: z.string(), level: z.string(), persons: z.number().int(), ...Counts });
export type RiskRegionCounts = z.infer<typeof RiskRegionCounts>;
export const RiskSummary = RiskRegionCounts.extend({ children: z.array(RiskRegionCounts) }).meta({ id: 'RiskSummary' });
export type RiskSummary = z.infer<typeof RiskSummary>;

export const RiskSummaryQuery = z.object({ regionId: RegionIdParam.optional() });

export const RiskPerson = z
  .object({
    personId: z.string(),
    /** The name only: no ID number or phone. */
    name: z.string(),
    householdId: z.string().nullable(),
    regionId: z.number().int(),
    regionName: z.string(),
    colour: RiskColour,
    reasons: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'RiskPerson' });
export type RiskPerson = z.infer<typeof RiskPerson>;

export const RiskPersonsQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  /** yellow or red; both when absent (green people are not listed). */
  colour: RuleColour.optional(),
  householdId: RecordId.optional(),
});

/** A region is red when one of its people is red, yellow when one is yellow, else green. */
export function regionColour(counts: { yellow: number; red: number }): RiskColour {
  return counts.red > 0 ? 'red' : counts.yellow > 0 ? 'yellow' : 'green';
}

/** The built-in rules, as the examples: the county edits them. */
export const DEFAULT_RULES: readonly RiskRule[] = [
  { id: 'arrived', kind: 'arrived_from_area', areas: ['武汉'], withinDays: 14, colour: 'yellow', label: '14天内来自重点地区', enabled: true },
  { id: 'quarantine', kind: 'under_quarantine', colour: 'yellow', label: '居家隔离中', enabled: true },
  { id: 'fever', kind: 'fever', withinDays: 7, colour: 'red', label: '发热', enabled: true },
  { id: 'key-person', kind: 'key_person', colour: 'yellow', label: '重点人员', enabled: false },
];

// The county's rules, stored as JSON in app_settings under `risk.rules.<countyId>` (a database
// may hold several counties). Until a county saves its own, the built-in defaults apply.
import { DEFAULT_RULES, type RiskRule, type RiskRuleInput } from '../../../shared/risk.ts';
import type { Db } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';

const keyOf = (countyId: number) => `risk.rules.${countyId}`;

export interface StoredRules {
  rules: RiskRule[];
  updatedAt: string | null;
  jobId: string | null;
}

export async function readRules(db: Db, countyId: number): Promise<StoredRules> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', keyOf(countyId)).executeTakeFirst();
  if (!row) return { rules: DEFAULT_RULES.map((r) => ({ ...r })), updatedAt: null, jobId: null };
  return JSON.parse(row.value) as StoredRules;
}

/** Gives new rules an id; refuses an id given twice (the details name the rule's index). */
export function normaliseRules(input: readonly RiskRuleInput[]): RiskRule[] {
  const seen = new Set<string>();
  return input.map((rule, i) => {
    const id = rule.id ?? newId().slice(-12);
    if (seen.has(id)) throw new AppError('VALIDATION_ERROR', `rules.${i}.id: used by another rule`, [{ path: `rules.${i}.id`, message: 'used by another rule' }]);
    seen.add(id);
    const base = { ...rule, id, enabled: rule.enabled ?? true };
    // Areas: trimmed by the schema; a repeated one adds nothing.
    return (base.kind === 'arrived_from_area' ? { ...base, areas: [...new Set(base.areas)] } : base) as RiskRule;
  });
}

export async function saveRules(tx: Db, countyId: number, rules: RiskRule[], jobId: string): Promise<StoredRules> {
  const stored: StoredRules = { rules, updatedAt: nowIso(), jobId };
  const value = JSON.stringify(stored);
  await tx
    .insertInto('app_settings')
    .values({ key: keyOf(countyId), value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return stored;
}

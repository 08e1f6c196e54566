// 发现问题 of a micro-grid volunteer, queued like every other change: checked on the phone with
// the server's own limits (no zod on the phone), kept in the outbox with no signal, sent in order.
import { MAX_TIP_DESCRIPTION, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION, TIP_CATEGORIES } from '../../shared/public-rules.ts';
import type { FieldDb, OutboxEntry } from './db.ts';
import { InvalidChange, type Issue } from './household-changes.ts';
import { enqueue } from './outbox.ts';

export type FindingCategory = (typeof TIP_CATEGORIES)[number];
export interface FindingInput {
  category: FindingCategory;
  description: string;
  place?: string;
}

/** The finding as the server's FindingCreate takes it, or InvalidChange naming each wrong field. */
export function checkFinding(input: FindingInput): FindingInput {
  const issues: Issue[] = [];
  const description = input.description.trim();
  const place = input.place?.trim() ?? '';
  if (!TIP_CATEGORIES.includes(input.category)) issues.push({ path: 'category', message: 'pick a category' });
  if (description.length < MIN_TIP_DESCRIPTION) issues.push({ path: 'description', message: `at least ${MIN_TIP_DESCRIPTION} characters` });
  if (description.length > MAX_TIP_DESCRIPTION) issues.push({ path: 'description', message: `at most ${MAX_TIP_DESCRIPTION} characters` });
  if (place.length > MAX_TIP_PLACE) issues.push({ path: 'place', message: `at most ${MAX_TIP_PLACE} characters` });
  if (issues.length) throw new InvalidChange(issues);
  return { category: input.category, description, ...(place ? { place } : {}) };
}

export async function queueFinding(db: FieldDb, input: FindingInput, now: Date = new Date()): Promise<OutboxEntry> {
  const body = checkFinding(input);
  return enqueue(db, { method: 'POST', path: '/volunteer-findings', body, kind: 'finding', summary: body.description.slice(0, 40) }, now);
}

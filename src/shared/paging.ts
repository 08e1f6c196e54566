// Paging contract: ?limit= (default 50, max 500) and an opaque cursor; answers {items, nextCursor}.
import { z } from 'zod';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 500;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(200).optional(),
});

/**
 * How many rows the filters match, on a list's first page: exact up to a bound (10,000), above
 * it `capped` with `count` the bound ("1 万+").
 */
export const ListTotal = z.object({ count: z.number().int().min(0), capped: z.boolean() });
export type ListTotal = z.infer<typeof ListTotal>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: ListTotal.optional() });
}

/** ?q= of lists whose records carry a short number (shared/record-numbers.ts): all or part of it. */
export const NumberSearch = z
  .string()
  .trim()
  .max(40)
  .optional()
  .meta({ description: 'All or part of a record’s short number, e.g. JB-20261206-0042, 20261206-0042 or 0042 (case and full-width ignored)' });

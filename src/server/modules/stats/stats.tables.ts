// Subtree totals kept with each write (migration 0006): see counters.ts.
export interface RegionCountersTable {
  region_id: number;
  metric: string;
  value: number;
}
export interface RegionDayCountersTable {
  region_id: number;
  day: string;
  metric: string;
  value: number;
}
/**
 * What purged records had contributed to region_counters (migration 0032), per the region the
 * record sat in (not its ancestors) and metric: every recount adds it to what the records still
 * give, so the aggregates keep their numbers after the personal records are gone.
 */
export interface PurgedCountsTable {
  region_id: number;
  metric: string;
  value: number;
}

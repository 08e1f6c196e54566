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

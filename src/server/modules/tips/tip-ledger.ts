// The reward ledger: rewards summed by month and by child region of the region asked for. A
// reward counts as proposed in the month it was proposed, approved or rejected in the month it
// was decided, paid in the month it was paid — months of the county's calendar.
import type { TipLedger } from '../../../shared/tips.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { dayIn } from '../../platform/time.ts';
import { pathIds } from '../../../shared/region-path.ts';
import { subtreeIds } from './tips.queries.ts';
import { regionsFields } from '../regions/regions.queries.ts';

type Column = 'proposed' | 'approved' | 'rejected' | 'paid';
type Sum = { count: number; amount: number };
const zero = (): Record<Column, Sum> => ({ proposed: { count: 0, amount: 0 }, approved: { count: 0, amount: 0 }, paid: { count: 0, amount: 0 }, rejected: { count: 0, amount: 0 } });

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export async function tipLedger(db: Db, scope: ScopedRegion, query: { from?: string; to?: string }, timeZone: string): Promise<TipLedger> {
  const thisMonth = dayIn(timeZone).slice(0, 7);
  const to = query.to ?? thisMonth;
  const from = query.from ?? addMonths(to, -5);
  if (from > to) throw new AppError('VALIDATION_ERROR', 'from: must not be after to', [{ path: 'from', message: 'after to' }]);
  if (addMonths(from, 120) < to) throw new AppError('VALIDATION_ERROR', 'from: at most ten years at a time', [{ path: 'from', message: 'range too long' }]);
  // A day's margin either side covers the time zone; months are judged exactly below.
  const lo = new Date(Date.parse(`${from}-01T00:00:00Z`) - 86_400_000).toISOString();
  const hi = new Date(Date.parse(`${addMonths(to, 1)}-01T00:00:00Z`) + 86_400_000).toISOString();
  const rows = await db
    .selectFrom('tip_rewards as w')
    .innerJoin('regions as r', 'r.id', 'w.region_id')
    .select(['w.amount_cents', 'w.status', 'w.proposed_at', 'w.decided_at', 'w.paid_at', 'r.path'])
    .where('w.region_id', 'in', subtreeIds(db, scope.path))
    .where('w.proposed_at', '<', hi)
    // Decided and paid follow the proposal: the latest step says whether any falls in range.
    .where((eb) => eb.or([eb('w.proposed_at', '>=', lo), eb('w.decided_at', '>=', lo), eb('w.paid_at', '>=', lo)]))
    .execute();

  const depth = pathIds(scope.path).length;
  const cells = new Map<string, { month: string; regionId: number; sums: Record<Column, Sum> }>();
  const totals = zero();
  const add = (month: string, regionId: number, column: Column, cents: number) => {
    if (month < from || month > to) return;
    const key = `${month}|${regionId}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { month, regionId, sums: zero() }));
    for (const sum of [cell.sums[column], totals[column]]) {
      sum.count += 1;
      sum.amount += cents;
    }
  };
  const monthOf = (at: string) => dayIn(timeZone, new Date(at)).slice(0, 7);
  for (const r of rows) {
    const ids = pathIds(r.path);
    // The child of the asked region that holds the reward's region (the region itself when it has none).
    const regionId = ids[depth] ?? scope.id;
    const cents = Number(r.amount_cents);
    add(monthOf(r.proposed_at), regionId, 'proposed', cents);
    if (r.decided_at && (r.status === 'approved' || r.status === 'paid')) add(monthOf(r.decided_at), regionId, 'approved', cents);
    if (r.decided_at && r.status === 'rejected') add(monthOf(r.decided_at), regionId, 'rejected', cents);
    if (r.paid_at) add(monthOf(r.paid_at), regionId, 'paid', cents);
  }
  const ids = [...new Set([...cells.values()].map((c) => c.regionId))];
  const names = ids.length ? await regionsFields(db, ids, ['id', 'name', 'code']) : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const yuan = (s: Sum): Sum => ({ count: s.count, amount: s.amount / 100 });
  const money = (sums: Record<Column, Sum>) => ({ proposed: yuan(sums.proposed), approved: yuan(sums.approved), paid: yuan(sums.paid), rejected: yuan(sums.rejected) });
  const out = [...cells.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : (byId.get(a.regionId)?.code ?? '').localeCompare(byId.get(b.regionId)?.code ?? '')));
  return {
    regionId: scope.id,
    from,
    to,
    rows: out.map((c) => ({ month: c.month, regionId: c.regionId, regionName: byId.get(c.regionId)?.name ?? '', ...money(c.sums) })),
    totals: money(totals),
  };
}

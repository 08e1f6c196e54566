// 核查名单进度 on the command screen: each open list (taken in, not every task accepted) as one
// stacked bar for the dashboard's region — accepted, waiting for review, unchecked, overdue —
// so a town sees at a glance which list lags. Reads the newest lists' progress of the region.
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { PROGRESS_COLOURS, progressParts } from '../verification/progress-chart.ts';
import { type ListProgressRow, listLists, listProgress, verificationKeys } from '../verification/verification.api.ts';
import { fontAt } from './charts.ts';
import { SCREEN, axisStyle, tooltipStyle } from './palette.ts';

/** The lists a screen shows: the newest that are taken in; older ones are on the lists page. */
const SHOWN_LISTS = 5;

interface OpenList {
  name: string;
  total: ListProgressRow;
}

async function openLists(regionId: number): Promise<OpenList[]> {
  const { items } = await listLists(regionId);
  const recent = items.filter((l) => l.status === 'done').slice(0, SHOWN_LISTS);
  const progress = await Promise.all(recent.map((l) => listProgress(l.id, regionId)));
  return recent
    .map((l, i) => {
      const total = (progress[i]?.items ?? []).reduce<ListProgressRow>(
        (sum, r) => ({ ...sum, total: sum.total + r.total, checked: sum.checked + r.checked, accepted: sum.accepted + r.accepted, overdue: sum.overdue + r.overdue }),
        { regionId, name: l.name, total: 0, checked: 0, accepted: 0, overdue: 0, outcomes: {} },
      );
      return { name: l.name, total };
    })
    .filter((l) => l.total.total > 0 && l.total.accepted < l.total.total);
}

function option(lists: OpenList[], t: TFunction, s: number): EChartsOption {
  const parts = lists.map((l) => progressParts(l.total));
  const colours = { ...PROGRESS_COLOURS, accepted: SCREEN.ok, review: SCREEN.cyan, open: '#3d5a80', overdue: SCREEN.bad };
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: SCREEN.muted, fontSize: fontAt(11, s) }, itemWidth: 10, itemHeight: 10 },
    grid: { left: 4, right: 12, top: fontAt(24, s), bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle },
    yAxis: { type: 'category', inverse: true, data: lists.map((l) => l.name), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, fontSize: fontAt(11, s), width: 110 * s, overflow: 'truncate' } },
    series: (['accepted', 'review', 'open', 'overdue'] as const).map((key) => ({
      name: t(`verification.chart.${key}`),
      type: 'bar',
      stack: 'tasks',
      barMaxWidth: 16 * s,
      itemStyle: { color: colours[key] },
      data: parts.map((p) => p[key]),
    })),
  };
}

export function VerificationProgress({ regionId, scale }: { regionId: number; scale: number }) {
  const { t } = useTranslation();
  const lists = useQuery({ queryKey: [...verificationKeys.all, 'dashboard', regionId], queryFn: () => openLists(regionId), refetchInterval: 60_000 });
  const chart = useMemo(() => option(lists.data ?? [], t, scale), [lists.data, t, scale]);
  if (!lists.data?.length) return <div className="ggd-empty" data-testid="verification-panel-empty">{t('verification.dashboardEmpty')}</div>;
  return <EChart option={chart} testId="verification-chart" />;
}

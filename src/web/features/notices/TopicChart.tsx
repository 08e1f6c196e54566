// Notices and their views per topic: two horizontal bars per topic (count, views on their own
// axis), so the labels stay readable on a 360-px phone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeSummary } from '../../../shared/notices.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';

const LABEL_WIDTH = 72;

export function TopicChart({ summary }: { summary: NoticeSummary }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const topics = [...summary.topics].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [t('notices.chartCount'), t('notices.chartViews')] },
      grid: { left: LABEL_WIDTH + 12, right: 24, top: 32, bottom: 24 },
      xAxis: [
        { type: 'value', minInterval: 1, position: 'bottom', splitLine: { show: false } },
        { type: 'value', minInterval: 1, position: 'top', show: false },
      ],
      yAxis: { type: 'category', axisLabel: { margin: 12 }, data: topics.map((x) => t(`notices.topics.${x.topic}`)) },
      series: [
        { name: t('notices.chartCount'), type: 'bar', xAxisIndex: 0, barMaxWidth: 12, data: topics.map((x) => x.count), itemStyle: { color: '#1677ff' } },
        { name: t('notices.chartViews'), type: 'bar', xAxisIndex: 1, barMaxWidth: 12, data: topics.map((x) => x.views), itemStyle: { color: '#fa8c16' } },
      ],
    };
  }, [summary, t]);
  return <EChart option={option} height={260} testId="notice-chart" />;
}

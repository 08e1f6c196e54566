// Events by kind, each bar split by the guidance decision (not yet guided first). Horizontal so
// the labels stay readable on a 360-px phone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_EVENT_DECISIONS, FAMILY_EVENT_KINDS, type FamilyEventSummary } from '../../../shared/family-events.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';

// A fixed label column (the labels are short): containLabel and truncate measure CJK text with
// a fallback font on some phones and clip it.
const LABEL_WIDTH = 96;
const DECISION_COLORS = { postponed: '#1677ff', simplified: '#13c2c2', cancelled: '#8c8c8c', held_as_planned: '#fa541c' } as const;

export function KindDecisionChart({ summary }: { summary: FamilyEventSummary }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    // The counters give kinds and decisions separately: one bar series of kinds, one of decisions.
    const kinds = [...FAMILY_EVENT_KINDS].reverse();
    const decisions = [...FAMILY_EVENT_DECISIONS].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      grid: [
        { left: LABEL_WIDTH + 12, right: 16, top: 8, height: 100 },
        { left: LABEL_WIDTH + 12, right: 16, top: 132, height: 100 },
      ],
      xAxis: [
        { type: 'value', minInterval: 1, gridIndex: 0 },
        { type: 'value', minInterval: 1, gridIndex: 1 },
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, axisLabel: { margin: 12 }, data: kinds.map((k) => t(`familyEvents.kinds.${k}`)) },
        { type: 'category', gridIndex: 1, axisLabel: { margin: 12 }, data: decisions.map((d) => t(`familyEvents.decisions.${d}`)) },
      ],
      series: [
        { name: t('familyEvents.kind'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 16, data: kinds.map((k) => summary.byKind[k] ?? 0), itemStyle: { color: '#cf1322' } },
        {
          name: t('familyEvents.decision'),
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barMaxWidth: 16,
          data: decisions.map((d) => ({ value: summary.byDecision[d] ?? 0, itemStyle: { color: DECISION_COLORS[d] } })),
        },
      ],
    };
  }, [summary, t]);
  return <EChart option={option} height={260} testId="family-event-chart" />;
}

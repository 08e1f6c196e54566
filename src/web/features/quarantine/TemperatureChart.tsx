// The checks as a temperature line, oldest first, with the fever threshold drawn as a dashed red
// line (a second series: EChart registers no markLine component) and fevers as red points.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FEVER_AT, type QuarantineCheck } from '../../../shared/quarantine.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { shortStamp } from '../../lib/countyTime.ts';
import { useCountyDays } from './useCountyDays.ts';

export function TemperatureChart({ checks }: { checks: QuarantineCheck[] }) {
  const { t } = useTranslation();
  const { zone } = useCountyDays();
  const option = useMemo<EChartsOption>(() => {
    const rows = [...checks].sort((a, b) => a.at.localeCompare(b.at));
    // "MM-DD HH:mm" in the county's zone: short enough for a phone's axis.
    const labels = rows.map((c) => shortStamp(c.at, zone));
    // A single check would leave the threshold a lone point: pad one empty slot on each side.
    const pad = rows.length < 2;
    const padded = <T,>(xs: T[], blank: T): T[] => (pad ? [blank, ...xs, blank] : xs);
    const temps = rows.map((c) => c.temperature);
    const lo = Math.floor(Math.min(35.5, ...temps) * 2) / 2;
    const hi = Math.ceil(Math.max(38, ...temps) * 2) / 2;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 40, top: 24, bottom: 40 },
      legend: { show: false },
      xAxis: { type: 'category', data: padded(labels, ''), boundaryGap: true, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: lo, max: hi, interval: 0.5, axisLabel: { formatter: '{value}' } },
      series: [
        {
          name: t('quarantine.temperature'),
          type: 'line',
          data: padded<{ value: number; itemStyle: { color: string }; symbolSize: number } | null>(
            rows.map((c) => ({ value: c.temperature, itemStyle: { color: c.fever ? '#cf1322' : '#1677ff' }, symbolSize: c.fever ? 10 : 6 })),
            null,
          ),
          lineStyle: { color: '#1677ff', width: 2 },
          showAllSymbol: true,
          label: { show: rows.length <= 14, position: 'top', formatter: (p: { value: number }) => Number(p.value).toFixed(1), fontSize: 11 },
        },
        {
          name: t('quarantine.feverLine', { at: FEVER_AT }),
          type: 'line',
          data: padded(rows.map(() => FEVER_AT), FEVER_AT),
          symbol: 'none',
          lineStyle: { color: '#cf1322', type: 'dashed', width: 1 },
          endLabel: { show: true, formatter: String(FEVER_AT), color: '#cf1322', fontSize: 11 },
          tooltip: { show: false },
          silent: true,
        },
      ],
    };
  }, [checks, t, zone]);
  return <EChart option={option} height={220} testId="quarantine-temperature-chart" />;
}

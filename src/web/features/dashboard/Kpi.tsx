// The dashboard's headline figures: checkpoints removed, today's reports, people, quarantines,
// family events, tips, inspections. A figure whose module is not built yet reads 0 and carries a "待接入" tag.
import { Progress } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionFigures } from '../../../shared/stats.ts';
import { FitNumber } from './FitNumber.tsx';
import { SCREEN } from './palette.ts';

/**
 * Counters no module bumps yet (none now: quarantine, inspections and tips have landed).
 * A module built later adds its name here until it lands; the tile then shows the tag.
 */
export const PENDING_SOURCES = new Set<string>([]);

function Pending({ source }: { source: string }) {
  const { t } = useTranslation();
  return PENDING_SOURCES.has(source) ? <span className="ggd-pending">{t('dashboard.pending')}</span> : null;
}

const num = (n: number) => n.toLocaleString();

interface TileProps {
  label: ReactNode;
  /** Shown in full where it fits, else in 万. */
  value: number;
  unit?: string;
  tone?: 'cyan' | 'gold' | 'bad' | 'ok';
  foot?: ReactNode;
  testId?: string;
  pending?: string;
}

export function Tile({ label, value, unit, tone = 'cyan', foot, testId, pending }: TileProps) {
  return (
    <div className={`ggd-tile ${pending && PENDING_SOURCES.has(pending) ? 'is-pending' : ''}`} data-testid={testId}>
      <div className="ggd-tile-label">
        <span className="ggd-tile-label-text" title={typeof label === 'string' ? label : undefined}>{label}</span>
        {pending ? <Pending source={pending} /> : null}
      </div>
      <div className={`ggd-tile-value tone-${tone}`}>
        <FitNumber value={value} testId={testId ? `${testId}-value` : undefined} />
        {unit ? <small>{unit}</small> : null}
      </div>
      {foot ? <div className="ggd-tile-foot">{foot}</div> : null}
    </div>
  );
}

/** The strip over the map: people (and households), key persons (and risk colours), quarantines, family events, tips, inspections. */
export function KpiStrip({ f }: { f: RegionFigures }) {
  const { t } = useTranslation();
  return (
    <div className="ggd-kpi-strip">
      <Tile
        testId="kpi-persons"
        label={t('dashboard.kpi.persons')}
        value={f.persons.total}
        tone="gold"
        foot={
          <>
            {t('dashboard.kpi.households')} <b data-testid="kpi-households-value">{num(f.households)}</b>
          </>
        }
      />
      <Tile
        testId="kpi-key-persons"
        label={t('dashboard.kpi.keyPersons')}
        value={f.keyPersons}
        tone="bad"
        foot={
          <>
            <span className="ggd-foot-label">{t('dashboard.kpi.riskLine')}</span> <span className="ggd-nowrap">{t('dashboard.kpi.riskRed')} <b className="bad" data-testid="kpi-risk-red">{num(f.risk.red)}</b></span>　<span className="ggd-nowrap">{t('dashboard.kpi.riskYellow')} <b className="tone-warn">{num(f.risk.yellow)}</b></span>
          </>
        }
      />
      <Tile
        testId="kpi-quarantines"
        pending="quarantines"
        label={t('dashboard.kpi.quarantines')}
        value={f.quarantines.active}
        foot={
          <>
            <span className="ggd-nowrap">{t('dashboard.kpi.ending')} <b>{f.quarantines.ending}</b></span>　<span className="ggd-nowrap">{t('dashboard.kpi.overdue')} <b className="bad">{f.quarantines.overdue}</b></span>
          </>
        }
      />
      <Tile
        testId="kpi-family-events"
        label={t('dashboard.kpi.familyEvents')}
        value={f.familyEvents.total}
        foot={
          <>
            {t('dashboard.kpi.familyEventsOpen')} <b className="tone-warn">{num(f.familyEvents.open)}</b>
          </>
        }
      />
      <Tile testId="kpi-tips" label={t('dashboard.kpi.tips')} value={f.tips.total} tone="gold" />
      <Tile
        testId="kpi-inspections"
        pending="inspections"
        label={t('dashboard.kpi.inspections')}
        value={f.inspections}
        foot={
          <>
            {t('dashboard.kpi.rectifications')} <b className="bad">{f.openRectifications}</b>
          </>
        }
      />
    </div>
  );
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export function CheckpointsKpi({ f, compact, scale = 1 }: { f: RegionFigures; compact: boolean; scale?: number }) {
  const { t } = useTranslation();
  const { removed, total, open } = f.checkpoints;
  return (
    <div className="ggd-ring-kpi" data-testid="kpi-checkpoints">
      <Progress
        type="dashboard"
        percent={rate(removed, total)}
        size={compact ? 104 : Math.round(132 * scale)}
        strokeColor={{ '0%': SCREEN.cyan, '100%': SCREEN.ok }}
        railColor="rgba(53,208,255,0.12)"
        format={(p) => <span className="ggd-ring-text">{p}%</span>}
      />
      <div className="ggd-ring-side">
        <div className="ggd-big" data-testid="kpi-checkpoints-value">
          <span className="tone-ok">{num(removed)}</span>
          <span className="ggd-of"> / {num(total)}</span>
        </div>
        <div className="ggd-muted-line">{t('dashboard.kpi.removedOf')}</div>
        <div className="ggd-pair">
          {t('dashboard.kpi.open')} <b className="tone-warn">{num(open)}</b>
        </div>
      </div>
    </div>
  );
}

export function ReportsKpi({ f, compact, scale = 1 }: { f: RegionFigures; compact: boolean; scale?: number }) {
  const { t } = useTranslation();
  const r = f.reports;
  const cell = (key: string, value: number, tone: string) => (
    <div className="ggd-cell" data-testid={`kpi-reports-${key}`}>
      <b className={`tone-${tone}`}>{num(value)}</b>
      <span>{t(`dashboard.kpi.${key}`)}</span>
    </div>
  );
  return (
    <div className="ggd-ring-kpi" data-testid="kpi-reports">
      <Progress
        type="circle"
        percent={rate(r.filed, r.grids)}
        size={compact ? 96 : Math.round(120 * scale)}
        strokeColor={{ '0%': '#1f8fff', '100%': SCREEN.cyan }}
        railColor="rgba(53,208,255,0.12)"
        format={() => (
          <span className="ggd-ring-text">
            {num(r.filed)}
            <small>/{num(r.grids)}</small>
          </span>
        )}
      />
      <div className="ggd-cells">
        {cell('onTime', r.onTime, 'ok')}
        {cell('late', r.late, 'warn')}
        {cell('missing', r.missing, 'bad')}
        {cell('returned', r.returned, 'muted')}
      </div>
    </div>
  );
}

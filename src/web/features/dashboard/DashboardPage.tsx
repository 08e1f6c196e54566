// 指挥大屏: the county (or any region of the caller's subtree) at a glance, live. A dark,
// full-bleed screen drawn for 1920×1080 and scaled to the window (1366×768 office screens up to
// 3840×2160 video walls: --s in dashboard.css, fonts never below legible); stacked on a phone.
import { ArrowLeftOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ConfigProvider, Result, Spin, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CHILD_LEVEL, type RegionLevel } from '../../../shared/regions.ts';
import { BOUNDARY_EDITORS } from '../../../shared/stats.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { BoundaryUpload } from './BoundaryUpload.tsx';
import { can } from '../../app/access.ts';
import { CoverageBadge } from '../responsibility/CoverageSummary.tsx';
import { EChart } from '../../lib/EChart.tsx';
import { EventTicker } from './EventTicker.tsx';
import { CheckpointsKpi, KpiStrip, ReportsKpi } from './Kpi.tsx';
import { MapView, MetricSwitch } from './MapPanel.tsx';
import { Panel } from './Panel.tsx';
import { StandDownTags } from './StandDownTag.tsx';
import { VerificationProgress } from './VerificationPanel.tsx';
import { type MapMetric, peopleOption, regionBarsFor, reportsByRegionOption, tipsOption, trendOption } from './charts.ts';
import { dashboardKeys, getBreakdown, getRegionMap, getRegionPath, getSummary, getTrend } from './dashboard.api.ts';
import './dashboard.css';
import { type LiveState, useLiveEvents } from './useLiveEvents.ts';

const TREND_DAYS = 14;
// Counters change with every write; the live stream refreshes them, this is the safety net.
const REFRESH_MS = 60_000;

const darkTheme = {
  algorithm: theme.darkAlgorithm,
  // The console's light tokens (colorBgLayout) are inherited: the dark ones are set here.
  token: { colorPrimary: '#1f8fff', colorBgElevated: '#0b2347', colorBgContainer: 'rgba(8, 36, 80, 0.6)', colorBgLayout: '#04142e', colorText: '#d6ecff', borderRadius: 4 },
  components: {
    Segmented: { trackBg: 'rgba(8, 36, 80, 0.9)', itemSelectedBg: '#1f8fff', itemSelectedColor: '#ffffff', itemColor: '#9cc3e6' },
    Table: { headerBg: '#0e2a55', headerColor: '#d6ecff', colorBgContainer: '#0b2347' },
  },
};

/** The window against the 1920×1080 design: 0.71 at 1366×768, 2 at 3840×2160. */
function screenScale(): { scale: number; height: number } {
  if (typeof window === 'undefined') return { scale: 1, height: 1080 };
  return { scale: Math.min(window.innerWidth / 1920, window.innerHeight / 1080), height: window.innerHeight };
}
function useScreenScale() {
  const [value, setValue] = useState(screenScale);
  useEffect(() => {
    const onResize = () => setValue(screenScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return value;
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="ggd-clock" data-testid="clock">
      {formatDateTime(now.toISOString())}
    </span>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  const label = state === 'live' ? t('dashboard.live') : state === 'down' ? t('dashboard.down') : t('dashboard.connecting');
  return (
    <span className={`ggd-live is-${state}`} data-testid="live-state" data-state={state}>
      <i />
      {label}
    </span>
  );
}

/** A wall screen runs full screen: one click, and Esc or the same button to leave. */
function FullscreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const onChange = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  const toggle = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined);
  return (
    <button type="button" className="ggd-icon-button" onClick={toggle} title={t('dashboard.fullscreen')} aria-label={t('dashboard.fullscreen')}>
      {full ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
    </button>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const compact = useIsMobile();
  const [params, setParams] = useSearchParams();
  const ownRegion = me?.region.id ?? 0;
  const regionId = Number(params.get('region')) || ownRegion;
  const [metric, setMetric] = useState<MapMetric>('reportRate');
  const live = useLiveEvents();
  const { scale: wallScale, height: screenHeight } = useScreenScale();
  const scale = compact ? 1 : wallScale;
  const maxBars = regionBarsFor(screenHeight, scale);

  const summary = useQuery({ queryKey: dashboardKeys.summary(regionId), queryFn: () => getSummary(regionId), refetchInterval: REFRESH_MS });
  const breakdown = useQuery({ queryKey: dashboardKeys.breakdown(regionId), queryFn: () => getBreakdown(regionId), refetchInterval: REFRESH_MS });
  const trend = useQuery({ queryKey: dashboardKeys.trend(regionId, TREND_DAYS), queryFn: () => getTrend(regionId, TREND_DAYS), refetchInterval: REFRESH_MS });
  const map = useQuery({ queryKey: dashboardKeys.map(regionId), queryFn: () => getRegionMap(regionId), staleTime: 10 * 60_000 });
  const region = useQuery({ queryKey: dashboardKeys.region(regionId), queryFn: () => getRegionPath(regionId), staleTime: 10 * 60_000 });

  const drill = (id: number) => setParams(id === ownRegion ? {} : { region: String(id) });
  // The breadcrumb starts at the account's own region: nothing above it is visible.
  const crumbs = useMemo(() => {
    const path = region.data?.path ?? [];
    const from = path.findIndex((p) => p.id === ownRegion);
    return from === -1 ? path.slice(-1) : path.slice(from);
  }, [region.data, ownRegion]);
  const names = useMemo(() => {
    const out = new Map<number, string>();
    for (const c of breakdown.data?.children ?? []) out.set(c.regionId, c.name);
    for (const p of region.data?.path ?? []) out.set(p.id, p.name);
    return out;
  }, [breakdown.data, region.data]);
  const nameOf = (id: number) => names.get(id) ?? null;

  useEffect(() => {
    const previous = document.body.style.background;
    document.body.style.background = '#020b1c';
    return () => {
      document.body.style.background = previous;
    };
  }, []);

  const f = summary.data;
  const children = breakdown.data?.children ?? [];
  const childLevel = f ? CHILD_LEVEL[f.level as RegionLevel] : null;
  const levelLabel = childLevel ? t(`levels.${childLevel}`) : '';
  const canUpload = !!me && BOUNDARY_EDITORS.includes(me.user.role);
  // 微网格覆盖 beside the checkpoints: the grid page and the HQ page show which micro-grids lack a named person.
  const showCoverage = !!me && can(me.user.role, 'responsibility');

  const header = (
    <header className="ggd-header">
      <div className="ggd-header-side">
        <Link to="/" className="ggd-back" aria-label={t('dashboard.back')}>
          <ArrowLeftOutlined /> {compact ? null : t('dashboard.back')}
        </Link>
        <nav className="ggd-crumbs" data-testid="breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? <em>›</em> : null}
              {i < crumbs.length - 1 ? (
                <button type="button" onClick={() => drill(c.id)}>
                  {c.name}
                </button>
              ) : (
                <b>{c.name}</b>
              )}
            </span>
          ))}
        </nav>
      </div>
      <div className="ggd-title">
        <h1 data-testid="dashboard-title">{t('dashboard.title', { region: f?.name ?? '' })}</h1>
        {compact ? null : <p>{t('dashboard.subtitle')}</p>}
      </div>
      <div className="ggd-header-side right">
        <Clock />
        <LiveBadge state={live.state} />
        {compact ? null : <FullscreenButton />}
      </div>
    </header>
  );

  let body: React.ReactNode;
  if (summary.error) {
    body = <Result status="403" title={summary.error.message} extra={<Link to="/dashboard">{t('dashboard.up')}</Link>} />;
  } else if (!f) {
    body = (
      <div className="ggd-loading">
        <Spin size="large" />
      </div>
    );
  } else {
    const mapPanel = (
      <Panel
        title={t('dashboard.panels.map')}
        extra={
          <>
            {canUpload && !compact && (map.data?.features.length ?? 0) > 0 ? <BoundaryUpload regionId={f.regionId} regionName={f.name} /> : null}
            <MetricSwitch metric={metric} onMetric={setMetric} compact={compact} />
          </>
        }
        className="ggd-map-panel"
        testId="map-panel"
      >
        <MapView map={map.data} regions={children} metric={metric} onDrill={drill} canUpload={canUpload} compact={compact} levelLabel={levelLabel} scale={scale} />
      </Panel>
    );
    const panels = {
      checkpoints: (
        <Panel title={t('dashboard.kpi.checkpoints')} extra={showCoverage ? <CoverageBadge regionId={f.regionId} /> : null} className="p-checkpoints">
          <CheckpointsKpi f={f} compact={compact} scale={scale} />
        </Panel>
      ),
      reports: (
        <Panel title={t('dashboard.kpi.reports')} extra={<span className="ggd-date">{f.reports.date}</span>} className="p-reports">
          <ReportsKpi f={f} compact={compact} scale={scale} />
        </Panel>
      ),
      people: (
        <Panel title={t('dashboard.panels.people')} className="p-people">
          <EChart option={peopleOption(f, t, scale)} testId="people-chart" />
        </Panel>
      ),
      tips: (
        <Panel title={t('dashboard.panels.tips')} className="p-tips">
          <EChart option={tipsOption(f, t, scale)} testId="tips-chart" />
        </Panel>
      ),
      byRegion: (
        <Panel
          title={t('dashboard.panels.byRegion')}
          extra={children.length > maxBars ? <span className="ggd-date" data-testid="by-region-shown">{t('dashboard.worstShown', { count: maxBars, total: children.length })}</span> : null}
          className="p-by-region"
        >
          {children.length > 0 ? <EChart option={reportsByRegionOption(children, t, scale, maxBars)} testId="reports-by-region" /> : <div className="ggd-empty">{t('dashboard.noData')}</div>}
        </Panel>
      ),
      trend: (
        <Panel title={t('dashboard.panels.trend', { days: TREND_DAYS })} className="p-trend">
          {trend.data ? <EChart option={trendOption(trend.data, t, f.reports.date, scale)} testId="trend-chart" /> : null}
        </Panel>
      ),
      verification: (
        <Panel title={t('verification.dashboardPanel')} className="p-verification" testId="verification-panel">
          <VerificationProgress regionId={f.regionId} scale={scale} />
        </Panel>
      ),
      ticker: (
        <Panel title={t('dashboard.panels.ticker')} extra={<LiveBadge state={live.state} />} className="p-ticker">
          <EventTicker events={live.events} nameOf={nameOf} />
        </Panel>
      ),
    };
    body = compact ? (
      <main className="ggd-stack">
        <KpiStrip f={f} />
        {mapPanel}
        {panels.checkpoints}
        {panels.reports}
        {panels.byRegion}
        {panels.trend}
        {panels.people}
        {panels.tips}
        {panels.verification}
        {panels.ticker}
      </main>
    ) : (
      <main className="ggd-grid">
        <div className="ggd-col left">
          {panels.checkpoints}
          {panels.reports}
          {panels.people}
          {panels.tips}
        </div>
        <div className="ggd-col centre">
          <KpiStrip f={f} />
          {mapPanel}
        </div>
        <div className="ggd-col right">
          {panels.byRegion}
          {panels.trend}
          {panels.verification}
          {panels.ticker}
        </div>
      </main>
    );
  }

  return (
    <ConfigProvider theme={darkTheme}>
      <div className={`ggd-screen ${compact ? 'is-phone' : 'is-wall'}`} data-testid="dashboard" data-scale={scale.toFixed(3)} style={{ '--s': scale } as React.CSSProperties}>
        {header}
        {/* Its own row under the header (the header's height is fixed: inside the title it ran into the tiles at 1366×768). */}
        <StandDownTags regionId={regionId} />
        {body}
      </div>
    </ConfigProvider>
  );
}

// The patrol member's phone app: log a patrol (巡查日志), the day's logs, and the team's
// unannounced inspections due (不定期督查) to record at the village gate.
import type { Inspection } from '../../shared/inspections.ts';
import type { PatrolLog } from '../../shared/patrol-logs.ts';
import { en as inspectionsEn, zh as inspectionsZh } from '../../web/i18n/parts/inspections.ts';
import { en as patrolsEn, zh as patrolsZh } from '../../web/i18n/parts/patrols.ts';
import { values } from '../../client/contract-values.ts';
import { Link, navigate } from '../../client/router.tsx';
import { api, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useRunnerState } from '../sync.ts';
import { Button, Card, Empty, Notice, shortTime } from '../ui.tsx';

addTexts('patrols', patrolsZh, patrolsEn);
addTexts('inspections', inspectionsZh, inspectionsEn);

export const chinaDay = (offsetDays = 0): string => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

export default function PatrolHome() {
  const me = useMe();
  const { online } = useRunnerState();
  const day = chinaDay();
  const logs = useResource(online ? `logs:${day}` : null, () => api<{ items: PatrolLog[] }>(withQuery('/patrol-logs', { from: day, to: day, limit: 50 })));
  const inspects = values.INSPECTORS.includes(me.user.role);
  const due = useResource(online && inspects ? 'due' : null, () => api<{ items: Inspection[] }>(withQuery('/inspections', { status: 'scheduled', limit: 50 })));
  return (
    <Screen
      title={me.region.name}
      action={
        <Link to="/field/me" className="bar-action" data-testid="field-menu">
          {t('phone.menu')}
        </Link>
      }
    >
      {!online ? <Notice kind="warn">{t('phone.needsSignal')}</Notice> : null}
      <Button kind="primary" block onClick={() => navigate('/field/patrol/new')} data-testid="patrol-create">
        {t('patrols.create')}
      </Button>
      <Card title={`${t('patrols.title')} · ${day}`} testId="patrol-today">
        {logs.error ? <Notice kind="error">{errorText(logs.error)}</Notice> : null}
        {logs.data?.items.length === 0 ? <Empty>{t('patrols.empty')}</Empty> : null}
        {logs.data?.items.map((l) => (
          <div key={l.id} className="entry" data-testid="patrol-card">
            <div className="item-line">
              <strong className="ellipsis">{l.regionName}</strong>
              <span className="muted small">{shortTime(l.createdAt)}</span>
            </div>
            <div className="small">
              {values.PATROL_FIGURES.map((f) => `${t(`patrols.short.${f}`)} ${l[f]}`).join(' · ')}
              {l.photos.length ? ` · ${t('patrols.photoCount', { count: l.photos.length })}` : ''}
            </div>
            {l.places ? <div className="muted small ellipsis">{l.places}</div> : null}
          </div>
        ))}
      </Card>
      {inspects ? (
        <Card title={t('inspections.list.upcoming')} testId="inspection-upcoming">
          {due.error ? <Notice kind="error">{errorText(due.error)}</Notice> : null}
          {due.data?.items.length === 0 ? <Empty>{t('inspections.list.upcomingEmpty')}</Empty> : null}
          {due.data?.items.map((v) => (
            <div key={v.id} className="entry" data-testid="inspection-upcoming-row">
              <div className="item-line">
                <strong className="ellipsis">{v.regionName}</strong>
                <span className="muted small">{shortTime(v.scheduledAt)}</span>
              </div>
              <div className="item-line">
                {/* The line may shrink (ellipsis) but the button keeps its one line. */}
                <span className="muted small ellipsis" style={{ flex: 1 }}>
                  <span className="mono">{v.number}</span> · {v.teamName}
                </span>
                <Button kind="primary" style={{ flex: 'none', whiteSpace: 'nowrap' }} onClick={() => navigate(`/field/inspections/${v.id}/record`)} data-testid="inspection-start">
                  {t('inspections.list.start')}
                </Button>
              </div>
            </div>
          ))}
        </Card>
      ) : null}
    </Screen>
  );
}

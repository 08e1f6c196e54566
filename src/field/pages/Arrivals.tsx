// 扫码登记待核实 on the phone: the grid's pending self-registrations as cards (numbers masked);
// one opens on its own page to verify, link or reject. Online only — offline the page says so
// (the decisions are not queued: a person record must not be made twice).
import type { ArrivalEntry } from '../../shared/arrivals.ts';
import { en as arrivalsEn, zh as arrivalsZh } from '../../web/i18n/parts/arrivals.ts';
import { Link } from '../../client/router.tsx';
import { api, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useRunnerState } from '../sync.ts';
import { Button, Empty, Loading, Notice, Tag } from '../ui.tsx';

addTexts('arrivals', arrivalsZh, arrivalsEn);

export default function Arrivals() {
  const { online } = useRunnerState();
  const list = useResource(online ? 'pending' : null, () => api<{ items: ArrivalEntry[] }>(withQuery('/arrivals', { status: 'pending', limit: 100 })));
  const rows = list.data?.items ?? [];
  return (
    <Screen
      title={t('arrivals.field.title')}
      back="/field"
      action={
        <Button kind="text" className="bar-action" disabled={!online || list.loading} onClick={list.reload} data-testid="field-arrivals-refresh">
          {t('arrivals.field.refresh')}
        </Button>
      }
    >
      {!online ? <Notice kind="warn" testId="field-arrivals-offline">{t('arrivals.offline')}</Notice> : null}
      {list.error && online ? <Notice kind="error">{errorText(list.error)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && rows.length === 0 ? <Empty>{t('arrivals.field.empty')}</Empty> : null}
      <div className="list" data-testid="field-arrivals">
        {rows.map((e) => (
          <Link key={e.id} to={`/field/arrivals/${e.id}`} className="item" data-testid="field-arrival">
            <div className="item-line">
              <span className="item-title">{e.name}</span>
              <span className="muted">{e.arrivedOn}</span>
            </div>
            <div className="item-sub ellipsis">
              {t('arrivals.fields.origin')}：{e.origin}
            </div>
            <div className="item-sub ellipsis">{e.address}</div>
            <div className="tags">
              <span className="mono muted small">{e.phone}</span>
              {e.duplicate ? <Tag tone="red" testId="arrival-duplicate-tag">{t('arrivals.duplicateTag')}</Tag> : null}
            </div>
          </Link>
        ))}
      </div>
    </Screen>
  );
}

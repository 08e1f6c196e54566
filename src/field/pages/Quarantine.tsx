// 居家隔离 on the phone: the active home-quarantine orders of the worker's grid, each with its last
// day; one opens to record the day's check. Online (the checks raise fever alerts at once).
import type { Quarantine as Order } from '../../shared/quarantine.ts';
import { en as quarantineEn, zh as quarantineZh } from '../../web/i18n/parts/quarantine.ts';
import { Link } from '../../client/router.tsx';
import { api, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useRunnerState } from '../sync.ts';
import { Empty, Loading, Notice, Tag } from '../ui.tsx';

addTexts('quarantine', quarantineZh, quarantineEn);

export default function Quarantine() {
  const { online } = useRunnerState();
  const list = useResource(online ? 'active' : null, () => api<{ items: Order[] }>(withQuery('/quarantines', { status: 'active', limit: 200 })));
  const rows = list.data?.items ?? [];
  return (
    <Screen title={t('quarantine.title')} back="/field">
      {!online ? <Notice kind="warn" testId="quarantine-offline">{t('phone.needsSignal')}</Notice> : null}
      {list.error ? <Notice kind="error">{errorText(list.error)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && rows.length === 0 ? <Empty>{t('quarantine.empty')}</Empty> : null}
      <div className="list" data-testid="quarantine-orders">
        {rows.map((o) => (
          <Link key={o.id} to={`/field/quarantine/${o.id}`} className="item" data-testid="quarantine-order">
            <div className="item-line">
              <span className="item-title">{o.personName}</span>
              <Tag tone="orange">
                {t('quarantine.endOn')} {o.endOn}
              </Tag>
            </div>
            <div className="item-sub ellipsis">
              <span className="mono" data-testid="quarantine-number">{o.number}</span> · {o.place ?? o.regionName}
            </div>
          </Link>
        ))}
      </div>
    </Screen>
  );
}

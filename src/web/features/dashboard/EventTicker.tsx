// The live ticker: the latest events of the subtree, newest first, in words.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TickerItem } from './useLiveEvents.ts';
import { displayTimeZone } from '../../lib/countyTime.ts';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** "东村第一网格 已上报", "X卡口 已撤除": what an event says, from its type and data. */
export function describeEvent(e: TickerItem, nameOf: (regionId: number) => string | null, t: TFunction): string {
  const data = e.data ?? {};
  const where = str(e.regionName) ?? nameOf(e.regionId) ?? `#${e.regionId}`;
  const name = str(data.name) ?? where;
  switch (e.type) {
    case 'checkpoint.changed': {
      // "X卡口 已撤除" when the event names the checkpoint, else "东村 卡口已撤除".
      const checkpoint = str(data.name) ?? str(data.checkpointName);
      if (checkpoint) return t(data.status === 'removed' ? 'dashboard.event.namedCheckpointRemoved' : 'dashboard.event.namedCheckpoint', { name: checkpoint, where });
      return t(data.status === 'removed' ? 'dashboard.event.checkpointRemoved' : 'dashboard.event.checkpoint', { name: where });
    }
    case 'report.changed':
      return t(data.status === 'returned' ? 'dashboard.event.reportReturned' : 'dashboard.event.report', { name });
    case 'report.reminder':
      return t('dashboard.event.reminder', { name });
    // The public side: a tip filed or moved along its loop, an arrival registered or decided, a notice out.
    case 'tip.updated':
      // The tip's short number (JB-…) is what staff quote on the phone; older events lack it.
      return `${data.action === 'filed' ? t('dashboard.event.tipFiled', { name: where }) : t('dashboard.event.tipStep', { name: where, step: t(`dashboard.tipStatus.${String(data.status)}`) })}${str(data.number) ? ` ${str(data.number)}` : ''}`;
    case 'arrival.changed':
      return t(data.status === 'pending' ? 'dashboard.event.arrivalRegistered' : 'dashboard.event.arrivalDecided', { name: where });
    case 'notice.published':
      return t('dashboard.event.noticePublished', { name: where });
    case 'quarantine.alert':
      return data.acknowledged ? t('dashboard.event.other', { name: where }) : t('dashboard.event.quarantineAlert', { name: where });
    case 'inspection.done':
      return t('dashboard.event.inspectionDone', { name: where });
    default:
      return t('dashboard.event.other', { name });
  }
}

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('zh-CN', { hour12: false, timeZone: displayTimeZone() });
};

export function EventTicker({ events, nameOf }: { events: readonly TickerItem[]; nameOf: (regionId: number) => string | null }) {
  const { t } = useTranslation();
  if (events.length === 0) return <div className="ggd-ticker-empty">{t('dashboard.noEvents')}</div>;
  return (
    <ul className="ggd-ticker" data-testid="event-ticker">
      {events.map((e) => (
        <li key={e.key} className={`kind-${e.type.split('.')[0]}`}>
          <time>{timeOf(e.at)}</time>
          <span>{describeEvent(e, nameOf, t)}</span>
        </li>
      ))}
    </ul>
  );
}

// The audit entries as cards, for a phone.
import { Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { RegionName } from '../regions/RegionName.tsx';
import { type Entry, alarming } from './audit.api.ts';
import { EntityCell } from './EntityCell.tsx';

export function AuditCards({ rows, loading }: { rows: Entry[]; loading: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />;
  return (
    <div className="gg-card-list" data-testid="audit-cards">
      {rows.map((e) => (
        <Card key={e.id} size="small">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <span>
              <Tag color={alarming(e.action) ? 'red' : 'blue'}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Tag>
            </span>
            <span className="gg-muted" style={{ fontSize: 12, flex: 'none' }}>{formatDateTime(e.at)}</span>
          </div>
          <div style={{ marginTop: 6, fontSize: 13, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span className="gg-ellipsis">{e.username ?? '—'} · <RegionName id={e.regionId} /></span>
            <span className="gg-mono gg-muted" style={{ fontSize: 12, flex: 'none' }}>{e.ip ?? ''}</span>
          </div>
          <div style={{ marginTop: 4, fontSize: 13 }}><EntityCell entry={e} /></div>
        </Card>
      ))}
    </div>
  );
}

// 隔离预警: the fever, missed-check and breach alerts of my subtree (a grid, a village or a town
// sees everything below it), open first by default; acknowledge each once handled; the list
// refreshes by itself when an alert is raised or acknowledged anywhere below.
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AlertKind, QuarantineAlert } from '../../../shared/quarantine.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { QUARANTINE_EVENTS, ackAlert, listAlerts, quarantineKeys } from './quarantine.api.ts';
import { useQuarantineErrorText } from './quarantine.errors.ts';

type OpenFilter = 'true' | 'false' | 'all';
const KIND_COLORS: Record<AlertKind, string> = { fever: 'red', missed_check: 'gold', breach: 'volcano' };

export function AlertKindTag({ kind }: { kind: AlertKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>{t(`quarantine.alertKinds.${kind}`)}</Tag>;
}

function AckButton({ alert, mayWork }: { alert: QuarantineAlert; mayWork: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useQuarantineErrorText();
  const { key, renew } = useIdempotencyKey();
  const ack = useMutation({
    mutationFn: () => ackAlert(alert.id, key),
    onSuccess: () => {
      renew();
      void message.success(t('quarantine.ackDone'));
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  if (alert.acknowledgedAt) return <span className="gg-muted" style={{ fontSize: 12 }}>{t('quarantine.ackedAt', { time: formatDateTime(alert.acknowledgedAt) })}</span>;
  if (!mayWork) return null;
  return (
    <Button
      size="small"
      type="primary"
      icon={<CheckOutlined />}
      loading={ack.isPending}
      onClick={(e) => {
        e.stopPropagation();
        ack.mutate();
      }}
      data-testid="quarantine-ack"
    >
      {t('quarantine.ack')}
    </Button>
  );
}

function AlertCards({ rows, mayWork }: { rows: QuarantineAlert[]; mayWork: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="quarantine-alert-cards">
      {rows.map((a) => (
        <Card key={a.id} size="small" style={a.acknowledgedAt ? undefined : { borderInlineStart: '4px solid #cf1322' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Space size={6} style={{ minWidth: 0 }}>
              <AlertKindTag kind={a.kind} />
              <Link to={`/quarantine/${a.orderId}`} className="gg-ellipsis"><strong>{a.personName}</strong></Link>
            </Space>
            <span style={{ flex: 'none' }}><AckButton alert={a} mayWork={mayWork} /></span>
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 4 }}>{a.regionName} · {a.day} · {formatDateTime(a.raisedAt).slice(11)}</div>
          <Link to={`/quarantine/${a.orderId}`} style={{ fontSize: 13 }}>{t('quarantine.openOrder')}</Link>
        </Card>
      ))}
    </div>
  );
}

export function AlertsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useQuarantineErrorText();
  const [open, setOpen] = useState<OpenFilter>('true');
  const [regionId, setRegionId] = useState<number | undefined>();
  const mayWork = can(me.user.role, 'quarantine.work');
  useLiveRefresh(QUARANTINE_EVENTS, quarantineKeys.all);
  const openParam = open === 'all' ? undefined : open;
  const { list, rows } = useCursorList(quarantineKeys.alerts(regionId, openParam), (cursor) => listAlerts({ regionId, open: openParam, cursor, limit: 50 }));

  return (
    <div className="gg-page" data-testid="quarantine-alerts-page">
      <div className="gg-page-title">
        <Space size={8} style={{ minWidth: 0 }}>
          <Link to="/quarantine" aria-label={t('quarantine.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2}>{t('quarantine.alertsTitle')}</Typography.Title>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('quarantine.alertsIntro')}</Typography.Paragraph>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16, alignItems: 'center' }}>
          <Segmented<OpenFilter>
            value={open}
            onChange={setOpen}
            options={(['true', 'false', 'all'] as const).map((v) => ({ value: v, label: t(`quarantine.alertFilter.${v}`) }))}
            data-testid="quarantine-alert-filter"
          />
          {['grid', 'microgrid'].includes(me.region.level) ? null : (
            <RegionSelect value={regionId} onChange={setRegionId} allowClear placeholder={t('quarantine.regionFilter')} style={{ flex: '1 1 200px', maxWidth: mobile ? '100%' : 280 }} />
          )}
        </div>
        <PagedRecords<QuarantineAlert>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('quarantine.noAlerts')}
          errorText={errorText}
          cards={(loaded) => <AlertCards rows={loaded} mayWork={mayWork} />}
          testId="quarantine-alert-table"
          columns={[
            { title: t('quarantine.alertKind'), key: 'kind', render: (_, a) => <AlertKindTag kind={a.kind} /> },
            { title: t('quarantine.person'), dataIndex: 'personName', render: (v: string, a) => <Link to={`/quarantine/${a.orderId}`}>{v}</Link> },
            { title: t('quarantine.region'), dataIndex: 'regionName' },
            { title: t('quarantine.alertDay'), dataIndex: 'day' },
            { title: t('quarantine.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v) },
            { title: t('common.actions'), key: 'ack', render: (_, a) => <AckButton alert={a} mayWork={mayWork} /> },
          ]}
        />
      </Card>
    </div>
  );
}

// One order: who, where, until when, who monitors it, whether today's check is done; the check
// form (phone first); the temperature curve and the checks; the history; extend, breach and
// release while it is in force and the user may act. Reading it is audited by the server, so the
// page reads it once and again only after a change made here (no live refresh: every quarantine
// event of a town would otherwise re-read it, each time an entry in the audit log).
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, List, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { QuarantineDetail, QuarantineEventKind } from '../../../shared/quarantine.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { daysBetween } from '../../lib/countyTime.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CheckForm } from './CheckForm.tsx';
import { useCountyDays } from './useCountyDays.ts';
import { OrderActions } from './OrderActions.tsx';
import { DaysLeft, StatusTag } from './QuarantineList.tsx';
import { getOrder, quarantineKeys } from './quarantine.api.ts';
import { useQuarantineErrorText } from './quarantine.errors.ts';
import { TemperatureChart } from './TemperatureChart.tsx';
import { RecordNumber } from '../../lib/RecordNumber.tsx';
import { ResponsibleCard } from '../responsibility/ResponsibleCard.tsx';

const EVENT_COLORS: Record<QuarantineEventKind, string> = { ordered: 'blue', extended: 'orange', breach: 'red', released: 'green' };

function Info({ order, today }: { order: QuarantineDetail; today: string }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const todayChecks = order.checks.filter((c) => c.day === today).length;
  return (
    <Descriptions column={mobile ? 1 : 2} size="small" data-testid="quarantine-info">
      <Descriptions.Item label={t('common.status')}>
        <Space size={6} wrap>
          <StatusTag status={order.status} />
          <DaysLeft order={order} today={today} />
          {order.status === 'active' ? (
            todayChecks > 0 ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="quarantine-today-done">{t('quarantine.todayDone', { count: todayChecks })}</Tag>
            ) : (
              <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="quarantine-today-missing">{t('quarantine.todayMissing')}</Tag>
            )
          ) : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('quarantine.region')}>{order.regionName}</Descriptions.Item>
      <Descriptions.Item label={t('quarantine.period')}>
        {order.startOn} ~ {order.endOn}{t('quarantine.periodDays', { count: daysBetween(order.startOn, order.endOn) + 1 })}
      </Descriptions.Item>
      <Descriptions.Item label={t('quarantine.monitor')}>{order.monitorName ?? t('quarantine.monitorNone')}</Descriptions.Item>
      <Descriptions.Item label={t('quarantine.reason')}>{order.reason}</Descriptions.Item>
      <Descriptions.Item label={t('quarantine.place')}>{order.place ?? '—'}</Descriptions.Item>
      {order.releasedAt ? <Descriptions.Item label={t('quarantine.releasedAt')}>{formatDateTime(order.releasedAt)}</Descriptions.Item> : null}
    </Descriptions>
  );
}

function Checks({ order }: { order: QuarantineDetail }) {
  const { t } = useTranslation();
  if (order.checks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quarantine.noChecks')} />;
  return (
    <>
      <TemperatureChart checks={order.checks} />
      <List
        size="small"
        dataSource={order.checks}
        data-testid="quarantine-checks"
        // Two checks a day for weeks: the list scrolls under the chart rather than the page.
        style={{ maxHeight: 480, overflowY: 'auto' }}
        renderItem={(c) => (
          <List.Item style={{ paddingInline: 0 }}>
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                <strong style={{ fontSize: 16, color: c.fever ? '#cf1322' : undefined }}>{c.temperature.toFixed(1)} ℃</strong>
                <span className="gg-muted" style={{ fontSize: 12 }}>{formatDateTime(c.at)}</span>
              </div>
              {c.symptoms.length ? (
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {c.symptoms.map((s) => <Tag key={s} color="volcano" style={{ marginInlineEnd: 0 }}>{t(`quarantine.symptomNames.${s}`)}</Tag>)}
                </Space>
              ) : null}
              {c.note ? <div style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{c.note}</div> : null}
              <div className="gg-muted" style={{ fontSize: 12 }}>{t('quarantine.by')}：{c.by ?? t('quarantine.system')}</div>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

function History({ order }: { order: QuarantineDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="quarantine-history"
      items={order.events.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.kind],
        content: (
          <div>
            <div>
              <strong>{t(`quarantine.events.${e.kind}`)}</strong>
              <span className="gg-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>{formatDateTime(e.at)}</span>
            </div>
            <div className="gg-muted" style={{ fontSize: 13 }}>{e.by ?? t('quarantine.system')}</div>
            {e.fromEndOn ? <div style={{ fontSize: 13 }}>{t('quarantine.extendedFromTo', { from: e.fromEndOn, to: e.toEndOn })}</div> : null}
            {e.note ? <div style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

export function QuarantineDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useQuarantineErrorText();
  const { today } = useCountyDays();
  const detail = useQuery({ queryKey: quarantineKeys.detail(id), queryFn: () => getOrder(id), staleTime: Infinity });
  const mayWork = can(me.user.role, 'quarantine.work');

  if (detail.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (detail.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(detail.error)} action={<Link to="/quarantine">{t('quarantine.back')}</Link>} />
      </div>
    );
  }
  const order = detail.data;
  const active = order.status === 'active';
  const cardBody = { body: { padding: mobile ? 12 : 24 } };

  return (
    <div className="gg-page" data-testid="quarantine-detail">
      <div className="gg-page-title">
        <Space size={8} wrap style={{ minWidth: 0 }}>
          <Link to="/quarantine" aria-label={t('quarantine.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} ellipsis style={{ minWidth: 0 }} data-testid="quarantine-person-name">{order.personName}</Typography.Title>
          <StatusTag status={order.status} />
          <RecordNumber value={order.number} copyable testId="quarantine-number" />
        </Space>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/quarantine/${order.id}/notice`)} data-testid="quarantine-notice-link">{t('quarantine.actions.notice')}</Button>
          {mayWork && active && !mobile ? <OrderActions order={order} today={today} /> : null}
        </Space>
      </div>
      {!active ? <Alert type="success" showIcon title={t('quarantine.releasedNote')} style={{ marginBottom: 16 }} /> : null}
      {active && !mayWork ? <Alert type="info" showIcon title={t('quarantine.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : 'minmax(0, 2fr) minmax(0, 3fr)', gap: 16, alignItems: 'start' }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('quarantine.info')} styles={cardBody}>
            <Info order={order} today={today} />
          </Card>
          {can(me.user.role, 'responsibility') ? <ResponsibleCard personId={order.personId} /> : null}
          {mayWork && active ? (
            <Card title={t('quarantine.checkTitle')} styles={cardBody}>
              <CheckForm orderId={order.id} />
            </Card>
          ) : null}
          {mayWork && active && mobile ? (
            <Card styles={cardBody}>
              <OrderActions order={order} today={today} block />
            </Card>
          ) : null}
        </Space>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={`${t('quarantine.checks')}（${order.checks.length}）`} styles={cardBody}>
            <Checks order={order} />
          </Card>
          <Card title={t('quarantine.history')} styles={cardBody}>
            <History order={order} />
          </Card>
        </Space>
      </div>
    </div>
  );
}

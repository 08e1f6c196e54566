// 隔离预警: the fever, missed-check and breach alerts of my subtree (a grid, a village or a town
// sees everything below it), open ones by default, most urgent first (fever and breach before
// missed checks); acknowledge each once handled, the selected ones or every one matching the
// filter in one request; the list refreshes by itself when an alert is raised or acknowledged
// anywhere below. Missed checks recorded by a late run say so (补记) with the reason.
import { ArrowLeftOutlined, CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ALERT_KINDS, type AlertBulkAck, type AlertKind, BULK_ACK_MAX, type QuarantineAlert } from '../../../shared/quarantine.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { RegionName } from '../regions/RegionName.tsx';
import { QUARANTINE_EVENTS, ackAlert, bulkAckAlerts, listAlerts, quarantineKeys } from './quarantine.api.ts';
import { useQuarantineErrorText } from './quarantine.errors.ts';
import { ExportButton } from '../../lib/ExportButton.tsx';
import { AlertMessagesButton } from '../responsibility/AlertMessagesButton.tsx';

type OpenFilter = 'true' | 'false' | 'all';
type Sort = 'severity' | 'time';
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

/** 补记: a missed check a late run recorded, with why it carries a late time. */
function CaughtUpTag({ alert }: { alert: QuarantineAlert }) {
  const { t } = useTranslation();
  if (!alert.caughtUp) return null;
  return (
    <Tooltip title={t('quarantine.caughtUpHint', { time: formatDateTime(alert.raisedAt) })}>
      <Tag icon={<ClockCircleOutlined />} color="default" style={{ marginInlineEnd: 0 }} data-testid="alert-caught-up">{t('quarantine.caughtUp')}</Tag>
    </Tooltip>
  );
}

function AlertCards({ rows, mayWork, selected, onToggle }: { rows: QuarantineAlert[]; mayWork: boolean; selected: Set<string>; onToggle: (id: string, on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="quarantine-alert-cards">
      {rows.map((a) => (
        <Card key={a.id} size="small" style={a.acknowledgedAt ? undefined : { borderInlineStart: `4px solid ${a.severity > 1 ? '#cf1322' : '#d48806'}` }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <Space size={6} style={{ minWidth: 0 }}>
              {mayWork && !a.acknowledgedAt ? (
                <Checkbox checked={selected.has(a.id)} onChange={(e) => onToggle(a.id, e.target.checked)} aria-label={t('quarantine.bulk.selected', { count: 1 })} data-testid="alert-select" />
              ) : null}
              <AlertKindTag kind={a.kind} />
              <Link to={`/quarantine/${a.orderId}`} className="gg-ellipsis"><strong>{a.personName}</strong></Link>
            </Space>
            <span style={{ flex: 'none' }}><AckButton alert={a} mayWork={mayWork} /></span>
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 4 }}>{a.regionName} · {a.day} · {formatDateTime(a.raisedAt).slice(11)}</div>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 2 }}>
            <CaughtUpTag alert={a} />
            <Link to={`/quarantine/${a.orderId}`} style={{ fontSize: 13 }}>{t('quarantine.openOrder')}</Link>
            <AlertMessagesButton alertId={a.id} personName={a.personName} />
          </div>
        </Card>
      ))}
    </div>
  );
}

/** Acknowledge the selected alerts, or every open one matching the filter, after a confirmation. */
function BulkBar({ selected, onDone, regionId, kind, open }: { selected: string[]; onDone: () => void; regionId?: number; kind?: AlertKind; open: OpenFilter }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useQuarantineErrorText();
  const { key, renew } = useIdempotencyKey();
  const bulk = useMutation({
    mutationFn: (input: AlertBulkAck) => bulkAckAlerts(input, key),
    onSuccess: (res) => {
      renew();
      onDone();
      if (res.acknowledged === 0) void message.info(t('quarantine.bulk.nothing'));
      else if (res.alreadyAcknowledged) void message.success(t('quarantine.bulk.doneWithAlready', { count: res.acknowledged, already: res.alreadyAcknowledged }));
      else void message.success(t('quarantine.bulk.done', { count: res.acknowledged }));
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
    },
    onError: (err) => {
      renew();
      void message.error(errorText(err));
    },
  });
  const confirm = (title: string, content: ReactNode, input: AlertBulkAck) =>
    modal.confirm({ title, content, okText: t('quarantine.bulk.ok'), cancelText: t('quarantine.bulk.cancel'), onOk: () => bulk.mutateAsync(input).catch(() => undefined) });
  const scope = regionId ? { regionId } : {};
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }} data-testid="alert-bulk-bar">
      <Button
        type="primary"
        icon={<CheckOutlined />}
        disabled={selected.length === 0}
        loading={bulk.isPending}
        onClick={() => confirm(t('quarantine.bulk.confirmSelectedTitle', { count: selected.length }), t('quarantine.bulk.confirmSelectedBody'), { ...scope, ids: selected })}
        data-testid="alert-ack-selected"
      >
        {t('quarantine.bulk.ackSelected', { count: selected.length })}
      </Button>
      {open === 'true' ? (
        <Button
          loading={bulk.isPending}
          onClick={() =>
            confirm(
              t('quarantine.bulk.confirmMatchingTitle'),
              <div>
                <div>{t('quarantine.bulk.scope')}：{regionId ? <RegionName id={regionId} /> : t('quarantine.bulk.myRegion')}</div>
                <div>{t('quarantine.alertKind')}：{kind ? t(`quarantine.alertKinds.${kind}`) : t('quarantine.bulk.kindAny')}</div>
                <div style={{ marginTop: 8 }}>{t('quarantine.bulk.confirmMatchingBody', { max: BULK_ACK_MAX })}</div>
              </div>,
              { ...scope, matching: kind ? { kind } : {} },
            )
          }
          data-testid="alert-ack-matching"
        >
          {t('quarantine.bulk.ackMatching')}
        </Button>
      ) : null}
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
  const [kind, setKind] = useState<AlertKind | undefined>();
  const [sort, setSort] = useState<Sort>('severity');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const mayWork = can(me.user.role, 'quarantine.work');
  useLiveRefresh(QUARANTINE_EVENTS, quarantineKeys.all);
  const openParam = open === 'all' ? undefined : open;
  const { list, rows, total } = useCursorList(quarantineKeys.alerts(regionId, openParam, kind, sort), (cursor) => listAlerts({ regionId, open: openParam, kind, sort, cursor, limit: 50 }));
  // A selection is of what is on screen: changing the filter starts a new one.
  const refilter = <V,>(set: (v: V) => void) => (v: V) => {
    set(v);
    setSelected(new Set());
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const shownSelection = rows.filter((a) => selected.has(a.id) && !a.acknowledgedAt).map((a) => a.id);

  return (
    <div className="gg-page" data-testid="quarantine-alerts-page">
      <div className="gg-page-title">
        <Space size={8} style={{ minWidth: 0 }}>
          <Link to="/quarantine" aria-label={t('quarantine.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2}>{t('quarantine.alertsTitle')}</Typography.Title>
        </Space>
        <ExportButton list="/quarantines/alerts" filters={{ regionId, open: openParam, kind, sort }} />
      </div>
      <Typography.Paragraph type="secondary">{t('quarantine.alertsIntro')}</Typography.Paragraph>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16, alignItems: 'center' }}>
          <Segmented<OpenFilter>
            value={open}
            onChange={refilter(setOpen)}
            options={(['true', 'false', 'all'] as const).map((v) => ({ value: v, label: t(`quarantine.alertFilter.${v}`) }))}
            data-testid="quarantine-alert-filter"
          />
          <Select<AlertKind | 'any'>
            value={kind ?? 'any'}
            onChange={(v) => refilter(setKind)(v === 'any' ? undefined : v)}
            options={[{ value: 'any' as const, label: t('quarantine.bulk.kindAny') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t(`quarantine.alertKinds.${k}`) }))]}
            style={{ width: mobile ? 'calc(50% - 4px)' : 120 }}
            data-testid="alert-kind-filter"
          />
          <Select<Sort>
            value={sort}
            onChange={setSort}
            options={[{ value: 'severity' as const, label: t('quarantine.bulk.sortSeverity') }, { value: 'time' as const, label: t('quarantine.bulk.sortTime') }]}
            style={{ width: mobile ? 'calc(50% - 4px)' : 180 }}
            data-testid="alert-sort"
          />
          <PlaceAndTotal regionId={regionId} onRegion={refilter(setRegionId)} total={total} mobile={mobile} testId="alerts" />
        </div>
        {mayWork && open !== 'false' ? <BulkBar selected={shownSelection} onDone={() => setSelected(new Set())} regionId={regionId} kind={kind} open={open} /> : null}
        <PagedRecords<QuarantineAlert>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('quarantine.noAlerts')}
          errorText={errorText}
          cards={(loaded) => <AlertCards rows={loaded} mayWork={mayWork} selected={selected} onToggle={toggle} />}
          testId="quarantine-alert-table"
          rowSelection={
            mayWork && open !== 'false'
              ? {
                  selectedRowKeys: shownSelection,
                  onChange: (keys) => setSelected(new Set(keys.map(String))),
                  getCheckboxProps: (a) => ({ disabled: a.acknowledgedAt !== null }),
                }
              : undefined
          }
          columns={[
            { title: t('quarantine.alertKind'), key: 'kind', render: (_, a) => <Space size={4}><AlertKindTag kind={a.kind} /><CaughtUpTag alert={a} /></Space> },
            { title: t('quarantine.person'), dataIndex: 'personName', render: (v: string, a) => <Link to={`/quarantine/${a.orderId}`}>{v}</Link> },
            { title: t('quarantine.region'), dataIndex: 'regionName' },
            { title: t('quarantine.alertDay'), dataIndex: 'day' },
            { title: t('quarantine.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v) },
            { title: t('common.actions'), key: 'ack', render: (_, a) => <Space size={6} wrap><AckButton alert={a} mayWork={mayWork} /><AlertMessagesButton alertId={a.id} personName={a.personName} /></Space> },
          ]}
        />
      </Card>
    </div>
  );
}

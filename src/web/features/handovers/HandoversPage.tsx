// 人员移交: hand-overs into and out of my region — waiting, overdue (red, with the level it climbed
// to), accepted, refused — a table on a desk, cards on a phone. The receiving side accepts into a
// household of its own (or none) and is pointed to the person's page to set its responsible
// people, or refuses with a reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HANDOVER_LIMITS, HANDOVER_STATUSES, type Handover, type HandoverStatus } from '../../../shared/handovers.ts';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { useErrorText } from '../../lib/errors.ts';
import { NumberSearchBox, RecordNumber, useNumberSearch } from '../../lib/RecordNumber.tsx';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { listHouseholds } from '../households/households.api.ts';
import { HANDOVER_EVENT_PREFIXES, type HandoverFilter, acceptHandover, handoverKeys, listHandovers, refuseHandover } from './handovers.api.ts';

const DIRECTIONS = ['all', 'in', 'out'] as const;
type Direction = (typeof DIRECTIONS)[number];
const STATUS_COLORS: Record<HandoverStatus, string> = { proposed: 'blue', accepted: 'green', refused: 'default', overdue: 'red' };
const pending = (h: Handover) => h.status === 'proposed' || h.status === 'overdue';

function StatusTags({ h }: { h: Handover }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[h.status]} style={{ marginInlineEnd: 0 }} data-testid="handover-status">{t(`handovers.status.${h.status}`)}</Tag>
      {h.escalatedToRegionName && pending(h) ? <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{t('handovers.escalated', { name: h.escalatedToRegionName })}</Tag> : null}
    </Space>
  );
}

function PersonCell({ h }: { h: Handover }) {
  const { t } = useTranslation();
  if (!h.person) return <span className="gg-muted">{t('handovers.personHidden')}</span>;
  return (
    <Space size={4} wrap>
      <span>{h.person.name}</span>
      {h.person.idNumber ? <span className="gg-mono gg-muted" style={{ fontSize: 12 }}>{h.person.idNumber}</span> : null}
      {h.person.riskColour !== 'green' ? <Tag color={h.person.riskColour === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>{h.person.riskColour}</Tag> : null}
      {h.person.activeQuarantine ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{h.person.activeQuarantine}</Tag> : null}
    </Space>
  );
}

/** The receiving side's answer: into a household of its grid (or none), or back with a reason. */
function DecideModal({ handover, mode, onClose }: { handover: Handover | null; mode: 'accept' | 'refuse'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const queryClient = useQueryClient();
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Handover | null>(null);
  const households = useQuery({
    queryKey: ['handovers', 'households', handover?.toRegionId],
    queryFn: () => listHouseholds({ regionId: handover?.toRegionId, limit: 200 }),
    enabled: handover !== null && mode === 'accept',
  });
  const save = useMutation({
    mutationFn: () => (mode === 'accept' ? acceptHandover(handover?.id ?? '', { householdId }, key) : refuseHandover(handover?.id ?? '', reason.trim(), key)),
    onSuccess: (h) => {
      void message.success(t(mode === 'accept' ? 'handovers.accepted' : 'handovers.refused'));
      void queryClient.invalidateQueries({ queryKey: handoverKeys.all });
      renew();
      if (mode === 'accept') setDone(h);
      else close();
    },
  });
  const close = () => {
    setDone(null);
    setHouseholdId(null);
    setReason('');
    save.reset();
    onClose();
  };
  const name = handover?.person?.name ?? '';
  return (
    <Modal
      open={handover !== null}
      title={mode === 'accept' ? t('handovers.acceptTitle', { name }) : t('handovers.refuseTitle')}
      onCancel={close}
      onOk={() => (done ? close() : save.mutate())}
      okText={done ? t('common.close') : t(`handovers.${mode}`)}
      okButtonProps={{ danger: mode === 'refuse', disabled: !done && mode === 'refuse' && reason.trim() === '', 'data-testid': 'handover-decide-submit' } as { danger: boolean; disabled: boolean }}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="handover-decide"
    >
      {save.isError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(save.error)} /> : null}
      {done ? (
        <Alert type="success" showIcon title={t('handovers.acceptHelp')} action={<Link to={done.householdId ? `/households/${done.householdId}` : '/persons'} data-testid="handover-open-person">{t('handovers.openPerson')}</Link>} />
      ) : mode === 'accept' ? (
        <Form layout="vertical">
          <Form.Item label={t('handovers.household')}>
            <Select<string>
              value={householdId ?? ''}
              onChange={(v) => setHouseholdId(v === '' ? null : v)}
              loading={households.isPending}
              options={[{ value: '', label: t('handovers.householdNone') }, ...(households.data?.items ?? []).map((h) => ({ value: h.id, label: h.address }))]}
              data-testid="handover-household"
            />
          </Form.Item>
          <Typography.Text type="secondary">{t('handovers.acceptHelp')}</Typography.Text>
        </Form>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('handovers.refuseReason')} required>
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={HANDOVER_LIMITS.reason} showCount data-testid="handover-refuse-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export default function HandoversPage() {
  useLiveRefresh({ prefixes: HANDOVER_EVENT_PREFIXES }, handoverKeys.all);
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [direction, setDirection] = useState<Direction>('in');
  const [status, setStatus] = useState<HandoverStatus | ''>('');
  const numberQ = useNumberSearch();
  const { regionId, setRegionId } = useUrlFilters();
  const [deciding, setDeciding] = useState<{ h: Handover; mode: 'accept' | 'refuse' } | null>(null);
  const filter: HandoverFilter = { regionId, direction: direction === 'all' ? undefined : direction, status: status || undefined, q: numberQ };
  const { list, rows, total } = useCursorList(handoverKeys.list(filter), (cursor) => listHandovers(filter, cursor));
  const mayDecide = can(me.user.role, 'handovers.work') && me.region.level !== 'microgrid';
  // The receiving side: my region holds the receiving grid (the list says so by direction; a row of both sides shows both).
  const receiving = (h: Handover) => mayDecide && pending(h) && (direction === 'in' || h.person !== null) && h.fromRegionId !== me.user.regionId;
  const actions = (h: Handover) =>
    receiving(h) ? (
      <Space size={4} onClick={(e) => e.stopPropagation()}>
        <Button size="small" type="primary" onClick={() => setDeciding({ h, mode: 'accept' })} data-testid="handover-accept">{t('handovers.accept')}</Button>
        <Button size="small" danger onClick={() => setDeciding({ h, mode: 'refuse' })} data-testid="handover-refuse">{t('handovers.refuse')}</Button>
      </Space>
    ) : null;
  const due = (h: Handover) => <span style={{ color: h.status === 'overdue' ? '#cf1322' : undefined }}>{dayjs(h.dueAt).format('MM-DD HH:mm')}</span>;

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('handovers.title')}</Typography.Title>
      </div>
      {mobile ? null : <Typography.Paragraph type="secondary">{t('handovers.intro')}</Typography.Paragraph>}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
          <NumberSearchBox example="YJ-20261206-0003" mobile={mobile} testId="handover-search" />
          <Segmented<Direction>
            value={direction}
            onChange={setDirection}
            options={DIRECTIONS.map((d) => ({ value: d, label: <span data-testid={`handover-direction-${d}`}>{t(`handovers.direction.${d}`)}</span> }))}
            block={mobile}
            style={mobile ? { width: '100%' } : undefined}
          />
          <Select<HandoverStatus | ''>
            value={status}
            onChange={setStatus}
            options={[{ value: '', label: t('handovers.status.all') }, ...HANDOVER_STATUSES.map((s) => ({ value: s, label: t(`handovers.status.${s}`) }))]}
            style={{ width: mobile ? '100%' : 140 }}
            data-testid="handover-status-filter"
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="handover" />
        </div>
        <PagedRecords<Handover>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('handovers.empty')}
          testId="handover-table"
          cards={(loaded) => (
            <div className="gg-card-list" data-testid="handover-cards">
              {loaded.map((h) => (
                <Card key={h.id} size="small" data-testid="handover-card" style={{ borderInlineStart: h.status === 'overdue' ? '4px solid #cf1322' : undefined }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <strong className="gg-ellipsis">{h.fromRegionName} → {h.toRegionName}</strong>
                    <StatusTags h={h} />
                  </div>
                  <div style={{ margin: '4px 0' }}><PersonCell h={h} /></div>
                  <div style={{ overflowWrap: 'anywhere', fontSize: 13 }}>{h.reason}</div>
                  {h.refuseReason ? <div className="gg-muted" style={{ fontSize: 12 }}>{t('handovers.refuseReason')}：{h.refuseReason}</div> : null}
                  <div className="gg-muted" style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12, marginTop: 4, alignItems: 'center' }}>
                    <span className="gg-mono">{h.number} · {t('handovers.cols.due')} {due(h)}</span>
                    {actions(h)}
                  </div>
                </Card>
              ))}
            </div>
          )}
          columns={[
            { title: t('handovers.cols.number'), dataIndex: 'number', render: (v: string) => <RecordNumber value={v} testId="handover-number" /> },
            { title: t('handovers.cols.person'), dataIndex: 'person', render: (_: unknown, h) => <PersonCell h={h} /> },
            { title: t('handovers.cols.from'), dataIndex: 'fromRegionName' },
            { title: t('handovers.cols.to'), dataIndex: 'toRegionName' },
            { title: t('handovers.cols.reason'), dataIndex: 'reason', ellipsis: true, width: 260, render: (v: string, h) => (h.refuseReason ? `${v}（${t('handovers.refused')}：${h.refuseReason}）` : v) },
            { title: t('handovers.cols.due'), dataIndex: 'dueAt', render: (_: string, h) => due(h) },
            { title: t('handovers.cols.status'), dataIndex: 'status', render: (_: string, h) => <StatusTags h={h} /> },
            { title: '', key: 'actions', render: (_: unknown, h) => actions(h) },
          ]}
        />
      </Card>
      <DecideModal handover={deciding?.h ?? null} mode={deciding?.mode ?? 'accept'} onClose={() => setDeciding(null)} />
    </div>
  );
}

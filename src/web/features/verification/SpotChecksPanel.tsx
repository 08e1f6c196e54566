// 抽查 on a list's page: a town (or the county for one of its towns) draws a random share of the
// town's checked tasks for one of its patrol teams — drawing again only tops the sample up — and
// records each spot check's finding: confirm the outcome, or send the task back with the reason.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SPOT_CHECK_SHARE, SPOT_CHECK_DRAWERS } from '../../../shared/verification-checks.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { listTeams } from '../patrols/patrols.api.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { OutcomeTag } from './VerificationTags.tsx';
import { type SpotCheck, type VerificationList, drawSpotChecks, listSpotChecks, recordSpotCheck, spotKeys } from './verification.api.ts';

const STATUS_COLOUR = { pending: 'blue', confirmed: 'green', reopened: 'orange' } as const;

function DrawForm({ list, onDrawn }: { list: VerificationList; onDrawn: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const townAccount = me.region.level === 'town';
  const [townId, setTownId] = useState<number | undefined>(townAccount ? me.region.id : undefined);
  const [teamId, setTeamId] = useState<string | undefined>();
  const [share, setShare] = useState<number>(list.spotCheckShare);
  const [busy, setBusy] = useState(false);
  const teams = useQuery({ queryKey: ['patrol-teams', 'active'], queryFn: () => listTeams() });
  const options = (teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: `${tm.name} · ${tm.regionName}` }));
  const draw = async () => {
    if (!townId || !teamId) return;
    setBusy(true);
    try {
      const res = await drawSpotChecks(list.id, { regionId: townId, teamId, share }, key);
      renew();
      message.success(t('verification.spot.drawn', { closed: res.closed, target: res.target, drawn: res.drawn }));
      onDrawn();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }} data-testid="vspot-draw">
      {townAccount ? null : (
        <Form.Item label={t('verification.spot.town')} style={{ minWidth: 200, marginBottom: 8 }} required>
          <RegionSelect value={townId} onChange={setTownId} level="town" data-testid="vspot-town" />
        </Form.Item>
      )}
      <Form.Item label={t('verification.spot.team')} style={{ minWidth: 220, marginBottom: 8 }} required>
        <Select value={teamId} onChange={setTeamId} options={options} loading={teams.isPending} notFoundContent={t('verification.spot.noTeam')} showSearch optionFilterProp="label" data-testid="vspot-team" />
      </Form.Item>
      <Form.Item label={t('verification.spot.share')} tooltip={t('verification.spot.shareHelp')} style={{ marginBottom: 8 }}>
        <InputNumber min={1} max={MAX_SPOT_CHECK_SHARE} precision={0} value={share} onChange={(v) => setShare(v ?? list.spotCheckShare)} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => void draw()} disabled={!townId || !teamId} loading={busy} data-testid="vspot-draw-ok">{t('verification.spot.draw')}</Button>
      </Form.Item>
    </Form>
  );
}

function ReopenModal({ check, onClose, onDone }: { check: SpotCheck; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const [note, setNote] = useState('');
  const submit = async () => {
    try {
      await recordSpotCheck(check.id, { confirm: false, note: note.trim() }, key);
      renew();
      message.success(t('verification.spot.reopened'));
      onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Modal open title={`${t('verification.spot.reopen')} · ${check.taskNumber}`} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ disabled: !note.trim(), 'data-testid': 'vspot-reopen-ok' } as never}>
      <Form layout="vertical">
        <Form.Item label={t('verification.spot.reopenReason')} required>
          <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('verification.spot.reopenPlaceholder')} data-testid="vspot-reopen-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SpotChecksPanel({ list }: { list: VerificationList }) {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [reopening, setReopening] = useState<SpotCheck | null>(null);
  const checks = useQuery({ queryKey: spotKeys.list(list.id), queryFn: () => listSpotChecks(list.id) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['verification'] });
  const confirm = async (c: SpotCheck) => {
    try {
      await recordSpotCheck(c.id, { confirm: true }, key);
      renew();
      message.success(t('verification.spot.confirmed'));
      refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const drawer = SPOT_CHECK_DRAWERS.includes(me.user.role);
  return (
    <Card title={t('verification.spot.title')} style={{ marginTop: 16 }} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="vspot">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('verification.spot.intro')}</Typography.Paragraph>
      {drawer ? <DrawForm list={list} onDrawn={refresh} /> : null}
      <Table<SpotCheck>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        style={{ marginTop: 8 }}
        loading={checks.isPending}
        dataSource={checks.data?.items ?? []}
        locale={{ emptyText: t('verification.spot.empty') }}
        data-testid="vspot-table"
        columns={[
          { title: t('verification.columns.number'), dataIndex: 'taskNumber' },
          { title: t('verification.fields.name'), dataIndex: 'name' },
          { title: t('verification.fields.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => v ?? '' },
          { title: t('verification.columns.region'), dataIndex: 'taskRegionName' },
          { title: t('verification.columns.outcome'), dataIndex: 'outcome', render: (v: SpotCheck['outcome']) => <OutcomeTag outcome={v} /> },
          { title: t('verification.columns.status'), dataIndex: 'status', render: (v: SpotCheck['status']) => <Tag color={STATUS_COLOUR[v]}>{t(`verification.spot.statuses.${v}`)}</Tag> },
          { title: t('verification.spot.result'), dataIndex: 'resultNote', render: (v: string | null, c) => v ?? (c.checkedAt ? formatDateTime(c.checkedAt) : '') },
          {
            title: t('verification.columns.actions'),
            key: 'actions',
            render: (_: unknown, c) =>
              c.status === 'pending' ? (
                <Space size="small">
                  <Button size="small" onClick={() => void confirm(c)} data-testid="vspot-confirm">{t('verification.spot.confirm')}</Button>
                  <Button size="small" danger onClick={() => setReopening(c)} data-testid="vspot-reopen">{t('verification.spot.reopen')}</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {reopening ? <ReopenModal check={reopening} onClose={() => setReopening(null)} onDone={() => (setReopening(null), refresh())} /> : null}
    </Card>
  );
}

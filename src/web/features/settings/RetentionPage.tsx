// 数据保留与解除 (the county's admin and command): days kept per kind of personal data, the
// purge's dry run by kind and town with its latest run's progress, and stand-downs (解除).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, List, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRetention, PurgePreview, PurgeRun, RetentionKind, RetentionPolicy, StandDown } from '../../../shared/retention.ts';
import { AUDIT_RETENTION_MAX_DAYS, STAND_DOWN_DEFAULT_DAYS, STAND_DOWN_MINIMUM_DAYS } from '../../../shared/retention.ts';
import { useMe } from '../../app/auth.tsx';
import { RegionFilter } from '../../lib/RegionFilter.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import * as api from './retention.api.ts';

function PoliciesCard({ policies, auditRetention }: { policies: RetentionPolicy[]; auditRetention: AuditRetention }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [days, setDays] = useState<Partial<Record<RetentionKind, number>>>({});
  const [auditDays, setAuditDays] = useState(auditRetention.days);
  useEffect(() => setDays(Object.fromEntries(policies.map((p) => [p.kind, p.days]))), [policies]);
  useEffect(() => setAuditDays(auditRetention.days), [auditRetention]);
  const save = useMutation({
    mutationFn: () =>
      api.putRetention(
        {
          days: Object.fromEntries(policies.filter((p) => days[p.kind] !== p.days).map((p) => [p.kind, days[p.kind] ?? p.days])),
          ...(auditDays !== auditRetention.days ? { auditDays } : {}),
        },
        key,
      ),
    onSuccess: (saved) => {
      renew();
      queryClient.setQueryData(api.retentionKeys.policies, saved);
      void queryClient.invalidateQueries({ queryKey: api.retentionKeys.preview });
      void message.success(t('retention.saved'));
    },
  });
  const daysInput = (p: RetentionPolicy) => (
    <InputNumber
      min={p.minimumDays}
      max={3650}
      precision={0}
      value={days[p.kind]}
      onChange={(v) => setDays((d) => ({ ...d, [p.kind]: v ?? p.minimumDays }))}
      suffix={t('retention.daysUnit')}
      style={{ width: 120 }}
      aria-label={t(`retention.kinds.${p.kind}`)}
      data-testid={`retention-days-${p.kind}`}
    />
  );
  return (
    <Card title={t('retention.policies')}>
      {save.isError ? <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} /> : null}
      {mobile ? (
        // On a phone, five columns only fit by scrolling the table sideways inside its card: each
        // kind is a block of its own instead, the days field under its name.
        <List<RetentionPolicy>
          size="small"
          dataSource={policies}
          rowKey="kind"
          data-testid="retention-policies"
          renderItem={(p) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <Space wrap size={[8, 4]}>
                <Typography.Text strong>{t(`retention.kinds.${p.kind}`)}</Typography.Text>
                <Tag>{t(`retention.action.${p.action}`)}</Tag>
              </Space>
              <div className="gg-muted">{t(`retention.closes.${p.kind}`)}</div>
              <Space wrap size={[8, 4]} style={{ marginTop: 4 }}>
                {daysInput(p)}
                <span className="gg-muted">
                  {t('retention.cols.minimumDays')} {p.minimumDays} {t('retention.daysUnit')}
                </span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<RetentionPolicy>
          rowKey="kind"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={policies}
          data-testid="retention-policies"
          columns={[
            { key: 'kind', title: t('retention.cols.kind'), render: (_v, p) => <span>{t(`retention.kinds.${p.kind}`)}</span> },
            { key: 'closes', title: t('retention.cols.closes'), render: (_v, p) => <span className="gg-muted">{t(`retention.closes.${p.kind}`)}</span> },
            {
              key: 'days',
              title: t('retention.cols.days'),
              render: (_v, p) => daysInput(p),
            },
            { key: 'min', title: t('retention.cols.minimumDays'), render: (_v, p) => `${p.minimumDays} ${t('retention.daysUnit')}` },
            { key: 'action', title: t('retention.cols.action'), render: (_v, p) => <Tag>{t(`retention.action.${p.action}`)}</Tag> },
          ]}
        />
      )}
      <div style={{ marginTop: 16 }} data-testid="retention-audit">
        <Typography.Text strong>{t('retention.auditTitle')}</Typography.Text>
        <Typography.Paragraph className="gg-muted" style={{ marginBottom: 8 }}>
          {t('retention.auditHelp', { min: auditRetention.minimumDays, def: auditRetention.defaultDays })}
        </Typography.Paragraph>
        <Space wrap>
          <InputNumber
            min={auditRetention.minimumDays}
            max={AUDIT_RETENTION_MAX_DAYS}
            precision={0}
            value={auditDays}
            onChange={(v) => setAuditDays(v ?? auditRetention.minimumDays)}
            suffix={t('retention.daysUnit')}
            style={{ width: 140 }}
            aria-label={t('retention.auditDays')}
            data-testid="retention-audit-days"
          />
          {auditRetention.setByCounty ? null : <Tag>{t('retention.auditDefault')}</Tag>}
        </Space>
      </div>
      <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} onClick={() => save.mutate()} data-testid="retention-save">
        {t('retention.save')}
      </Button>
    </Card>
  );
}

function RunLine({ run }: { run: PurgeRun | null }) {
  const { t } = useTranslation();
  if (!run) return <span className="gg-muted">{t('retention.runNone')}</span>;
  const colour = run.status === 'done' ? 'green' : run.status === 'running' ? 'blue' : 'orange';
  return (
    <Space wrap data-testid="retention-run">
      <Tag color={colour}>{t(`retention.runStatus.${run.status}`)}</Tag>
      <span>{t('retention.runLine', { at: formatDateTime(run.startedAt), n: run.total })}</span>
    </Space>
  );
}

function PreviewCard({ preview, run }: { preview: PurgePreview | undefined; run: PurgeRun | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: api.startPurge,
    onSuccess: (status) => {
      queryClient.setQueryData(api.retentionKeys.run, status);
      void message.success(t('retention.purgeStarted'));
    },
  });
  return (
    <Card title={t('retention.preview')} extra={<RunLine run={run} />}>
      <Typography.Paragraph className="gg-muted">{t('retention.previewHelp')}</Typography.Paragraph>
      {start.isError ? <Alert type="error" showIcon title={errorText(start.error)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey={(r) => `${r.kind}-${r.regionId}`}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={preview?.rows ?? []}
        loading={!preview}
        locale={{ emptyText: t('retention.previewEmpty') }}
        data-testid="retention-preview"
        columns={[
          { key: 'kind', title: t('retention.cols.kind'), render: (_v, r) => t(`retention.kinds.${r.kind}`) },
          { key: 'region', title: t('retention.cols.region'), dataIndex: 'regionName' },
          { key: 'count', title: t('retention.cols.count'), dataIndex: 'count', align: 'right' },
        ]}
        summary={() => (preview && preview.total > 0 ? <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={3}>{t('retention.previewTotal', { n: preview.total })}</Table.Summary.Cell></Table.Summary.Row> : null)}
      />
      <Popconfirm title={t('retention.purgeConfirm')} onConfirm={() => start.mutate()}>
        <Button danger style={{ marginTop: 12 }} loading={start.isPending} disabled={run?.status === 'running'} data-testid="retention-purge">
          {t('retention.purgeNow')}
        </Button>
      </Popconfirm>
    </Card>
  );
}

interface StandDownValues {
  endedOn: Dayjs;
  purgeAfterDays: number;
  register: 'keep' | 'purge';
}

function StandDownsCard() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<StandDownValues>();
  const [regionId, setRegionId] = useState<number | undefined>(undefined);
  const list = useQuery({ queryKey: api.retentionKeys.standDowns(), queryFn: () => api.getStandDowns() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['stand-downs'] });
  const record = useMutation({
    mutationFn: (v: StandDownValues) => api.recordStandDown({ regionId: regionId ?? me.user.regionId, endedOn: v.endedOn.format('YYYY-MM-DD'), purgeAfterDays: v.purgeAfterDays, register: v.register }, key),
    onSuccess: () => {
      renew();
      refresh();
      void message.success(t('retention.recorded'));
    },
  });
  const revoke = useMutation({
    mutationFn: api.revokeStandDown,
    onSuccess: () => {
      refresh();
      void message.success(t('retention.revoked'));
    },
  });
  return (
    <Card title={t('retention.standDowns')}>
      <Typography.Paragraph className="gg-muted">{t('retention.standDownsHelp')}</Typography.Paragraph>
      {record.isError || revoke.isError ? <Alert type="error" showIcon title={errorText(record.error ?? revoke.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<StandDown>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        locale={{ emptyText: t('retention.noStandDowns') }}
        data-testid="stand-downs"
        columns={[
          { key: 'region', title: t('retention.region'), dataIndex: 'regionName' },
          { key: 'endedOn', title: t('retention.endedOn'), dataIndex: 'endedOn' },
          {
            key: 'state',
            title: '',
            render: (_v, s) => (s.purgedAt ? <Tag color="green">{t('retention.purged')}</Tag> : <Tag color="blue">{t('retention.purgeFrom', { day: s.purgeFrom })}</Tag>),
          },
          { key: 'register', title: t('retention.register'), render: (_v, s) => (s.register === 'keep' ? t('retention.registerKeep') : t('retention.registerPurge')) },
          {
            key: 'revoke',
            title: '',
            render: (_v, s) =>
              s.purgedAt ? null : (
                <Popconfirm title={t('retention.revokeConfirm')} onConfirm={() => revoke.mutate(s.id)}>
                  <Button size="small">{t('retention.revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Form<StandDownValues>
        form={form}
        layout={mobile ? 'vertical' : 'inline'}
        style={{ marginTop: 16, rowGap: 8 }}
        initialValues={{ purgeAfterDays: STAND_DOWN_DEFAULT_DAYS, register: 'keep' }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item label={t('retention.region')} tooltip={t('retention.regionHelp')}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            <RegionFilter value={regionId} onChange={setRegionId} mobile={mobile} testId="stand-down-region" />
          </div>
        </Form.Item>
        <Form.Item name="endedOn" label={t('retention.endedOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker inputReadOnly={mobile} data-testid="stand-down-date" />
        </Form.Item>
        <Form.Item name="purgeAfterDays" label={t('retention.purgeAfterDays')}>
          <InputNumber min={STAND_DOWN_MINIMUM_DAYS} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="register" label={t('retention.register')}>
          <Radio.Group optionType="button" options={[{ value: 'keep', label: t('retention.registerKeep') }, { value: 'purge', label: t('retention.registerPurge') }]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending} block={mobile} data-testid="stand-down-record">
            {t('retention.record')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function RetentionPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const policies = useQuery({ queryKey: api.retentionKeys.policies, queryFn: api.getRetention });
  const run = useQuery({
    queryKey: api.retentionKeys.run,
    queryFn: api.getPurgeRun,
    // Follow a running purge; stop once it has ended.
    refetchInterval: (q) => (q.state.data?.run?.status === 'running' ? 2_000 : false),
  });
  const running = run.data?.run?.status === 'running';
  const preview = useQuery({ queryKey: [...api.retentionKeys.preview, running], queryFn: api.getPurgePreview });
  return (
    <div className="gg-page" data-testid="retention-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('retention.title')}</Typography.Title>
      </div>
      <Typography.Paragraph>{t('retention.intro')}</Typography.Paragraph>
      {policies.isError ? <Alert type="error" showIcon title={errorText(policies.error)} /> : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {policies.data ? <PoliciesCard policies={policies.data.policies} auditRetention={policies.data.audit} /> : null}
        <PreviewCard preview={preview.data} run={run.data?.run ?? null} />
        <StandDownsCard />
      </Space>
    </div>
  );
}

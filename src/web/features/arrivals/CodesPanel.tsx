// The villages' QR codes: status, entries, when made; print the poster, revoke (the token stops
// at once) or replace (revoke and issue the next), each after a confirmation; issue a code for a
// village that has none.
import { DeleteOutlined, PlusOutlined, PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Modal, Popconfirm, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ArrivalCode } from '../../../shared/arrivals.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { arrivalKeys, createCode, listCodes, listVillages, replaceCode, revokeCode } from './arrivals.api.ts';

function CodeStatusTag({ code }: { code: ArrivalCode }) {
  const { t } = useTranslation();
  return <Tag color={code.status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{t(`arrivals.codes.${code.status}`)}</Tag>;
}

function useCodeAction(run: (id: string, key: string) => Promise<ArrivalCode>, doneText: string, after?: (code: ArrivalCode) => void) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  return useMutation({
    mutationFn: (id: string) => run(id, key),
    onSuccess: (code) => {
      renew();
      void message.success(doneText);
      void queryClient.invalidateQueries({ queryKey: ['arrivals', 'codes'] });
      after?.(code);
    },
    onError: (err) => void message.error(errorText(err)),
  });
}

function CodeActions({ code }: { code: ArrivalCode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const poster = (c: ArrivalCode) => void navigate(`/arrivals/codes/${c.id}/poster`);
  const revoke = useCodeAction(revokeCode, t('arrivals.codes.revokedDone'));
  const replace = useCodeAction(replaceCode, t('arrivals.codes.replacedDone'), poster);
  return (
    <Space wrap size={4} onClick={(e) => e.stopPropagation()}>
      <Button size="small" icon={<PrinterOutlined />} onClick={() => poster(code)} data-testid="arrival-code-poster">{t('arrivals.codes.poster')}</Button>
      {code.status === 'active' ? (
        <>
          <Popconfirm title={t('arrivals.codes.replaceConfirm')} onConfirm={() => replace.mutate(code.id)} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button size="small" icon={<SwapOutlined />} loading={replace.isPending} data-testid="arrival-code-replace">{t('arrivals.codes.replace')}</Button>
          </Popconfirm>
          <Popconfirm title={t('arrivals.codes.revokeConfirm')} onConfirm={() => revoke.mutate(code.id)} okText={t('common.ok')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}>
            <Button size="small" danger icon={<DeleteOutlined />} loading={revoke.isPending} data-testid="arrival-code-revoke">{t('arrivals.codes.revoke')}</Button>
          </Popconfirm>
        </>
      ) : null}
    </Space>
  );
}

function CreateCodeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ regionId: number }>();
  const villages = useQuery({ queryKey: arrivalKeys.villages, queryFn: listVillages, enabled: open, staleTime: 60_000 });
  const active = useQuery({ queryKey: arrivalKeys.codes('active-all'), queryFn: () => listCodes({ status: 'active', limit: 500 }), enabled: open });
  const taken = new Set((active.data?.items ?? []).map((c) => c.regionId));
  const options = (villages.data?.items ?? []).filter((v) => v.active && !taken.has(v.id)).map((v) => ({ value: v.id, label: v.name }));
  const create = useCodeAction((regionId, key) => createCode(Number(regionId), key), t('arrivals.codes.createdDone'), () => {
    form.resetFields();
    onClose();
  });
  const loading = villages.isPending || active.isPending;
  return (
    <Modal
      open={open}
      title={t('arrivals.codes.createTitle')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(String(v.regionId))).catch(() => undefined)}
      okButtonProps={{ disabled: !loading && options.length === 0, loading: create.isPending, ...({ 'data-testid': 'arrival-code-create-ok' } as Record<string, string>) }}
      okText={t('arrivals.codes.create')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="regionId" label={t('arrivals.codes.pickVillage')} rules={[{ required: true, message: t('validation.required') }]} extra={!loading && options.length === 0 ? t('arrivals.codes.allHaveCodes') : undefined}>
          <Select showSearch optionFilterProp="label" loading={loading} options={options} placeholder={t('arrivals.codes.pickVillage')} data-testid="arrival-code-village" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CodesPanel({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'active' | 'revoked' | 'all'>('active');
  const [creating, setCreating] = useState(false);
  const { list, rows } = useCursorList(arrivalKeys.codes(status), (cursor) => listCodes({ status: status === 'all' ? undefined : status, cursor, limit: 100 }));
  const columns: TableColumnsType<ArrivalCode> = [
    { title: t('arrivals.codes.village'), dataIndex: 'regionName' },
    { title: t('arrivals.codes.status'), dataIndex: 'status', render: (_: string, c) => <CodeStatusTag code={c} /> },
    { title: t('arrivals.codes.entries'), dataIndex: 'entryCount', align: 'right' },
    { title: t('arrivals.codes.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('arrivals.codes.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
    { title: t('common.actions'), key: 'actions', render: (_: unknown, c) => <CodeActions code={c} /> },
  ];
  return (
    <>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16, justifyContent: 'space-between' }}>
        <Select
          value={status}
          onChange={setStatus}
          style={{ flex: '1 1 140px', maxWidth: mobile ? undefined : 180 }}
          options={[
            { value: 'active', label: t('arrivals.codes.active') },
            { value: 'revoked', label: t('arrivals.codes.revoked') },
            { value: 'all', label: t('arrivals.allStatuses') },
          ]}
          data-testid="arrival-code-filter"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="arrival-code-create">{t('arrivals.codes.create')}</Button>
      </div>
      <PagedRecords<ArrivalCode>
        mobile={mobile}
        list={list}
        rows={rows}
        emptyText={t('arrivals.codes.empty')}
        testId="arrival-code-table"
        columns={columns}
        cards={(loaded) => (
          <div className="gg-card-list" data-testid="arrival-code-cards">
            {loaded.map((c) => (
              <Card key={c.id} size="small" data-testid="arrival-code-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                  <strong className="gg-ellipsis">{c.regionName}</strong>
                  <CodeStatusTag code={c} />
                </div>
                <div className="gg-muted" style={{ fontSize: 12, margin: '4px 0 8px' }}>
                  {t('arrivals.codes.entries')} {c.entryCount} · {formatDateTime(c.createdAt)}
                </div>
                <CodeActions code={c} />
              </Card>
            ))}
          </div>
        )}
      />
      <CreateCodeModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

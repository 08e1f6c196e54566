// The named people of a grid or micro-grid (微网格长, 党员志愿者, 楼道长) on the territory page:
// name, role, masked mobile, duties; staff who manage them add and stop them.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_KINDS, VOLUNTEER_LIMITS, type VolunteerKind } from '../../../shared/responsibility.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { addVolunteer, endVolunteer, listVolunteers, responsibilityKeys } from './responsibility.api.ts';

const FIELDS = ['kind', 'name', 'phone', 'duties'] as const;

export function VolunteersSection({ regionId }: { regionId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: responsibilityKeys.volunteers(regionId), queryFn: () => listVolunteers(regionId) });
  const mayManage = can(me.user.role, 'volunteers.manage');
  const end = useMutation({
    mutationFn: endVolunteer,
    onSuccess: () => {
      void message.success(t('responsibility.volunteers.ended'));
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const own = (list.data?.items ?? []).filter((v) => v.regionId === regionId);
  return (
    <div data-testid="volunteers-section" style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <strong>{t('responsibility.volunteers.title')}</strong>
        {mayManage ? <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="volunteer-add">{t('responsibility.volunteers.add')}</Button> : null}
      </div>
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <List
        size="small"
        bordered
        loading={list.isPending}
        dataSource={own}
        locale={{ emptyText: t('responsibility.volunteers.none') }}
        data-testid="volunteers-list"
        renderItem={(v) => (
          <List.Item
            actions={mayManage ? [
              <Popconfirm key="end" title={t('responsibility.volunteers.end')} onConfirm={() => end.mutate(v.id)}>
                <a>{t('responsibility.volunteers.end')}</a>
              </Popconfirm>,
            ] : undefined}
          >
            <Space size={8} wrap style={{ minWidth: 0 }}>
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t(`responsibility.volunteers.kinds.${v.kind}`)}</Tag>
              <span>{v.name}</span>
              {v.phone ? <span className="gg-mono gg-muted">{v.phone}</span> : null}
              {v.userId ? <Tag style={{ marginInlineEnd: 0 }}>{t('responsibility.volunteers.account')}</Tag> : null}
              {v.duties ? <span className="gg-muted" style={{ overflowWrap: 'anywhere' }}>{v.duties}</span> : null}
            </Space>
          </List.Item>
        )}
      />
      {adding ? <AddModal regionId={regionId} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

function AddModal({ regionId, onClose }: { regionId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formErrors = useFormErrors();
  const queryClient = useQueryClient();
  const { key } = useIdempotencyKey();
  const [form] = Form.useForm<{ kind: VolunteerKind; name: string; phone: string; duties?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { kind: VolunteerKind; name: string; phone: string; duties?: string }) => addVolunteer({ regionId, kind: v.kind, name: v.name, phone: v.phone, duties: v.duties?.trim() || undefined }, key),
    onSuccess: () => {
      void message.success(t('responsibility.volunteers.saved'));
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });
  return (
    <Modal open title={t('responsibility.volunteers.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('responsibility.save')} cancelText={t('responsibility.cancel')} destroyOnHidden okButtonProps={{ ...({ 'data-testid': 'volunteer-save' } as Record<string, string>) }}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'microgrid_head' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('responsibility.volunteers.kind')} rules={[{ required: true }]}>
          <Select options={VOLUNTEER_KINDS.map((k) => ({ value: k, label: t(`responsibility.volunteers.kinds.${k}`) }))} data-testid="volunteer-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('responsibility.volunteers.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={VOLUNTEER_LIMITS.name} data-testid="volunteer-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('responsibility.volunteers.phone')} rules={[{ required: true, whitespace: true }]}>
          <Input inputMode="tel" maxLength={VOLUNTEER_LIMITS.phone} data-testid="volunteer-phone" />
        </Form.Item>
        <Form.Item name="duties" label={t('responsibility.volunteers.duties')}>
          <Input.TextArea maxLength={VOLUNTEER_LIMITS.duties} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="volunteer-duties" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

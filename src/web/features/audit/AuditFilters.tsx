// Audit filters: account, entity type and id, region, action, time range.
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { UserSelect } from '../accounts/UserSelect.tsx';
import { ENUMERATION_SUSPECTED, OUT_OF_REGION_ANSWER } from '../../../shared/audit.ts';
import { AUDIT_ENTITIES, type AuditFilter } from './audit.api.ts';

interface Values {
  userId?: string;
  entity?: string;
  entityId?: string;
  regionId?: number;
  action?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** `initial`: a filter set from outside (the alerts above the log); remount to apply another. */
export function AuditFilters({ onApply, initial = {} }: { onApply: (filter: AuditFilter) => void; initial?: AuditFilter }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const apply = (v: Values) =>
    onApply({
      userId: v.userId || undefined,
      entity: v.entity || undefined,
      entityId: v.entityId?.trim() || undefined,
      regionId: v.regionId,
      action: v.action || undefined,
      // ISO 8601 with the browser's offset, as the API asks.
      from: v.from?.format() ?? undefined,
      to: v.to?.format() ?? undefined,
    });
  const actions = [
    ENUMERATION_SUSPECTED, OUT_OF_REGION_ANSWER, 'reveal', 'export_reveal', 'print_reveal', 'read', 'print', 'export',
    'create', 'update', 'move', 'activate', 'deactivate', 'disable', 'reset_password', 'login', 'login_failed', 'logout', 'create_token', 'revoke_token', 'visit',
  ];
  const cell = { style: { marginBottom: 12, minWidth: 0 } };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={apply} initialValues={{ userId: initial.userId, entity: initial.entity, entityId: initial.entityId, regionId: initial.regionId, action: initial.action }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}>
        <Form.Item name="userId" label={t('audit.user')} {...cell}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')} {...cell}>
          <Select allowClear placeholder={t('audit.entityAny')} options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')} {...cell}>
          <Input allowClear maxLength={64} />
        </Form.Item>
        <Form.Item name="regionId" label={t('audit.region')} {...cell}>
          <RegionSelect allowClear placeholder={t('users.regionAll')} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} {...cell}>
          <Select allowClear placeholder={t('common.all')} options={actions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))} />
        </Form.Item>
        <Form.Item name="from" label={t('audit.from')} {...cell}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="to" label={t('audit.to')} {...cell}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        <Button
          onClick={() => {
            form.resetFields();
            apply({});
          }}
        >
          {t('common.reset')}
        </Button>
        <Button type="primary" htmlType="submit">{t('audit.apply')}</Button>
      </div>
    </Form>
  );
}

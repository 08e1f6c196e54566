// 系统设置 (county HQ and admin): the daily report deadline, when the reminder goes out, and the
// default home-quarantine period. Others see the values read-only.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Spin, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CountySettings } from '../../../shared/reports.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { getSettings, patchSettings, settingsKeys } from './settings.api.ts';

interface Values {
  reportDeadline: Dayjs;
  reminderTime: Dayjs;
  quarantineDays: number;
  handoverDeadlineHours: number;
}
const FIELDS = ['reportDeadline', 'reminderTime', 'quarantineDays', 'handoverDeadlineHours'] as const;
const clock = (hhmm: string): Dayjs => dayjs(`2000-01-01T${hhmm}:00`);

function SettingsForm({ settings }: { settings: CountySettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  useEffect(() => {
    form.setFieldsValue({ reportDeadline: clock(settings.reportDeadline), reminderTime: clock(settings.reminderTime), quarantineDays: settings.quarantineDays, handoverDeadlineHours: settings.handoverDeadlineHours });
  }, [form, settings]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      patchSettings({ reportDeadline: v.reportDeadline.format('HH:mm'), reminderTime: v.reminderTime.format('HH:mm'), quarantineDays: v.quarantineDays, handoverDeadlineHours: v.handoverDeadlineHours }, key),
    onSuccess: (saved) => {
      renew();
      setProblem(null);
      queryClient.setQueryData(settingsKeys.all, saved);
      // Deadlines shown on the report pages follow the new setting.
      void queryClient.invalidateQueries({ queryKey: ['daily-reports'] });
      void message.success(t('common.saved'));
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 480 }}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        name="reportDeadline"
        label={t('settings.reportDeadline')}
        extra={t('settings.reportDeadlineHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <TimePicker format="HH:mm" minuteStep={5} inputReadOnly={mobile} allowClear={false} style={{ width: 160 }} data-testid="settings-deadline" />
      </Form.Item>
      <Form.Item
        name="reminderTime"
        label={t('settings.reminderTime')}
        extra={t('settings.reminderTimeHelp')}
        dependencies={['reportDeadline']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, value: Dayjs | undefined) => {
              const deadline = getFieldValue('reportDeadline') as Dayjs | undefined;
              if (value && deadline && value.format('HH:mm') >= deadline.format('HH:mm')) throw new Error(t('settings.reminderBeforeDeadline'));
            },
          }),
        ]}
      >
        <TimePicker format="HH:mm" minuteStep={5} inputReadOnly={mobile} allowClear={false} style={{ width: 160 }} data-testid="settings-reminder" />
      </Form.Item>
      <Form.Item
        name="quarantineDays"
        label={t('settings.quarantineDays')}
        extra={t('settings.quarantineDaysHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={1} max={60} precision={0} suffix={t('settings.daysUnit')} style={{ width: 160 }} data-testid="settings-quarantine" />
      </Form.Item>
      <Form.Item name="handoverDeadlineHours" label={t('handovers.settings.deadline')} extra={t('handovers.settings.deadlineHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={1} max={720} precision={0} suffix={t('handovers.settings.hoursUnit')} style={{ width: 160 }} data-testid="settings-handover-deadline" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block={mobile} data-testid="settings-save">{t('common.save')}</Button>
    </Form>
  );
}

export default function SettingsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: getSettings });
  const mayEdit = can(me.user.role, 'settings');
  const s = settings.data;
  return (
    <div className="gg-page" data-testid="settings-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('settings.title')}</Typography.Title>
      </div>
      <Card title={t('settings.reportSection')} styles={{ body: { padding: mobile ? 12 : 24 } }}>
        {settings.isPending ? <Spin /> : null}
        {settings.isError ? <Alert type="error" showIcon title={errorText(settings.error)} /> : null}
        {s && mayEdit ? <SettingsForm settings={s} /> : null}
        {s && !mayEdit ? (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'deadline', label: t('settings.reportDeadline'), children: s.reportDeadline },
              { key: 'reminder', label: t('settings.reminderTime'), children: s.reminderTime },
              { key: 'quarantine', label: t('settings.quarantineDays'), children: `${s.quarantineDays} ${t('settings.daysUnit')}` },
              { key: 'handover', label: t('handovers.settings.deadline'), children: `${s.handoverDeadlineHours} ${t('handovers.settings.hoursUnit')}` },
            ]}
          />
        ) : null}
        {s ? <div className="gg-muted" style={{ marginTop: 16, fontSize: 12 }}>{t('settings.timeZone', { zone: s.timeZone })}</div> : null}
      </Card>
      {can(me.user.role, 'retention') && me.region.level === 'county' ? (
        <Card style={{ marginTop: 16 }}>
          <Link to="/settings/retention" data-testid="settings-retention-link">{t('retention.open')}</Link>
        </Card>
      ) : null}
    </div>
  );
}

// One filed report for a supervisor: its figures, note and history, and — for a village or town
// officer — sending it back with a reason (the grid then corrects and files it again).
import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FIGURES } from '../../../shared/reports.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ReportHistory, ReportStatusTag } from './ReportHistory.tsx';
import { getReport, reportKeys, returnReport } from './reports.api.ts';

function ReturnModal({ reportId, open, onClose }: { reportId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblem(null);
    }
  }, [open, form]);
  const send = useMutation({
    mutationFn: (reason: string) => returnReport(reportId, reason.trim(), key),
    onSuccess: () => {
      renew();
      void message.success(t('reports.returnDone'));
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, ['reason'])),
  });
  return (
    <Modal
      open={open}
      title={t('reports.returnTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reports.returnConfirm')}
      okButtonProps={{ danger: true, loading: send.isPending, ...({ 'data-testid': 'report-return-confirm' } as Record<string, string>) }}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('reports.returnHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v.reason)}>
        <Form.Item
          name="reason"
          label={t('reports.returnReason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { min: 2, message: t('reports.returnReasonMin') },
          ]}
        >
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} placeholder={t('reports.returnPlaceholder')} data-testid="report-return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReportDrawer({ reportId, onClose }: { reportId: string | null; onClose: () => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [returning, setReturning] = useState(false);
  const report = useQuery({ queryKey: reportKeys.detail(reportId ?? ''), queryFn: () => getReport(reportId ?? ''), enabled: !!reportId });
  const r = report.data;
  const mayReturn = can(me.user.role, 'reports.return') && r?.status === 'filed';

  return (
    <Drawer
      open={reportId !== null}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={r ? t('reports.drawerTitle', { grid: r.regionName, date: r.date }) : t('reports.drawerLoading')}
      destroyOnHidden
      data-testid="report-drawer"
      footer={
        mayReturn ? (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">{t('reports.return')}</Button>
          </Space>
        ) : null
      }
    >
      {report.isPending ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : report.isError ? (
        <Alert type="error" showIcon title={errorText(report.error)} />
      ) : r ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <ReportStatusTag report={r} />
            {r.zero ? <Tag>{t('reports.zero')}</Tag> : null}
            <span className="gg-muted" style={{ fontSize: 12 }}>{t('reports.filedAtShort', { at: formatDateTime(r.filedAt) })}</span>
          </Space>
          {r.status === 'returned' ? (
            <Alert type="error" showIcon title={t('reports.file.returned', { reason: r.returnReason ?? '' })} style={{ marginBottom: 12 }} />
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={mobile ? 1 : 2}
            items={[
              ...REPORT_FIGURES.map((f) => ({ key: f, label: t(`reports.figures.${f}`), children: r.figures[f] ?? 0 })),
              { key: 'note', label: t('reports.note'), children: r.note ?? '—', span: mobile ? 1 : 2 },
            ]}
            data-testid="report-figures"
          />
          <Divider titlePlacement="start">{t('reports.history')}</Divider>
          <ReportHistory history={r.history} />
          <ReturnModal reportId={r.id} open={returning} onClose={() => setReturning(false)} />
        </>
      ) : null}
    </Drawer>
  );
}

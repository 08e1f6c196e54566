// 企业登记码 (复工复产): a town issues an enterprise bringing workers back a registration code —
// shown once, with the public page's address — and sees the codes of its subtree with how many
// submissions and workers came through each; a code is withdrawn at once (its lists stay).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_MAX_VALID_DAYS } from '../../../shared/verification-checks.ts';
import { useMe } from '../../app/auth.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { type EnterpriseCode, issueCode, listCodes, revokeCode, spotKeys } from './verification.api.ts';

const STATUS_COLOUR = { active: 'green', expired: 'default', revoked: 'red' } as const;
const publicUrl = () => `${window.location.origin}/p`;

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (code: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<{ regionId: number; enterpriseName: string; validDays: number; deadlineHours: number }>();
  const [error, setError] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: (v: { regionId: number; enterpriseName: string; validDays: number; deadlineHours: number }) => issueCode(v, key),
    onSuccess: (res) => (renew(), onIssued(res.code)),
    onError: (err) => setError(errorText(err)),
  });
  const townAccount = me.region.level === 'town';
  return (
    <Modal open title={t('verification.enterprise.issueTitle')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: issue.isPending, 'data-testid': 'vcode-issue-ok' } as never}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ regionId: townAccount ? me.region.id : undefined, validDays: 30, deadlineHours: 48 }} onFinish={(v) => issue.mutate(v)}>
        <Form.Item name="enterpriseName" label={t('verification.enterprise.enterpriseName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} placeholder={t('verification.enterprise.enterprisePlaceholder')} data-testid="vcode-name" />
        </Form.Item>
        <Form.Item name="regionId" label={t('verification.enterprise.town')} rules={[{ required: true }]} hidden={townAccount}>
          <RegionSelect level="town" data-testid="vcode-town" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="validDays" label={t('verification.enterprise.validDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={ENTERPRISE_MAX_VALID_DAYS} precision={0} />
          </Form.Item>
          <Form.Item name="deadlineHours" label={t('verification.enterprise.deadlineHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={720} precision={0} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

export function EnterpriseCodesPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const codes = useQuery({ queryKey: spotKeys.codes(), queryFn: () => listCodes() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['verification', 'enterprise-codes'] });
  const revoke = async (c: EnterpriseCode) => {
    try {
      await revokeCode(c.id, key);
      renew();
      message.success(t('verification.enterprise.revoked'));
      refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <div className="gg-page" data-testid="vcodes">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('verification.enterprise.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="vcode-issue">{t('verification.enterprise.issue')}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t('verification.enterprise.intro')}</Typography.Paragraph>
      {codes.isError ? <Alert type="error" showIcon title={errorText(codes.error)} /> : null}
      <Card styles={{ body: { padding: mobile ? 8 : 24 } }}>
        <RecordTable<EnterpriseCode>
          rows={codes.data?.items ?? []}
          loading={codes.isPending}
          emptyText={t('verification.enterprise.empty')}
          testId="vcode-table"
          columns={[
            { title: t('verification.enterprise.columns.enterprise'), dataIndex: 'enterpriseName', render: (v: string) => <strong>{v}</strong> },
            { title: t('verification.enterprise.columns.hint'), dataIndex: 'codeHint', render: (v: string) => <code>…{v}</code> },
            { title: t('verification.enterprise.columns.status'), dataIndex: 'status', render: (v: EnterpriseCode['status']) => <Tag color={STATUS_COLOUR[v]}>{t(`verification.enterprise.statuses.${v}`)}</Tag> },
            { title: t('verification.enterprise.columns.lists'), dataIndex: 'lists', align: 'right' },
            { title: t('verification.enterprise.columns.workers'), dataIndex: 'workers', align: 'right' },
            { title: t('verification.enterprise.columns.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v) },
            { title: t('verification.enterprise.columns.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('verification.enterprise.columns.actions'),
              key: 'actions',
              render: (_: unknown, c) =>
                c.status === 'active' ? (
                  <Popconfirm title={t('verification.enterprise.revokeConfirm')} onConfirm={() => void revoke(c)}>
                    <Button size="small" danger onClick={(e) => e.stopPropagation()} data-testid="vcode-revoke">{t('verification.enterprise.revoke')}</Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      {issuing ? <IssueModal onClose={() => setIssuing(false)} onIssued={(code) => (setIssuing(false), setIssued(code), refresh())} /> : null}
      <Modal open={issued !== null} title={t('verification.enterprise.issuedTitle')} onCancel={() => setIssued(null)} onOk={() => setIssued(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Typography.Paragraph>{t('verification.enterprise.code')}</Typography.Paragraph>
        <Typography.Title level={3} copyable data-testid="vcode-issued" style={{ letterSpacing: 2 }}>{issued}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('verification.enterprise.issuedHint', { url: publicUrl() })}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

// 通知责任人: whom an alert reached. Accounts were told in the app (monitoring staff with the
// alert, everyone else asked to check on the person); for each contact without an account the
// staff get a prepared text to send by phone or chat, with a copy button. The text never says
// why (a fever is health data): it asks them to check on the person.
import { CopyOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponsibleMessage } from '../../../shared/responsibility.ts';
import { useErrorText } from '../../lib/errors.ts';
import { alertMessages, responsibilityKeys } from './responsibility.api.ts';

export function AlertMessagesButton({ alertId, personName }: { alertId: string; personName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={<TeamOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
        data-testid="alert-messages-open"
      >
        {t('responsibility.messages.open')}
      </Button>
      {open ? <MessagesModal alertId={alertId} personName={personName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function MessagesModal({ alertId, personName, onClose }: { alertId: string; personName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useQuery({ queryKey: responsibilityKeys.alertMessages(alertId), queryFn: () => alertMessages(alertId), staleTime: Infinity });
  return (
    <Modal open title={`${t('responsibility.messages.title')} · ${personName}`} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {query.isPending ? <Spin style={{ display: 'block', margin: '32px auto' }} /> : null}
      {query.isError ? <Alert type="error" showIcon title={errorText(query.error)} /> : null}
      {query.data && query.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('responsibility.messages.none')} /> : null}
      {query.data && query.data.items.length > 0 ? (
        <List size="small" dataSource={query.data.items} data-testid="alert-messages" renderItem={(m) => <MessageRow message={m} />} />
      ) : null}
    </Modal>
  );
}

function MessageRow({ message: m }: { message: ResponsibleMessage }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const role = <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(`responsibility.roles.${m.role}`)}</Tag>;
  if (m.userId) {
    return (
      <List.Item style={{ paddingInline: 0 }}>
        <Space size={8} wrap>
          {role}
          <Tag color={m.audience === 'health' ? 'volcano' : 'default'} style={{ marginInlineEnd: 0 }}>
            {m.audience === 'health' ? t('responsibility.messages.health') : t('responsibility.messages.checkOn')}
          </Tag>
          <span className="gg-muted">{t('responsibility.messages.inApp')}</span>
        </Space>
      </List.Item>
    );
  }
  const text = t('responsibility.messages.text', { name: m.contactName ?? '', person: m.personName });
  const copy = async () => {
    await navigator.clipboard?.writeText(text);
    void message.success(t('responsibility.messages.copied'));
  };
  return (
    <List.Item style={{ paddingInline: 0, display: 'block' }} data-testid="alert-message-contact">
      <Space size={8} wrap style={{ marginBottom: 4 }}>
        {role}
        <strong>{m.contactName}</strong>
        <a href={`tel:${m.contactPhone ?? ''}`} className="gg-mono">{m.contactPhone}</a>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4, background: '#fafafa', padding: 8, borderRadius: 6, overflowWrap: 'anywhere' }} data-testid="alert-message-text">{text}</Typography.Paragraph>
      <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="alert-message-copy">{t('responsibility.messages.copy')}</Button>
    </List.Item>
  );
}

// A button that copies a text (a reminder) and says so; the text is also kept in the DOM for tests.
import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './reminder.ts';

interface Props {
  text: () => string;
  label?: ReactNode;
  type?: 'default' | 'primary' | 'link';
  size?: 'small' | 'middle';
  'data-testid'?: string;
}

export function CopyButton({ text, label, type = 'default', size = 'middle', ...rest }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    const value = text();
    const ok = await copyText(value);
    if (ok) void message.success(t('reports.copied'));
    else void message.warning(t('reports.copyFailed'));
  };
  return (
    <Button type={type} size={size} icon={<CopyOutlined />} onClick={() => void copy()} data-testid={rest['data-testid']}>
      {label ?? t('reports.copyReminder')}
    </Button>
  );
}

// The loudspeaker script and the social-media text of a notice, each with a one-click copy.
import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { type NoticeScripts, SOCIAL_TEXT_MAX } from '../../../shared/notices.ts';
import { copyText } from '../reports/reminder.ts';

function Script({ title, hint, text, testId }: { title: string; hint: string; text: string; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(text)) void message.success(t('notices.copied'));
    else void message.error(t('notices.copyFailed'));
  };
  return (
    <Card
      size="small"
      title={title}
      extra={<Button size="small" icon={<CopyOutlined />} onClick={() => void copy()} data-testid={`${testId}-copy`}>{t('notices.copy')}</Button>}
    >
      <div className="gg-muted" style={{ fontSize: 12, marginBottom: 6 }}>{hint}</div>
      <pre className="gg-notice-script" data-testid={testId}>{text}</pre>
    </Card>
  );
}

export function ScriptsCard({ scripts }: { scripts: NoticeScripts }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, minWidth: 0 }}>
      <Script title={t('notices.social')} hint={t('notices.socialHint', { max: SOCIAL_TEXT_MAX })} text={scripts.social} testId="notice-social" />
      <Script title={t('notices.loudspeaker')} hint={t('notices.loudspeakerHint')} text={scripts.loudspeaker} testId="notice-loudspeaker" />
    </div>
  );
}

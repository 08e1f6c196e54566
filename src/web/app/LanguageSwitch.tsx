// 中文 / English: a two-way switch, saved in localStorage.
import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from './i18n.ts';

export function LanguageSwitch({ compact = false, dark = false }: { compact?: boolean; dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const items = [
    { key: 'zh-CN', label: t('lang.zh') },
    { key: 'en', label: t('lang.en') },
  ];
  return (
    <Dropdown
      menu={{ items, selectable: true, selectedKeys: [current], onClick: ({ key }) => setLanguage(key === 'en' ? 'en' : 'zh-CN') }}
      trigger={['click']}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('lang.label')}
        data-testid="language-switch"
        style={dark ? { color: '#fff' } : undefined}
      >
        {compact ? null : current === 'en' ? t('lang.en') : t('lang.zh')}
      </Button>
    </Dropdown>
  );
}

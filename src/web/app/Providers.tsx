// Everything the pages share: query cache, antd theme and locale (following the i18n language), auth.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../lib/queryClient.ts';
import { AuthProvider } from './auth.tsx';
import { theme } from './theme.ts';

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  dayjs.locale(english ? 'en' : 'zh-cn');
  useEffect(() => {
    document.title = t('app.name');
  }, [t, i18n.language]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalisedAntd>
        <AuthProvider>{children}</AuthProvider>
      </LocalisedAntd>
    </QueryClientProvider>
  );
}

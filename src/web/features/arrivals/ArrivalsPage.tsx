// Being built (issue 6).
import { useTranslation } from 'react-i18next';

export default function Page() {
  const { t } = useTranslation();
  return <h2>{t('arrivals.title')}</h2>;
}

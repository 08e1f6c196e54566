// Placeholder page: replaced when its feature lands.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function InspectionsPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('inspections.nav')}</Typography.Title>;
}

// Placeholder page: replaced when its feature lands.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function RectificationsPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('inspections.navRectifications')}</Typography.Title>;
}

// "共 12,345 条" above a list: the total the server counted on the first page, "1 万+" past its bound.
import { useTranslation } from 'react-i18next';
import type { ListTotal as Total } from '../../shared/paging.ts';

export function ListTotal({ total, testId = 'list-total' }: { total: Total | undefined; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!total) return null;
  const text = total.capped
    ? t('lists.totalCapped', { bound: t('lists.bound', { wan: total.count / 10_000 }) })
    : t('lists.total', { n: total.count.toLocaleString(i18n.language) });
  return (
    <span className="gg-muted" data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}

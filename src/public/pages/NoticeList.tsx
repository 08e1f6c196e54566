// Notice rows: title, topic, source and date, the excerpt. All text goes through React, so a
// hostile title shows as the characters it is.
import { t } from '../i18n.ts';
import { Link } from '../../client/router.tsx';
import type { PublicNoticeItem } from '../types.ts';
import { formatDate } from '../ui.tsx';

export function NoticeList({ items }: { items: PublicNoticeItem[] }) {
  if (items.length === 0) return <p className="muted">{t('notices.empty')}</p>;
  return (
    <ul className="notice-list" data-testid="notice-list">
      {items.map((n) => (
        <li key={n.id}>
          <Link to={`/p/notices/${encodeURIComponent(n.id)}`} className="notice-row">
            <span className="notice-title">{n.title}</span>
            {n.excerpt && <span className="notice-excerpt">{n.excerpt}</span>}
            <span className="notice-meta">
              <span className="chip-static">{t(`topic.${n.topic}`)}</span>
              <span>{n.source}</span>
              <span>{formatDate(n.publishAt)}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

// /p/notices/:id: one notice, its body as the server rendered it.
import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api.ts';
import { formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import { Link } from '../../client/router.tsx';
import type { PublicNotice } from '../types.ts';
import { Alert, formatDateTime, Loading } from '../ui.tsx';

export default function NoticeView({ id }: { id: string }) {
  useLang();
  const [notice, setNotice] = useState<PublicNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<PublicNotice>(`/notices/${encodeURIComponent(id)}`)
      .then(setNotice)
      .catch((err: unknown) => setError(err instanceof ApiError && err.status === 404 ? t('notices.notFound') : formErrorsOf(err, () => null).message));
  }, [id]);
  return (
    <article className="card notice" data-testid="notice-view">
      <Link to="/p/notices" className="back">
        ‹ {t('notices.back')}
      </Link>
      {error && <Alert>{error}</Alert>}
      {!notice && !error && <Loading />}
      {notice && (
        <>
          <h1>{notice.title}</h1>
          <p className="notice-meta">
            <span className="chip-static">{t(`topic.${notice.topic}`)}</span>
            <span>{notice.source}</span>
            <span>{formatDateTime(notice.publishAt)}</span>
            <span>{t('notices.views', { n: notice.views })}</span>
          </p>
          {/* Safe to insert: the SERVER renders the Markdown with markdown-it (html: false, so raw
              HTML in the body is escaped) and lets only http(s) links and images through. This
              page never builds HTML from text itself. */}
          <div className="notice-body" data-testid="notice-body" dangerouslySetInnerHTML={{ __html: notice.html }} />
        </>
      )}
    </article>
  );
}

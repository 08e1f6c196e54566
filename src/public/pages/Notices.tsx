// /p/notices: topic chips, the list, "load more" by cursor.
import { useEffect, useState } from 'react';
import { getJson } from '../api.ts';
import { formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import type { NoticePage, PublicNoticeItem, Topic } from '../types.ts';
import { Alert } from '../ui.tsx';
import { NoticeList } from './NoticeList.tsx';

const PAGE = 20;

export default function Notices() {
  useLang();
  const [topics, setTopics] = useState<{ topic: Topic; count: number }[]>([]);
  const [topic, setTopic] = useState<Topic | null>(null);
  const [items, setItems] = useState<PublicNoticeItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getJson<{ topics: { topic: Topic; count: number }[] }>('/notices/topics')
      .then((r) => setTopics(r.topics.filter((x) => x.count > 0)))
      .catch(() => setTopics([]));
  }, []);

  const load = async (which: Topic | null, after: string | null) => {
    setLoading(true);
    setError(null);
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (which) query.set('topic', which);
    if (after) query.set('cursor', after);
    try {
      const page = await getJson<NoticePage>(`/notices?${query}`);
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(formErrorsOf(err, () => null).message);
    } finally {
      setLoading(false);
    }
  };

  // Dependencies left out on purpose: reload when the topic changes only
  useEffect(() => {
    setItems(null);
    void load(topic, null);
  }, [topic]);

  return (
    <section className="card">
      <h1>{t('notices.title')}</h1>
      <div className="chips" role="group" data-testid="notice-topics">
        <button type="button" className={topic === null ? 'chip active' : 'chip'} aria-pressed={topic === null} onClick={() => setTopic(null)}>
          {t('notices.all')}
        </button>
        {topics.map((x) => (
          <button key={x.topic} type="button" className={topic === x.topic ? 'chip active' : 'chip'} aria-pressed={topic === x.topic} onClick={() => setTopic(x.topic)}>
            {t(`topic.${x.topic}`)} {x.count}
          </button>
        ))}
      </div>
      {error && (
        <Alert>
          {error}{' '}
          <button type="button" className="link" onClick={() => void load(topic, items ? cursor : null)}>
            {t('app.retry')}
          </button>
        </Alert>
      )}
      {items === null ? !error && <p className="muted">{t('app.loading')}</p> : <NoticeList items={items} />}
      {cursor && items && (
        <button type="button" className="button secondary block" disabled={loading} onClick={() => void load(topic, cursor)} data-testid="notices-more">
          {loading ? t('app.loading') : t('notices.more')}
        </button>
      )}
    </section>
  );
}

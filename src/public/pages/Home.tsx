// /p: the four services as big tiles, then the latest notices.
import { useEffect, useState } from 'react';
import { getJson } from '../api.ts';
import { t, useLang } from '../i18n.ts';
import { TileIcon } from '../icons.tsx';
import { Link } from '../../client/router.tsx';
import type { NoticePage, PublicNoticeItem } from '../types.ts';
import { NoticeList } from './NoticeList.tsx';

export default function Home() {
  useLang();
  const [notices, setNotices] = useState<PublicNoticeItem[] | null>(null);
  const [arriveHelp, setArriveHelp] = useState(false);
  useEffect(() => {
    // The latest few; a failure just leaves the list out, the services still work.
    getJson<NoticePage>('/notices?limit=5')
      .then((page) => setNotices(page.items))
      .catch(() => setNotices([]));
  }, []);
  return (
    <>
      <nav className="tiles" aria-label={t('app.home')}>
        <Link to="/p/tips/new" className="tile tile-tip" data-testid="tile-tip">
          <TileIcon name="tip" />
          <strong>{t('home.tip')}</strong>
          <small>{t('home.tipSub')}</small>
        </Link>
        <Link to="/p/tips/track" className="tile tile-track" data-testid="tile-track">
          <TileIcon name="track" />
          <strong>{t('home.track')}</strong>
          <small>{t('home.trackSub')}</small>
        </Link>
        <button type="button" className="tile tile-arrive" aria-expanded={arriveHelp} onClick={() => setArriveHelp(!arriveHelp)} data-testid="tile-arrive">
          <TileIcon name="arrive" />
          <strong>{t('home.arrive')}</strong>
          <small>{t('home.arriveSub')}</small>
        </button>
        <Link to="/p/notices" className="tile tile-notices" data-testid="tile-notices">
          <TileIcon name="notices" />
          <strong>{t('home.notices')}</strong>
          <small>{t('home.noticesSub')}</small>
        </Link>
      </nav>
      <Link to="/p/enterprise" className="card link-card" data-testid="link-enterprise">
        <strong>{t('home.enterprise')}</strong>
        <small className="muted">{t('home.enterpriseSub')}</small>
      </Link>
      {arriveHelp && (
        <p className="card help" data-testid="arrive-help">
          {t('home.arriveHelp')}
        </p>
      )}
      <section className="card">
        <div className="section-head">
          <h2>{t('home.latest')}</h2>
          <Link to="/p/notices">{t('home.more')}</Link>
        </div>
        {notices === null ? <p className="muted">{t('app.loading')}</p> : <NoticeList items={notices} />}
      </section>
    </>
  );
}

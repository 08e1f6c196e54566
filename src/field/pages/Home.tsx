// 我的网格: the worker's own grid from the phone's copy — shown at once, also with no signal,
// with the time of the last pull; search by address or a member's name; the day's work as
// big buttons. The copy is refreshed in the background (the sync loop pulls while online).
// A micro-grid volunteer sees its micro-grid the same way, with 发现问题 as its one other task.
import { useEffect, useMemo, useState } from 'react';
import { formatUnitLine } from '../../shared/address.ts';
import type { CachedHousehold, CachedPerson } from '../../client/offline/db.ts';
import { useLive } from '../../client/offline/live.ts';
import { COPY_ROLES, gridPreview } from '../../client/offline/runners.ts';
import { Link, navigate } from '../../client/router.tsx';
import { type FirstRows, firstRowsOf, keepFirstRows, type ShownRow } from '../first-rows.ts';
import { afterFirstScreen, firstScreenDrawn, useAfterFirstScreen } from '../first-screen.ts';
import { Screen } from '../frame.tsx';
import { earlyGridRead, readGridCopy } from '../grid-copy.ts';
import { currentLang, t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useDb, useRunner, useRunnerState } from '../sync.ts';
import { Button, Empty, shortTime, Tag } from '../ui.tsx';
import { type GridRow, gridRows, searchRows } from './grid-list.ts';
import { HomeLinks } from './HomeLinks.tsx';

/** 幢/单元/室 in the phone's language, a word added only where it is missing (shared/address.ts). */
export function unitLine(h: Pick<CachedHousehold, 'building' | 'unit' | 'room'>): string {
  return formatUnitLine(h, currentLang());
}

/** Element Timing names of the grid's first row and of the last pull's time (read by bench/phone.ts). */
const GRID_PAINTED = { elementtiming: 'field-grid' };
const PULL_PAINTED = { elementtiming: 'field-pulled' };

/**
 * Rows in the first render: more than a phone's screen holds under the page's buttons. The rest
 * follow once that screen has been painted: on a slow phone each row costs its render, style and
 * layout, and a worker sees the top of the list first either way.
 */
export const FIRST_ROWS = 12;

const shownRow = ({ household: h, unitLine: units, members }: GridRow, unsynced: Set<string> | undefined): ShownRow => ({
  id: h.id,
  address: h.address,
  unitLine: units,
  members: members.length,
  isRental: Boolean(h.isRental),
  lastVisitedOn: h.lastVisitedOn ?? null,
  unsynced: unsynced?.has(h.id) ?? false,
});

export default function Home() {
  const me = useMe();
  const db = useDb();
  const runner = useRunner();
  const state = useRunnerState();
  const [q, setQ] = useState('');
  // One read of everything the page shows: one render per change, not four (a slow phone feels
  // each). On a reopen, the read begun as the script started (grid-copy.ts).
  const copy = useLive(() => readGridCopy(db), [db], earlyGridRead(db));
  // A phone that has never pulled its grid shows the grid's first pages as they arrive from the
  // network (the answers the first pull then writes down), not an empty list until that write.
  const firstOpen = copy !== undefined && !copy.pulled && copy.households.length === 0 && COPY_ROLES.includes(me.user.role);
  // A micro-grid volunteer: its micro-grid's households to visit and 发现问题, nothing to register.
  const volunteer = me.user.role === 'volunteer';
  const [preview, setPreview] = useState<{ households: CachedHousehold[]; persons: CachedPerson[] } | null>(null);
  useEffect(() => {
    if (!firstOpen) return undefined;
    let live = true;
    gridPreview(me.user.id).then(
      (rows) => live && setPreview(rows),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [firstOpen, me.user.id]);
  const previewing = firstOpen && preview !== null;
  const { households, persons, unsynced, pulled } = previewing ? { ...copy, ...preview } : copy ?? {};
  const copyRead = copy !== undefined;
  useEffect(() => {
    if (copyRead) firstScreenDrawn();
  }, [copyRead]);
  const everyRow = useAfterFirstScreen(copyRead);

  const lang = currentLang();
  const rows = useMemo(() => gridRows(households ?? [], persons ?? [], lang), [households, persons, lang]);
  const list = useMemo(() => searchRows(rows, q), [rows, q]);
  // Until the copy answers, the rows drawn last time (first-rows.ts), read once as the page mounts.
  const [kept] = useState(() => firstRowsOf(me.user.id, lang));
  const fromKept = !copy && kept !== null;
  const shown = fromKept ? (q ? [] : kept.rows) : (everyRow || q ? list : list.slice(0, FIRST_ROWS)).map((r) => shownRow(r, unsynced));
  const pulledNow = fromKept ? kept.pulled : pulled;
  // What the next reopen draws first: the top of the list just drawn from the copy, written once
  // this screen has been painted (a preview of a first open is not the copy, and is not kept).
  useEffect(() => {
    if (!copy || previewing) return undefined;
    const next: FirstRows = { userId: me.user.id, lang, rows: list.slice(0, FIRST_ROWS).map((r) => shownRow(r, unsynced)), pulled: pulled ? { at: pulled.at, households: pulled.households } : null };
    return afterFirstScreen(() => keepFirstRows(next));
  }, [copy, previewing, rows, unsynced, pulled, lang, me.user.id]);

  return (
    <Screen
      title={volunteer ? t('phone.volunteer.home', { name: me.region.name }) : t('field.myGrid', { name: me.region.name })}
      action={
        <Link to="/field/me" className="bar-action" data-testid="field-menu">
          {t('phone.menu')}
        </Link>
      }
    >
      <div className="pulled">
        {/* Nothing until the phone's copy answered: 从未下载 for a moment would be untrue. */}
        {copy || fromKept ? (
          <span data-testid="field-pulled" {...PULL_PAINTED}>
            {pulledNow ? t('field.pulledAt', { time: shortTime(pulledNow.at), count: pulledNow.households }) : previewing ? t('field.syncing') : t('field.neverPulled')}
          </span>
        ) : null}
        <Button kind="text" disabled={!state.online || state.running} onClick={() => void runner.run(true)} data-testid="field-refresh">
          {state.running ? t('field.syncing') : t('field.refresh')}
        </Button>
      </div>
      <div className="actions">
        {volunteer ? (
          <Button kind="primary" onClick={() => navigate('/field/finding')} data-testid="volunteer-finding-link">
            {t('phone.volunteer.finding')}
          </Button>
        ) : (
          <Button kind="primary" onClick={() => navigate('/field/register')} data-testid="field-register">
            {t('field.registerArrival')}
          </Button>
        )}
        <Button onClick={() => navigate('/field/sync')} data-testid="field-sync-page">
          {t('field.syncPage')}
        </Button>
        {volunteer ? null : <HomeLinks />}
      </div>
      <input
        type="search"
        className="input search"
        placeholder={t('field.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label={t('field.searchPlaceholder')}
        data-testid="field-search"
      />
      {households && list.length === 0 ? <Empty>{q ? t('field.noMatch') : pulled || state.online ? t('field.emptyGrid') : t('field.emptyOffline')}</Empty> : null}
      <div className="list" data-testid="field-households">
        {shown.map((h, i) => (
          <Link key={h.id} to={`/field/h/${h.id}`} className="item" data-testid="field-household">
            <div className="item-line">
              {/* Element Timing: the browser records when the first household was painted, the
                  moment bench/phone.ts reports as "households visible". */}
              <span className="item-title" {...(i === 0 ? GRID_PAINTED : null)}>
                {h.address}
              </span>
              <span className="muted">{t('field.memberCount', { count: h.members })}</span>
            </div>
            {h.unitLine ? <div className="item-sub">{h.unitLine}</div> : null}
            <div className="tags">
              {h.isRental ? <Tag tone="orange">{t('field.rental')}</Tag> : null}
              {h.lastVisitedOn ? <Tag>{t('field.visitedOn', { date: h.lastVisitedOn })}</Tag> : <Tag tone="red">{t('field.neverVisited')}</Tag>}
              {h.unsynced ? <Tag tone="blue" testId="unsynced-tag">{t('field.unsynced')}</Tag> : null}
            </div>
          </Link>
        ))}
      </div>
    </Screen>
  );
}

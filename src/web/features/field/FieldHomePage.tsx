// 移动排摸: the worker's own grid from the phone's cache — search by address or a member's name,
// open a household, register a new arrival. Works with no signal.
import { PlusOutlined, ReloadOutlined, SearchOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { lastPull } from '../../offline/cache.ts';
import type { TFunction } from 'i18next';
import type { CachedHousehold } from '../../offline/db.ts';
import { unsyncedEntityIds } from '../../offline/outbox.ts';
import { FieldArrivalsLink } from '../arrivals/FieldArrivalsLink.tsx';
import { FieldFrame } from './FieldFrame.tsx';
import { useFieldDb, useLive, useRunner, useRunnerState } from './field.sync.ts';

export function unitLine(h: Pick<CachedHousehold, 'building' | 'unit' | 'room'>, t: TFunction): string {
  return [h.building && t('field.buildingN', { v: h.building }), h.unit && t('field.unitN', { v: h.unit }), h.room && t('field.roomN', { v: h.room })].filter(Boolean).join(' ');
}

export default function FieldHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const db = useFieldDb();
  const runner = useRunner();
  const state = useRunnerState();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const households = useLive(() => db.households.toArray(), [db]);
  const persons = useLive(() => db.persons.toArray(), [db]);
  const unsynced = useLive(() => unsyncedEntityIds(db), [db]);
  const pulled = useLive(() => lastPull(db), [db]);

  const list = useMemo(() => {
    const members = new Map<string, string[]>();
    for (const p of persons ?? []) if (p.householdId) members.set(p.householdId, [...(members.get(p.householdId) ?? []), p.name]);
    const needle = q.trim();
    return (households ?? [])
      .filter((h) => !needle || h.address.includes(needle) || unitLine(h, t).includes(needle) || (members.get(h.id) ?? []).some((n) => n.includes(needle)))
      .sort((a, b) => a.address.localeCompare(b.address, 'zh-CN') || (a.room ?? '').localeCompare(b.room ?? '', 'zh-CN', { numeric: true }))
      .map((h) => ({ ...h, memberTotal: members.get(h.id)?.length ?? 0 }));
  }, [households, persons, q, t]);

  return (
    <FieldFrame
      title={t('field.myGrid', { name: me.region.name })}
      extra={
        <Button size="small" icon={state.running ? <SyncOutlined spin /> : <ReloadOutlined />} disabled={!state.online} onClick={() => void runner.run(true)} data-testid="field-refresh">
          {t('field.refresh')}
        </Button>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-pulled">
        {pulled ? t('field.pulledAt', { time: dayjs(pulled.at).format('MM-DD HH:mm'), count: pulled.households }) : t('field.neverPulled')}
      </Typography.Text>
      <div className="gg-field-actions">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/field/register')} data-testid="field-register">
          {t('field.registerArrival')}
        </Button>
        <Button icon={<SyncOutlined />} onClick={() => void navigate('/field/sync')} data-testid="field-sync-page">
          {t('field.syncPage')}
        </Button>
        <FieldArrivalsLink />
      </div>
      <Input allowClear prefix={<SearchOutlined />} placeholder={t('field.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} size="large" data-testid="field-search" />
      {households && list.length === 0 ? (
        <Empty description={q ? t('field.noMatch') : pulled || state.online ? t('field.emptyGrid') : t('field.emptyOffline')} />
      ) : null}
      <div className="gg-card-list" data-testid="field-households">
        {list.map((h) => (
          <button key={h.id} type="button" className="gg-field-card" onClick={() => void navigate(`/field/h/${h.id}`)} data-testid="field-household">
            <div className="gg-field-card-line">
              <span className="gg-field-card-title gg-ellipsis">{h.address}</span>
              <span className="gg-muted" style={{ flex: 'none', fontSize: 13 }}>{t('field.memberCount', { count: h.memberTotal })}</span>
            </div>
            {unitLine(h, t) ? <div className="gg-field-card-sub">{unitLine(h, t)}</div> : null}
            <div className="gg-field-tags">
              {h.isRental ? <Tag color="orange">{t('field.rental')}</Tag> : null}
              {h.lastVisitedOn ? <Tag>{t('field.visitedOn', { date: h.lastVisitedOn })}</Tag> : <Tag color="red">{t('field.neverVisited')}</Tag>}
              {unsynced?.has(h.id) ? <Tag color="blue" data-testid="unsynced-tag">{t('field.unsynced')}</Tag> : null}
            </div>
          </button>
        ))}
      </div>
    </FieldFrame>
  );
}

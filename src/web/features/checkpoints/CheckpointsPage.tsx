// 卡口管理: "已撤除 N / M" with a bar per town at the top, then the registry (status filter and
// search; a table on a desk, cards on a phone), the patrol teams and the history of removals.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkpoint, CheckpointStatus } from '../../../shared/checkpoints.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { LoadMore } from '../../lib/PagedRecords.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CheckpointDetailDrawer } from './CheckpointDetailDrawer.tsx';
import { CheckpointDrawer } from './CheckpointDrawer.tsx';
import { CheckpointCards, CheckpointTable } from './CheckpointList.tsx';
import { CHECKPOINT_EVENTS, checkpointKeys, listCheckpoints } from './checkpoints.api.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { PatrolTeamsPanel } from './PatrolTeamsPanel.tsx';
import { RemovalModal } from './RemovalModal.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';

type StatusFilter = CheckpointStatus | 'all';

export default function CheckpointsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [tab, setTab] = useState('list');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Checkpoint | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Checkpoint | null>(null);
  const mayManage = can(me.user.role, 'checkpoints.manage');
  // Another officer removes a checkpoint: the summary and the list refresh by themselves.
  useLiveRefresh(CHECKPOINT_EVENTS, checkpointKeys.all);

  const statusParam = status === 'all' ? undefined : status;
  const { list, rows } = useCursorList(checkpointKeys.list(statusParam, q), (cursor) => listCheckpoints({ status: statusParam, q: q || undefined, cursor, limit: 50 }));
  const listProps = { rows, loading: list.isPending, onOpen: (c: Checkpoint) => setOpenId(c.id) };

  const registry = (
    <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'open', label: t('checkpoints.statusOpen') },
            { value: 'removed', label: t('checkpoints.statusRemoved') },
          ]}
          data-testid="checkpoint-status"
        />
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          placeholder={t('checkpoints.searchPlaceholder')}
          style={{ flex: '1 1 220px', maxWidth: mobile ? undefined : 360 }}
          data-testid="checkpoint-search"
        />
      </div>
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} /> : null}
      {/* Not PagedRecords: CheckpointList.tsx keeps its own table and spinner/empty cards. */}
      {mobile ? <CheckpointCards {...listProps} /> : <CheckpointTable {...listProps} />}
      <LoadMore list={list} />
    </Card>
  );

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('checkpoints.title')}</Typography.Title>
        {mayManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checkpoint-create">
            {t('checkpoints.create')}
          </Button>
        ) : null}
      </div>
      <SummaryPanel mobile={mobile} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('checkpoints.tabList'), children: registry },
          { key: 'teams', label: t('checkpoints.tabTeams'), children: <PatrolTeamsPanel mobile={mobile} mayManage={mayManage} /> },
          { key: 'history', label: t('checkpoints.tabHistory'), children: <HistoryPanel mobile={mobile} onOpen={setOpenId} /> },
        ]}
      />
      <CheckpointDrawer open={creating || Boolean(editing)} checkpoint={editing} onClose={() => { setCreating(false); setEditing(null); }} />
      <CheckpointDetailDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        mayManage={mayManage}
        onEdit={(c) => setEditing(c)}
        onRemove={(c) => setRemoving(c)}
      />
      <RemovalModal checkpoint={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}

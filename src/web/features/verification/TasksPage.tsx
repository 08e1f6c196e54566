// 核查任务: the tasks of the account's subtree, soonest due first (overdue in red), filtered by
// status, list and place; the unrouted pool of a list with check boxes to assign a region by hand
// in bulk; a task's drawer says why it was routed where it is and offers a move to another grid and
// the review of a recorded outcome (never by the account that recorded it).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/verification.ts';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { DueAt, OutcomeTag, RoutedTag, TaskStatusTag } from './VerificationTags.tsx';
import { type TaskFilters, type VerificationTask, assignTasks, listLists, listTasks, verificationKeys } from './verification.api.ts';

const GRID_LEVELS = ['grid', 'microgrid', 'village', 'town'] as const;

function TaskCards({ rows, onOpen }: { rows: VerificationTask[]; onOpen: (r: VerificationTask) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="vtask-cards">
      {rows.map((r) => (
        <Card key={r.id} size="small" onClick={() => onOpen(r)} style={{ cursor: 'pointer', borderInlineStart: r.overdue ? '4px solid #cf1322' : undefined }} data-testid="vtask-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong className="gg-ellipsis">{r.name} · {r.regionName}</strong>
            <TaskStatusTag task={r} />
          </div>
          <div className="gg-muted" style={{ fontSize: 12, margin: '4px 0' }}>
            <span className="gg-mono">{r.number}</span> · {r.idNumber ?? '—'} · {r.phone ?? '—'}
          </div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12 }}>
            <span><RoutedTag task={r} /><OutcomeTag outcome={r.outcome} /></span>
            <DueAt task={r} />
          </div>
        </Card>
      ))}
    </div>
  );
}

function AssignModal({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const [regionId, setRegionId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!regionId) return;
    setBusy(true);
    try {
      const { assigned } = await assignTasks({ taskIds: ids, regionId }, key);
      renew();
      message.success(t('verification.assigned', { count: assigned }));
      onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('verification.assignTitle', { count: ids.length })} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ disabled: !regionId, loading: busy, 'data-testid': 'vassign-ok' } as never}>
      <Form layout="vertical">
        <Form.Item label={t('verification.assignTo')} required>
          <RegionSelect value={regionId} onChange={setRegionId} level={GRID_LEVELS} data-testid="vassign-region" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const { params, regionId, setRegionId, setFilter } = useUrlFilters();
  const status = (TASK_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as TaskStatus) : undefined;
  const listId = params.get('listId') ?? undefined;
  const manager = can(me.user.role, 'verification');
  const pool = manager && params.get('unrouted') === 'true';
  const filters: TaskFilters = { regionId, listId, status, ...(pool ? { unrouted: 'true' as const } : {}) };
  const { list, rows } = useCursorList(verificationKeys.tasks(filters), (cursor) => listTasks(filters, cursor));
  const lists = useQuery({ queryKey: verificationKeys.lists(), queryFn: () => listLists() });
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: verificationKeys.all });
  const open = (r: VerificationTask) => setOpenId(r.id);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('verification.tasksTitle')}</Typography.Title>
        {pool && selected.length ? (
          <Space>
            <span className="gg-muted">{t('verification.selected', { count: selected.length })}</span>
            <Button type="primary" onClick={() => setAssigning(true)} data-testid="vtask-assign">{t('verification.assign')}</Button>
          </Space>
        ) : null}
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
          <Select<TaskStatus>
            allowClear
            placeholder={t('verification.allStatuses')}
            value={status}
            onChange={(v) => setFilter({ status: v })}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`verification.statuses.${s}`) }))}
            style={{ width: mobile ? '100%' : 140 }}
            data-testid="vtask-status-filter"
          />
          <Select<string>
            allowClear
            placeholder={t('verification.allLists')}
            value={listId}
            onChange={(v) => setFilter({ listId: v })}
            options={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            style={{ width: mobile ? '100%' : 220 }}
            data-testid="vtask-list-filter"
          />
          {manager ? (
            <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <Switch checked={pool} onChange={(on) => (setSelected([]), setFilter({ unrouted: on ? 'true' : undefined }))} data-testid="vtask-pool" /> {t('verification.onlyPool')}
            </label>
          ) : null}
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={undefined} mobile={mobile} testId="vtask" />
        </div>
        <PagedRecords<VerificationTask>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('verification.noTasks')}
          cards={(loaded) => <TaskCards rows={loaded} onOpen={open} />}
          testId="vtask-table"
          onOpen={open}
          rowSelection={pool ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: () => ({ onClick: (e: React.MouseEvent) => e.stopPropagation() }) as never } : undefined}
          columns={[
            { title: t('verification.columns.number'), dataIndex: 'number', render: (v: string) => <span className="gg-mono" data-testid="vtask-number">{v}</span> },
            { title: t('verification.fields.name'), dataIndex: 'name' },
            { title: t('verification.fields.idNumber'), dataIndex: 'idNumber', render: (v: string | null, r) => <span className="gg-mono">{v ?? '—'}{r.flags.includes('idNumber') ? <Tag color="error" style={{ marginInlineStart: 4 }}>{t('verification.flags')}</Tag> : null}</span> },
            { title: t('verification.fields.phone'), dataIndex: 'phone', render: (v: string | null) => <span className="gg-mono">{v ?? '—'}</span> },
            { title: t('verification.columns.region'), dataIndex: 'regionName' },
            { title: t('verification.columns.route'), dataIndex: 'routedBy', render: (_: unknown, r) => <RoutedTag task={r} /> },
            { title: t('verification.columns.status'), dataIndex: 'status', render: (_: unknown, r) => <TaskStatusTag task={r} /> },
            { title: t('verification.columns.outcome'), dataIndex: 'outcome', render: (v: VerificationTask['outcome']) => <OutcomeTag outcome={v} /> },
            { title: t('verification.columns.dueAt'), dataIndex: 'dueAt', render: (_: unknown, r) => <DueAt task={r} /> },
          ]}
        />
      </Card>
      {assigning ? <AssignModal ids={selected} onClose={() => setAssigning(false)} onDone={() => (setAssigning(false), setSelected([]), refresh())} /> : null}
      <TaskDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />
    </div>
  );
}

// Small pieces the three pages share: status tags, the escalation tag, the confidential note and
// a live refresh that matches event types by prefix (the server names one type per entity).
import { LockOutlined } from '@ant-design/icons';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatrolKind } from '../../../shared/checkpoints.ts';
import type { InspectionStatus, Rectification } from '../../../shared/inspections.ts';
import { API_BASE } from '../../lib/api.ts';
import { countyDay } from './countyTime.ts';

export function KindTag({ kind }: { kind: PatrolKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'inspection' ? 'geekblue' : 'cyan'} style={{ marginInlineEnd: 0 }}>{t(`checkpoints.kind.${kind}`)}</Tag>;
}

const STATUS_COLORS: Record<InspectionStatus, string> = { scheduled: 'processing', done: 'success', missed: 'error', cancelled: 'default' };

export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={`inspection-status-${status}`}>{t(`inspections.statuses.${status}`)}</Tag>;
}

export function RectificationStatusTags({ task }: { task: Rectification }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {task.status === 'closed' ? (
        <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('inspections.rect.statuses.closed')}</Tag>
      ) : task.overdue ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="rect-overdue">{t('inspections.rect.overdue')}</Tag>
      ) : (
        <Tag color="processing" style={{ marginInlineEnd: 0 }}>{t('inspections.rect.statuses.open')}</Tag>
      )}
      <EscalationTag task={task} />
    </span>
  );
}

export function EscalationTag({ task }: { task: Rectification }) {
  const { t } = useTranslation();
  if (task.escalationLevel <= 0) return null;
  const text = task.escalatedToRegionName
    ? t('inspections.rect.escalatedTo', { region: task.escalatedToRegionName })
    : t(`inspections.rect.escalated.${Math.min(task.escalationLevel, 2)}`);
  return <Tag color={task.escalationLevel >= 2 ? 'magenta' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="rect-escalated">{text}</Tag>;
}

export function ConfidentialNote() {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon icon={<LockOutlined />} title={t('inspections.confidential')} style={{ marginBottom: 12 }} data-testid="inspection-confidential" />;
}

/** Deadline (a day) shown red when the task is overdue. */
export function Deadline({ task }: { task: Rectification }) {
  return <span style={task.overdue && task.status === 'open' ? { color: '#cf1322', fontWeight: 600 } : undefined}>{countyDay(task.deadline)}</span>;
}

/**
 * useLiveRefresh matches exact event types; here any type starting with one of the prefixes
 * (inspection.*, rectification.*, patrol_team*) refreshes the pages' queries, once a burst settles.
 */
export function useLivePrefixRefresh(prefixes: readonly string[], queryKey: QueryKey): void {
  const queryClient = useQueryClient();
  const prefixKey = prefixes.join(',');
  const keyJson = JSON.stringify(queryKey);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const wanted = prefixKey.split(',');
    const key = JSON.parse(keyJson) as QueryKey;
    const source = new EventSource(`${API_BASE}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.onmessage = (message) => {
      let type: unknown;
      try {
        type = (JSON.parse(String(message.data)) as { type?: unknown }).type;
      } catch {
        return;
      }
      if (typeof type !== 'string') return;
      const eventType = type;
      if (!wanted.some((p) => eventType.startsWith(p))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), 1_000);
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient, prefixKey, keyJson]);
}

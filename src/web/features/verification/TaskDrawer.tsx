// A task in a drawer: the list's row (masked), why it went to its grid, what the check found, and
// the two things done to it from a desk — move it to another grid (the deadline keeps running),
// and review a recorded outcome: accept, or send back with a reason. The server refuses the
// review of one's own outcome; the drawer says so before anyone tries.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routeReasonText } from '../../../client/route-reason.ts';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { DueAt, OutcomeTag, RoutedTag, TaskStatusTag } from './VerificationTags.tsx';
import { type VerificationTask, getTask, moveTask, reviewTask, verificationKeys } from './verification.api.ts';

const MOVE_LEVELS = ['grid', 'microgrid'] as const;
const OPEN = ['open', 'sent_back'];

function MoveForm({ task, onDone }: { task: VerificationTask; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const [regionId, setRegionId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: () => moveTask(task.id, { regionId: regionId as number, reason: reason.trim() || undefined }, key),
    onSuccess: (moved) => {
      renew();
      message.success(t('verification.moved', { region: moved.regionName }));
      onDone();
    },
  });
  return (
    <Form layout="vertical" onFinish={() => move.mutate()} data-testid="vtask-move-form">
      <Form.Item label={t('verification.moveTo')} required>
        <RegionSelect value={regionId} onChange={setRegionId} level={MOVE_LEVELS} exclude={[task.regionId]} data-testid="vtask-move-region" />
      </Form.Item>
      <Form.Item label={t('verification.moveReason')}>
        <Input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('verification.moveReasonPlaceholder')} />
      </Form.Item>
      {move.isError ? <Alert type="error" showIcon title={errorText(move.error)} style={{ marginBottom: 12 }} /> : null}
      <Button htmlType="submit" disabled={!regionId} loading={move.isPending} data-testid="vtask-move-submit">{t('verification.move')}</Button>
    </Form>
  );
}

function ReviewForm({ task, onDone }: { task: VerificationTask; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: (accept: boolean) => reviewTask(task.id, { accept, note: note.trim() || undefined }, key),
    onSuccess: (done) => {
      renew();
      message.success(done.status === 'accepted' ? t('verification.accepted') : t('verification.sentBack'));
      onDone();
    },
  });
  return (
    <div data-testid="vtask-review">
      <Form layout="vertical">
        <Form.Item label={t('verification.reviewNote')} extra={t('verification.sendBackReason')}>
          <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('verification.sendBackPlaceholder')} data-testid="vtask-review-note" />
        </Form.Item>
      </Form>
      {review.isError ? <Alert type="error" showIcon title={errorText(review.error)} style={{ marginBottom: 12 }} data-testid="vtask-review-error" /> : null}
      <Space wrap>
        <Button type="primary" loading={review.isPending && review.variables} onClick={() => review.mutate(true)} data-testid="vtask-accept">{t('verification.accept')}</Button>
        <Button danger disabled={!note.trim()} loading={review.isPending && !review.variables} onClick={() => review.mutate(false)} data-testid="vtask-send-back">{t('verification.sendBack')}</Button>
      </Space>
    </div>
  );
}

export function TaskDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const task = useQuery({ queryKey: [...verificationKeys.all, 'task', id], queryFn: () => getTask(id as string), enabled: id !== null });
  const v = task.data;
  const done = () => {
    void task.refetch();
    onChanged();
  };
  const own = v?.recordedBy === me.user.id;
  return (
    <Drawer open={id !== null} onClose={onClose} size={mobile ? '100%' : 560} title={v ? `${v.number} · ${v.name}` : '…'} destroyOnHidden data-testid="vtask-drawer">
      {task.isError ? <Alert type="error" showIcon title={errorText(task.error)} /> : null}
      {v ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <TaskStatusTag task={v} />
            <OutcomeTag outcome={v.outcome} />
          </Space>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'region', label: t('verification.columns.region'), children: v.regionName },
              {
                key: 'why',
                label: t('verification.why'),
                children: (
                  <span data-testid="vtask-why">
                    <RoutedTag task={v} /> {routeReasonText(v.routeReason, t)}
                  </span>
                ),
              },
              { key: 'due', label: t('verification.columns.dueAt'), children: <DueAt task={v} /> },
              { key: 'id', label: t('verification.fields.idNumber'), children: <span className="gg-mono">{v.idNumber ?? '—'}{v.flags.includes('idNumber') ? <Tag color="error" style={{ marginInlineStart: 4 }}>{t('verification.flags')}</Tag> : null}</span> },
              { key: 'phone', label: t('verification.fields.phone'), children: <span className="gg-mono">{v.phone ?? '—'}{v.flags.includes('phone') ? <Tag color="error" style={{ marginInlineStart: 4 }}>{t('verification.flags')}</Tag> : null}</span> },
              { key: 'address', label: t('verification.fields.address'), children: v.address ?? '—' },
              { key: 'origin', label: t('verification.fields.origin'), children: v.origin ?? '—' },
              { key: 'arrived', label: t('verification.fields.arrivedOn'), children: v.arrivedOn ?? '—' },
              { key: 'checked', label: t('verification.columns.checkedAt'), children: formatDateTime(v.checkedAt) },
              { key: 'note', label: t('verification.outcomeNote'), children: v.outcomeNote ?? '—' },
              ...(v.reviewNote ? [{ key: 'review', label: t('verification.reviewNote'), children: v.reviewNote }] : []),
            ]}
          />
          {v.status === 'checked' && can(me.user.role, 'verification.review') ? (
            <div style={{ marginTop: 16 }}>
              <h4>{t('verification.review')}</h4>
              {own ? <Alert type="info" showIcon title={t('verification.ownOutcome')} data-testid="vtask-own" /> : <ReviewForm task={v} onDone={done} />}
            </div>
          ) : null}
          {OPEN.includes(v.status) && can(me.user.role, 'verification.review') ? (
            <div style={{ marginTop: 16 }}>
              <h4>{t('verification.move')}</h4>
              <MoveForm task={v} onDone={done} />
            </div>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

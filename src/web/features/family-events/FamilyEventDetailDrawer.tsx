// One family event: its details, the guidance form (while filed), the follow-up form (once
// guided) and the history — who filed, guided and visited, and when.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type FormInstance, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Select, Skeleton, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_EVENT_DECISIONS, type FamilyEventDecision, type FamilyEventDetail, MAX_GUESTS } from '../../../shared/family-events.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { FamilyEventStatusTag, KindTag } from './FamilyEventList.tsx';
import { familyEventKeys, getFamilyEvent, recordFollowUp, recordGuidance } from './familyEvents.api.ts';

const HISTORY_COLORS = { filed: 'blue', guided: 'orange', followed_up: 'green' } as const;

function useRecorded<V>(successText: string, form: FormInstance<V>, fields: readonly string[]) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const { key, renew } = useIdempotencyKey();
  const [problem, setProblem] = useState<string | null>(null);
  return {
    key,
    problem,
    onSuccess: () => {
      renew();
      setProblem(null);
      void message.success(successText);
      void queryClient.invalidateQueries({ queryKey: familyEventKeys.all });
    },
    onError: (err: unknown) => setProblem(formErrors(form, err, fields)),
  };
}

function GuidanceForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: FamilyEventDecision; guidance: string }>();
  const done = useRecorded(t('familyEvents.guidanceSaved'), form, ['decision', 'guidance']);
  const save = useMutation({
    mutationFn: (v: { decision: FamilyEventDecision; guidance: string }) => recordGuidance(id, { decision: v.decision, guidance: v.guidance.trim() }, done.key),
    onSuccess: done.onSuccess,
    onError: done.onError,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="family-event-guidance-form">
      {done.problem ? <Alert type="error" showIcon title={done.problem} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="decision" label={t('familyEvents.decision')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select data-testid="family-event-decision" options={FAMILY_EVENT_DECISIONS.map((d) => ({ value: d, label: t(`familyEvents.decisions.${d}`) }))} />
      </Form.Item>
      <Form.Item name="guidance" label={t('familyEvents.guidance')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('familyEvents.guidancePlaceholder')} data-testid="family-event-guidance" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block data-testid="family-event-guidance-save">{t('familyEvents.recordGuidance')}</Button>
    </Form>
  );
}

interface FollowUpValues {
  visitedOn: Dayjs;
  actualGuests: number;
  note?: string;
}

function FollowUpForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [form] = Form.useForm<FollowUpValues>();
  const done = useRecorded(t('familyEvents.followUpSaved'), form, ['visitedOn', 'actualGuests', 'note']);
  const save = useMutation({
    mutationFn: (v: FollowUpValues) =>
      recordFollowUp(id, { visitedOn: v.visitedOn.format('YYYY-MM-DD'), actualGuests: v.actualGuests, note: v.note?.trim() ? v.note.trim() : undefined }, done.key),
    onSuccess: done.onSuccess,
    onError: done.onError,
  });
  return (
    <Form<FollowUpValues> form={form} layout="vertical" initialValues={{ visitedOn: dayjs(), actualGuests: 0 }} onFinish={(v) => save.mutate(v)} data-testid="family-event-follow-up-form">
      {done.problem ? <Alert type="error" showIcon title={done.problem} style={{ marginBottom: 12 }} /> : null}
      <div style={{ display: 'flex', gap: 8 }}>
        <Form.Item name="visitedOn" label={t('familyEvents.visitedOn')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="actualGuests" label={t('familyEvents.actualGuests')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
          <InputNumber min={0} max={MAX_GUESTS} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="family-event-actual-guests" />
        </Form.Item>
      </div>
      <Form.Item name="note" label={t('familyEvents.followUpNote')}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('familyEvents.followUpNotePlaceholder')} data-testid="family-event-follow-up-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block data-testid="family-event-follow-up-save">{t('familyEvents.recordFollowUp')}</Button>
    </Form>
  );
}

function Details({ e }: { e: FamilyEventDetail }) {
  const { t } = useTranslation();
  const dash = <span className="gg-muted">—</span>;
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 100 } }} data-testid="family-event-detail">
      <Descriptions.Item label={t('common.status')}><FamilyEventStatusTag status={e.status} /></Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.kind')}><KindTag kind={e.kind} /></Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.region')}>{e.regionName}</Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.hostName')}>{e.hostName} {e.hostPhone ? <span className="gg-mono">{e.hostPhone}</span> : null}</Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.plannedOn')}>{e.plannedOn}</Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.place')}>{e.place}</Descriptions.Item>
      <Descriptions.Item label={t('familyEvents.expectedGuests')}>{e.expectedGuests}</Descriptions.Item>
      {e.decision ? (
        <>
          <Descriptions.Item label={t('familyEvents.decision')}>{t(`familyEvents.decisions.${e.decision}`)}</Descriptions.Item>
          <Descriptions.Item label={t('familyEvents.guidance')}>{e.guidance ?? dash}</Descriptions.Item>
        </>
      ) : null}
      {e.followUp ? (
        <>
          <Descriptions.Item label={t('familyEvents.visitedOn')}>{e.followUp.visitedOn}</Descriptions.Item>
          <Descriptions.Item label={t('familyEvents.actualGuests')}>{e.followUp.actualGuests}</Descriptions.Item>
          <Descriptions.Item label={t('familyEvents.followUpNote')}>{e.followUp.note ?? dash}</Descriptions.Item>
        </>
      ) : null}
    </Descriptions>
  );
}

export function FamilyEventDetailDrawer({ id, onClose, mayWork }: { id: string | null; onClose: () => void; mayWork: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const detail = useQuery({ queryKey: familyEventKeys.detail(id ?? ''), queryFn: () => getFamilyEvent(id ?? ''), enabled: Boolean(id) });
  const e = detail.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={mobile ? '100%' : 560} title={e ? `${t(`familyEvents.kinds.${e.kind}`)} · ${e.hostName}` : t('familyEvents.detailTitle')} destroyOnHidden>
      {detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : null}
      {!e ? (
        <Skeleton active />
      ) : (
        <>
          <Details e={e} />
          {mayWork && e.status === 'filed' ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>{t('familyEvents.recordGuidance')}</Typography.Title>
              <GuidanceForm id={e.id} />
            </>
          ) : null}
          {mayWork && e.status === 'guided' ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>{t('familyEvents.recordFollowUp')}</Typography.Title>
              <FollowUpForm id={e.id} />
            </>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('familyEvents.history')}</Typography.Title>
          <Timeline
            data-testid="family-event-history"
            items={e.history.map((h) => ({
              key: h.id,
              color: HISTORY_COLORS[h.kind],
              content: (
                <div>
                  <div>
                    <strong>{t(`familyEvents.event.${h.kind}`)}</strong>
                    <span className="gg-muted" style={{ marginInlineStart: 8 }}>{formatDateTime(h.at)}</span>
                  </div>
                  <div className="gg-muted" style={{ fontSize: 13 }}>{h.by ?? t('familyEvents.system')}</div>
                  {h.note ? <div style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{h.note}</div> : null}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

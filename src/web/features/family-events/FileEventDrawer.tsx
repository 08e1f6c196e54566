// File a family event: village or grid, kind, host (name, optional phone), planned day, place,
// expected guests. The id is made here, so a resend after a dropped signal is the same event.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_EVENT_KINDS, FAMILY_EVENT_LEVELS, type FamilyEventKind, MAX_DAYS_AHEAD, MAX_GUESTS } from '../../../shared/family-events.ts';
import { useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { familyEventKeys, fileFamilyEvent } from './familyEvents.api.ts';

interface Values {
  regionId: number;
  kind: FamilyEventKind;
  hostName: string;
  hostPhone?: string;
  plannedOn: Dayjs;
  place: string;
  expectedGuests: number;
}
const FIELDS = ['regionId', 'kind', 'hostName', 'hostPhone', 'plannedOn', 'place', 'expectedGuests'] as const;

export function FileEventDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  // One id per open form: a second tap or a retry files the same event.
  const [eventId, setEventId] = useState(() => crypto.randomUUID());
  const { key, renew } = useIdempotencyKey();
  const ownLevelFits = (FAMILY_EVENT_LEVELS as readonly string[]).includes(me.region.level);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setEventId(crypto.randomUUID());
    form.resetFields();
    form.setFieldsValue({ regionId: ownLevelFits ? me.region.id : undefined, kind: 'wedding' });
  }, [open, form, ownLevelFits, me.region.id]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      fileFamilyEvent(
        {
          id: eventId,
          regionId: v.regionId,
          kind: v.kind,
          hostName: v.hostName.trim(),
          hostPhone: v.hostPhone?.trim() ? v.hostPhone.trim() : undefined,
          plannedOn: v.plannedOn.format('YYYY-MM-DD'),
          place: v.place.trim(),
          expectedGuests: v.expectedGuests,
        },
        key,
      ),
    onSuccess: () => {
      renew();
      void message.success(t('familyEvents.created'));
      void queryClient.invalidateQueries({ queryKey: familyEventKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const required = { required: true, message: t('validation.required') };
  const text = { ...required, whitespace: true };
  const latest = dayjs().add(MAX_DAYS_AHEAD, 'day');
  return (
    <FormDrawer open={open} onClose={onClose} title={t('familyEvents.createTitle')} saving={save.isPending} onSave={() => form.submit()} saveTestId="family-event-save" problem={problem}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('familyEvents.region')} rules={[required]} extra={t('familyEvents.regionHint')}>
          <RegionSelect level={FAMILY_EVENT_LEVELS} placeholder={t('familyEvents.regionPick')} data-testid="family-event-region" />
        </Form.Item>
        <Form.Item name="kind" label={t('familyEvents.kind')} rules={[required]}>
          <Select data-testid="family-event-kind" options={FAMILY_EVENT_KINDS.map((k) => ({ value: k, label: t(`familyEvents.kinds.${k}`) }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8, flexWrap: mobile ? 'wrap' : 'nowrap' }}>
          <Form.Item name="hostName" label={t('familyEvents.hostName')} rules={[text]} style={{ flex: '1 1 140px' }}>
            <Input maxLength={60} placeholder={t('familyEvents.hostNamePlaceholder')} data-testid="family-event-host" />
          </Form.Item>
          <Form.Item name="hostPhone" label={t('familyEvents.hostPhone')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={30} inputMode="tel" autoComplete="off" data-testid="family-event-phone" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="plannedOn" label={t('familyEvents.plannedOn')} rules={[required]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} disabledDate={(d) => d.isAfter(latest, 'day')} data-testid="family-event-planned" />
          </Form.Item>
          <Form.Item name="expectedGuests" label={t('familyEvents.expectedGuests')} rules={[required]} style={{ flex: 1 }}>
            <InputNumber min={0} max={MAX_GUESTS} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="family-event-guests" />
          </Form.Item>
        </div>
        <Form.Item name="place" label={t('familyEvents.place')} rules={[text]}>
          <Input maxLength={200} placeholder={t('familyEvents.placePlaceholder')} data-testid="family-event-place" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

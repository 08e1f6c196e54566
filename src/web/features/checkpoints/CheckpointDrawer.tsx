// Register a checkpoint (region, name, place, person in charge, staff, opened on, optional
// coordinates — typed in or taken from the phone's GPS), or edit an open one.
import { AimOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKPOINT_LEVELS, type Checkpoint, type CheckpointPatch } from '../../../shared/checkpoints.ts';
import { useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { checkpointKeys, createCheckpoint, patchCheckpoint } from './checkpoints.api.ts';

interface Values {
  regionId: number;
  name: string;
  place: string;
  inChargeName?: string;
  inChargePhone?: string;
  staffOnDuty?: number | null;
  openedOn?: Dayjs | null;
  lng?: number | null;
  lat?: number | null;
}
const FIELDS = ['regionId', 'name', 'place', 'inChargeName', 'inChargePhone', 'staffOnDuty', 'openedOn', 'lng', 'lat'] as const;
const opt = (v: string | undefined | null): string | undefined => (v && v.trim() ? v.trim() : undefined);
const num = (v: number | null | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

export function CheckpointDrawer({ open, onClose, checkpoint = null }: { open: boolean; onClose: () => void; checkpoint?: Checkpoint | null }) {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const { key, renew } = useIdempotencyKey();
  const ownLevelFits = (CHECKPOINT_LEVELS as readonly string[]).includes(me.region.level);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (checkpoint) {
      form.setFieldsValue({
        regionId: checkpoint.regionId,
        name: checkpoint.name,
        place: checkpoint.place,
        inChargeName: checkpoint.inChargeName ?? undefined,
        inChargePhone: checkpoint.inChargePhone ?? undefined,
        staffOnDuty: checkpoint.staffOnDuty,
        openedOn: checkpoint.openedOn ? dayjs(checkpoint.openedOn) : null,
        lng: checkpoint.lng,
        lat: checkpoint.lat,
      });
    } else form.setFieldsValue({ regionId: ownLevelFits ? me.region.id : undefined, staffOnDuty: 2, openedOn: dayjs() });
  }, [open, form, checkpoint, ownLevelFits, me.region.id]);

  const done = (text: string) => {
    renew();
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: checkpointKeys.all });
    onClose();
  };

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        name: v.name.trim(),
        place: v.place.trim(),
        inChargeName: opt(v.inChargeName),
        inChargePhone: opt(v.inChargePhone),
        staffOnDuty: num(v.staffOnDuty),
        openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : undefined,
        lng: num(v.lng),
        lat: num(v.lat),
      };
      if (!checkpoint) return createCheckpoint({ id: crypto.randomUUID(), regionId: v.regionId, ...common }, key);
      const patch: CheckpointPatch = {
        ...common,
        inChargeName: common.inChargeName ?? null,
        inChargePhone: common.inChargePhone ?? null,
        openedOn: common.openedOn ?? null,
        lng: common.lng ?? null,
        lat: common.lat ?? null,
      };
      return patchCheckpoint(checkpoint.id, patch, key);
    },
    onSuccess: () => done(checkpoint ? t('common.saved') : t('checkpoints.created')),
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const locate = () => {
    if (!navigator.geolocation) return void message.warning(t('checkpoints.noGps'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({ lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 });
      },
      () => {
        setLocating(false);
        void message.warning(t('checkpoints.noGps'));
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={checkpoint ? t('checkpoints.editTitle') : t('checkpoints.createTitle')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="checkpoint-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('checkpoints.region')} rules={[{ required: true, message: t('validation.required') }]} extra={t('checkpoints.regionHint')}>
          <RegionSelect level={CHECKPOINT_LEVELS} placeholder={t('checkpoints.regionPick')} disabled={Boolean(checkpoint)} data-testid="checkpoint-region" />
        </Form.Item>
        <Form.Item name="name" label={t('checkpoints.name')} rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
          <Input maxLength={100} placeholder={t('checkpoints.namePlaceholder')} data-testid="checkpoint-name" />
        </Form.Item>
        <Form.Item name="place" label={t('checkpoints.place')} rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input maxLength={200} placeholder={t('checkpoints.placePlaceholder')} data-testid="checkpoint-place" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8, flexWrap: mobile ? 'wrap' : 'nowrap' }}>
          <Form.Item name="inChargeName" label={t('checkpoints.inChargeName')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={60} data-testid="checkpoint-incharge" />
          </Form.Item>
          <Form.Item name="inChargePhone" label={t('checkpoints.inChargePhone')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={30} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="staffOnDuty" label={t('checkpoints.staffOnDuty')} style={{ flex: 1 }}>
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} data-testid="checkpoint-staff" />
          </Form.Item>
          <Form.Item name="openedOn" label={t('checkpoints.openedOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} />
          </Form.Item>
        </div>
        <Form.Item label={t('checkpoints.coordinates')} extra={t('checkpoints.coordinatesHint')} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <Form.Item name="lng" noStyle>
              <InputNumber min={-180} max={180} step={0.000001} placeholder={t('checkpoints.lng')} style={{ flex: '1 1 110px' }} data-testid="checkpoint-lng" />
            </Form.Item>
            <Form.Item name="lat" noStyle>
              <InputNumber min={-90} max={90} step={0.000001} placeholder={t('checkpoints.lat')} style={{ flex: '1 1 110px' }} data-testid="checkpoint-lat" />
            </Form.Item>
            <Button icon={<AimOutlined />} loading={locating} onClick={locate}>{t('checkpoints.useGps')}</Button>
          </div>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

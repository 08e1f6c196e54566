// Register a household: its grid, address, building/unit/room, and the landlord when it is let.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import type { RegionLevel } from '../../../shared/regions.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { createHousehold, householdKeys } from './households.api.ts';

interface Values {
  regionId: number;
  address: string;
  building?: string;
  unit?: string;
  room?: string;
  isRental: boolean;
  landlordName?: string;
  landlordPhone?: string;
}
const FIELDS = ['regionId', 'address', 'building', 'unit', 'room', 'isRental', 'landlordName', 'landlordPhone'] as const;

/** '' and whitespace become absent: the contract wants 1+ characters or nothing. */
const opt = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

/** Households live on the two lowest levels. */
const HOUSEHOLD_LEVELS: readonly RegionLevel[] = ['grid', 'microgrid'];

export function HouseholdDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated?: (id: string) => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const isRental = Form.useWatch('isRental', form);
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const ownGrid = me.region.level === 'grid' || me.region.level === 'microgrid';

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({ isRental: false, regionId: ownGrid ? me.region.id : undefined });
  }, [open, form, ownGrid, me.region.id]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      createHousehold(
        {
          regionId: v.regionId,
          address: v.address.trim(),
          building: opt(v.building),
          unit: opt(v.unit),
          room: opt(v.room),
          isRental: v.isRental,
          landlordName: v.isRental ? opt(v.landlordName) : undefined,
          landlordPhone: v.isRental ? opt(v.landlordPhone) : undefined,
        },
        key,
      ),
    onSuccess: (h) => {
      renew();
      void message.success(t('households.created'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onClose();
      onCreated?.(h.id);
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('households.createTitle')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="household-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('households.grid')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionSelect level={HOUSEHOLD_LEVELS} placeholder={t('households.gridPick')} data-testid="household-region" />
        </Form.Item>
        <Form.Item name="address" label={t('households.address')} rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input maxLength={200} placeholder={t('households.addressPlaceholder')} data-testid="household-address" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="building" label={t('households.building')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="unit" label={t('households.unit')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="room" label={t('households.room')} style={{ flex: 1 }}>
            <Input maxLength={40} data-testid="household-room" />
          </Form.Item>
        </div>
        <Form.Item name="isRental" label={t('households.isRental')} valuePropName="checked">
          <Switch data-testid="household-rental" />
        </Form.Item>
        {isRental ? (
          <>
            <Form.Item name="landlordName" label={t('households.landlordName')} rules={[{ max: 60, message: t('validation.maxLength', { max: 60 }) }]}>
              <Input maxLength={60} data-testid="household-landlord" />
            </Form.Item>
            <Form.Item name="landlordPhone" label={t('households.landlordPhone')}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </FormDrawer>
  );
}

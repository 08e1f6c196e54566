// Register or edit a household: its grid, address, building/unit/room, and the landlord when it
// is let. An edit sends only what changed against the version it opened; the landlord's phone is
// never prefilled (it is masked), so a masked value cannot be saved back.
import { householdBodyOf, type HouseholdFormValues } from '../../../client/household-input.ts';
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
import { HOUSEHOLD_LIMITS, type Household, type HouseholdPatch, looksMasked } from '../../../shared/households.ts';
import { fieldLabel } from '../../../client/edit-values.ts';
import { translateOf } from '../../lib/errors.ts';
import { createHousehold, householdKeys, patchHousehold } from './households.api.ts';

type Values = HouseholdFormValues;
const FIELDS = ['regionId', 'address', 'building', 'unit', 'room', 'isRental', 'landlordName', 'landlordPhone'] as const;

/** '' and whitespace become absent: the contract wants 1+ characters or nothing. */
const opt = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

/** Households live on the two lowest levels. */
const HOUSEHOLD_LEVELS: readonly RegionLevel[] = ['grid', 'microgrid'];

/** Only what changed; an empty landlord phone keeps the number. */
function patchOf(h: Household, v: Values): HouseholdPatch {
  const patch: HouseholdPatch = { baseVersion: h.version };
  const next = {
    address: v.address.trim(),
    building: opt(v.building) ?? null,
    unit: opt(v.unit) ?? null,
    room: opt(v.room) ?? null,
    isRental: v.isRental,
    landlordName: v.isRental ? opt(v.landlordName) ?? null : h.landlordName,
  };
  for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] !== h[k]) Object.assign(patch, { [k]: next[k] });
  const phone = v.isRental ? opt(v.landlordPhone) : undefined;
  if (phone) patch.landlordPhone = phone;
  return patch;
}

export function HouseholdDrawer({ open, onClose, onCreated, household = null }: { open: boolean; onClose: () => void; onCreated?: (id: string) => void; household?: Household | null }) {
  const me = useMe();
  const { t } = useTranslation();
  const tr = translateOf(t);
  const { message, modal } = App.useApp();
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
    if (household) {
      form.setFieldsValue({
        regionId: household.regionId,
        address: household.address,
        building: household.building ?? undefined,
        unit: household.unit ?? undefined,
        room: household.room ?? undefined,
        isRental: household.isRental,
        landlordName: household.landlordName ?? undefined,
      });
    } else form.setFieldsValue({ isRental: false, regionId: ownGrid ? me.region.id : undefined });
  }, [open, form, ownGrid, me.region.id, household]);

  const edit = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: HouseholdPatch }) => patchHousehold(id, patch, key),
    onSuccess: (updated) => {
      renew();
      if (updated.clashes.length) {
        modal.warning({
          title: t('householdEdit.clashTitle'),
          content: (
            <div data-testid="edit-clashes">
              <p>{t('householdEdit.clashIntro')}</p>
              <ul>{updated.clashes.map((f) => <li key={f}>{fieldLabel(tr, f)}</li>)}</ul>
            </div>
          ),
        });
      } else void message.success(t('householdEdit.saved'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const submit = (v: Values) => {
    if (!household) return save.mutate(v);
    const patch = patchOf(household, v);
    if (Object.keys(patch).length === 1) {
      void message.info(t('householdEdit.noChange'));
      return onClose();
    }
    edit.mutate({ id: household.id, patch });
  };
  const notMasked = { validator: (_: unknown, v?: string) => (v && looksMasked(v) ? Promise.reject(new Error(t('householdEdit.maskedRefused'))) : Promise.resolve()) };

  const save = useMutation({
    mutationFn: (v: Values) =>
      createHousehold(householdBodyOf(v), key),
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
      title={household ? t('householdEdit.editHousehold') : t('households.createTitle')}
      saving={save.isPending || edit.isPending}
      onSave={() => form.submit()}
      saveTestId="household-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="regionId" label={t('households.grid')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionSelect level={HOUSEHOLD_LEVELS} placeholder={t('households.gridPick')} data-testid="household-region" disabled={Boolean(household)} />
        </Form.Item>
        <Form.Item name="address" label={t('households.address')} rules={[required, { max: HOUSEHOLD_LIMITS.address, message: t('validation.maxLength', { max: HOUSEHOLD_LIMITS.address }) }]}>
          <Input maxLength={HOUSEHOLD_LIMITS.address} placeholder={t('households.addressPlaceholder')} data-testid="household-address" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="building" label={t('households.building')} style={{ flex: 1 }}>
            <Input maxLength={HOUSEHOLD_LIMITS.building} />
          </Form.Item>
          <Form.Item name="unit" label={t('households.unit')} style={{ flex: 1 }}>
            <Input maxLength={HOUSEHOLD_LIMITS.unit} />
          </Form.Item>
          <Form.Item name="room" label={t('households.room')} style={{ flex: 1 }}>
            <Input maxLength={HOUSEHOLD_LIMITS.room} data-testid="household-room" />
          </Form.Item>
        </div>
        <Form.Item name="isRental" label={t('households.isRental')} valuePropName="checked">
          <Switch data-testid="household-rental" />
        </Form.Item>
        {isRental ? (
          <>
            <Form.Item name="landlordName" label={t('households.landlordName')} rules={[{ max: HOUSEHOLD_LIMITS.landlordName, message: t('validation.maxLength', { max: HOUSEHOLD_LIMITS.landlordName }) }]}>
              <Input maxLength={HOUSEHOLD_LIMITS.landlordName} data-testid="household-landlord" />
            </Form.Item>
            <Form.Item
              name="landlordPhone"
              label={t('households.landlordPhone')}
              rules={[notMasked]}
              extra={household?.landlordPhone ? <span className="gg-mono">{t('householdEdit.keepNumber', { masked: household.landlordPhone })}</span> : undefined}
            >
              <Input
                maxLength={HOUSEHOLD_LIMITS.landlordPhone}
                inputMode="tel"
                autoComplete="off"
                placeholder={household?.landlordPhone ? t('householdEdit.newNumber') : undefined}
                data-testid="household-landlord-phone"
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </FormDrawer>
  );
}

// Order home quarantine for one person: who (searched by name or whole ID number, or given by the
// household page), why, where, from today until the county's period is over (shown, editable),
// and optionally who monitors it. A second active order for the person is a 409, shown as such.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { isApiError } from '../../lib/api.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { addDays } from '../../lib/countyTime.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useCountyDays } from './useCountyDays.ts';
import { createOrder, getSettings, quarantineKeys, searchPersons, searchStaff } from './quarantine.api.ts';
import { useQuarantineFormErrors } from './quarantine.errors.ts';

interface Values {
  personId: string;
  reason: string;
  place?: string;
  startOn: Dayjs;
  endOn: Dayjs;
  monitorUserId?: string;
}
const FIELDS = ['personId', 'reason', 'place', 'startOn', 'endOn', 'monitorUserId'] as const;

function useDebounced(value: string, ms = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function PersonSelect({ value, onChange, fixed }: { value?: string; onChange?: (v: string | undefined) => void; fixed?: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const persons = useQuery({ queryKey: ['quarantines', 'persons', q], queryFn: () => searchPersons(q), enabled: !fixed });
  const options = fixed
    ? [{ value: fixed.id, label: fixed.name }]
    : (persons.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.idNumber ? ` · ${p.idNumber}` : ''}` }));
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      disabled={Boolean(fixed)}
      placeholder={t('quarantine.personPick')}
      loading={persons.isFetching}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      notFoundContent={persons.isFetching ? t('common.loading') : t('common.none')}
      data-testid="quarantine-person"
    />
  );
}

/** Account managers pick any staff account of their subtree; grid staff can only name themselves. */
export function MonitorSelect({ value, onChange, placeholder, testId = 'quarantine-monitor' }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string; testId?: string }) {
  const me = useMe();
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const mayList = can(me.user.role, 'users');
  const staff = useQuery({ queryKey: ['quarantines', 'staff', q], queryFn: () => searchStaff(q), enabled: mayList });
  const self = { value: me.user.id, label: t('quarantine.monitorSelf', { name: me.user.displayName }) };
  const others = (staff.data?.items ?? []).filter((u) => u.active && u.role !== 'auditor' && u.id !== me.user.id).map((u) => ({ value: u.id, label: `${u.displayName} · ${t(`roles.${u.role}`)}` }));
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={[self, ...others]}
      allowClear
      placeholder={placeholder ?? t('quarantine.monitorPick')}
      loading={staff.isFetching}
      showSearch={mayList ? { onSearch: setText, filterOption: false, searchValue: text } : false}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      data-testid={testId}
    />
  );
}

export interface CreateOrderDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Ordering from a household's person row: the person is fixed. */
  person?: { id: string; name: string };
}

export function CreateOrderDrawer({ open, onClose, person }: CreateOrderDrawerProps) {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useQuarantineFormErrors();
  const { today } = useCountyDays();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const settings = useQuery({ queryKey: ['settings'], queryFn: getSettings, staleTime: 60_000 });
  const days = settings.data?.quarantineDays ?? 14;
  // The end follows the start until the user picks an end of their own.
  const [endTouched, setEndTouched] = useState(false);
  const startOn = Form.useWatch('startOn', form);
  const start = startOn ? startOn.format('YYYY-MM-DD') : today;
  const defaultEnd = addDays(start, days - 1);
  const gridStaff = !can(me.user.role, 'users');

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setEndTouched(false);
    form.resetFields();
    form.setFieldsValue({ personId: person?.id, startOn: dayjs(today), endOn: dayjs(addDays(today, days - 1)), monitorUserId: gridStaff ? me.user.id : undefined });
  }, [open, form, person?.id, today, days, gridStaff, me.user.id]);

  useEffect(() => {
    if (open && !endTouched) form.setFieldValue('endOn', dayjs(defaultEnd));
  }, [open, endTouched, defaultEnd, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      createOrder(
        {
          personId: v.personId,
          reason: v.reason.trim(),
          place: v.place?.trim() ? v.place.trim() : undefined,
          startOn: v.startOn.format('YYYY-MM-DD'),
          endOn: v.endOn.format('YYYY-MM-DD'),
          monitorUserId: v.monitorUserId,
        },
        key,
      ),
    onSuccess: (order) => {
      renew();
      void message.success(t('quarantine.created'));
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
      onClose();
      navigate(`/quarantine/${order.id}`);
    },
    onError: (err) => {
      const text = formErrors(form, err, FIELDS);
      // A second active order: say so in words, whatever else the server named.
      setProblem(isApiError(err) && err.status === 409 ? t('quarantine.alreadyActive') : text);
    },
  });

  const required = { required: true, message: t('validation.required') };
  return (
    <FormDrawer open={open} onClose={onClose} title={t('quarantine.createTitle')} saving={save.isPending} onSave={() => form.submit()} saveTestId="quarantine-save" problem={problem}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="personId" label={t('quarantine.person')} rules={[required]}>
          <PersonSelect fixed={person} />
        </Form.Item>
        <Form.Item name="reason" label={t('quarantine.reason')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} placeholder={t('quarantine.reasonPlaceholder')} data-testid="quarantine-reason" />
        </Form.Item>
        <Form.Item name="place" label={t('quarantine.place')}>
          <Input maxLength={200} placeholder={t('quarantine.placePlaceholder')} data-testid="quarantine-place" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="startOn" label={t('quarantine.startOn')} rules={[required]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} allowClear={false} data-testid="quarantine-start" />
          </Form.Item>
          <Form.Item name="endOn" label={t('quarantine.endOn')} rules={[required]} style={{ flex: 1 }}>
            <DatePicker
              style={{ width: '100%' }}
              format="YYYY-MM-DD"
              inputReadOnly={mobile}
              allowClear={false}
              disabledDate={(d) => d.isBefore(dayjs(start), 'day')}
              onChange={() => setEndTouched(true)}
              data-testid="quarantine-end"
            />
          </Form.Item>
        </div>
        <Alert type="info" showIcon title={t('quarantine.defaultEnd', { days, date: defaultEnd })} style={{ marginBottom: 16 }} data-testid="quarantine-default-end" />
        <Form.Item name="monitorUserId" label={t('quarantine.monitor')}>
          <MonitorSelect />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

// 离开辖区: record that a person left for a place GridGuard does not cover — when, and where to:
// a neighbouring county from GET /departures/neighbours (its 协查函 opens to print) or any other
// place. Counties on this installation are shown but cannot be chosen: a move there is a hand-over.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Person } from '../../../shared/households.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useCountyDays } from '../quarantine/useCountyDays.ts';
import { householdKeys } from './households.api.ts';
import { departureKeys, listNeighbourCounties, recordDeparture } from './departures.api.ts';

/** The longest place the contract takes (DepartureCreate.leftTo). */
const PLACE_MAX = 200;

interface Values {
  leftOn: Dayjs;
  where: 'neighbour' | 'elsewhere';
  toCountyCode?: string;
  leftTo: string;
}

export function DepartureModal({ person, onClose }: { person: Pick<Person, 'id' | 'name'> | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { today } = useCountyDays();
  const [form] = Form.useForm<Values>();
  const where = Form.useWatch('where', form);
  const formErrors = useFormErrors();
  const { key, renew } = useIdempotencyKey();
  const queryClient = useQueryClient();
  const neighbours = useQuery({ queryKey: departureKeys.neighbours, queryFn: listNeighbourCounties, enabled: person !== null, staleTime: 5 * 60_000 });
  const choosable = (neighbours.data?.items ?? []).filter((c) => !c.onThisInstallation);

  useEffect(() => {
    if (person) form.setFieldsValue({ leftOn: dayjs(today), where: 'elsewhere' });
  }, [person, form, today]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      recordDeparture(person?.id ?? '', { leftOn: v.leftOn.format('YYYY-MM-DD'), leftTo: v.leftTo.trim(), ...(v.where === 'neighbour' && v.toCountyCode ? { toCountyCode: v.toCountyCode } : {}) }, key),
    onSuccess: (d) => {
      void message.success(t('departures.recorded'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      queryClient.setQueryData(departureKeys.of(d.personId), d);
      renew();
      onClose();
      // A letter to send: open it to print.
      if (d.notice) void navigate(`/persons/${d.personId}/departure`);
    },
    onError: (err) => formErrors(form, err, ['leftOn', 'leftTo', 'toCountyCode']),
  });

  return (
    <Modal
      open={person !== null}
      title={t('departures.title', { name: person?.name ?? '' })}
      okText={t('departures.record')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={mobile ? '100%' : 520}
      okButtonProps={{ 'data-testid': 'departure-submit' } as Record<`data-${string}`, string>}
      data-testid="departure-modal"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('departures.help')} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="leftOn" label={t('departures.leftOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="departure-left-on" />
        </Form.Item>
        <Form.Item name="where" label={t('departures.where')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'neighbour', label: t('departures.whereNeighbour'), disabled: choosable.length === 0 },
              { value: 'elsewhere', label: t('departures.whereElsewhere') },
            ]}
            data-testid="departure-where"
          />
        </Form.Item>
        {neighbours.isSuccess && choosable.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('departures.noNeighbours')} /> : null}
        {where === 'neighbour' ? (
          <Form.Item name="toCountyCode" label={t('departures.county')} extra={t('departures.countyHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              loading={neighbours.isPending}
              data-testid="departure-county"
              options={(neighbours.data?.items ?? []).map((c) => ({
                value: c.code,
                label: c.onThisInstallation ? t('departures.onThisInstallation', { name: c.name }) : `${c.name}（${c.code}）`,
                disabled: c.onThisInstallation,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="leftTo" label={t('departures.place')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: PLACE_MAX, message: t('validation.maxLength', { max: PLACE_MAX }) }]}>
          <Input maxLength={PLACE_MAX} placeholder={t(where === 'neighbour' ? 'departures.placeNeighbourHint' : 'departures.placeElsewhereHint')} data-testid="departure-place" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

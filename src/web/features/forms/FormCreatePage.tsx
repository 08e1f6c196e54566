// Fill in a form for a household (from its detail page): the floating-population registration
// form for one of its people, or the rental letter for a rented dwelling. Fields are prefilled
// from the records; the form gets its id here, so a resent save is the same form. (At the door,
// with no signal, the phone app at /field queues forms in its outbox instead.)
import { formatDwelling } from '../../../shared/address.ts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Segmented, Select, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { v7 as uuidv7 } from 'uuid';
import { CURRENT_DUTIES_VERSION, type FormKind } from '../../../shared/forms.ts';
import type { Household, Person } from '../../../shared/households.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { createForm, formKeys, getHousehold, listPeopleOf } from './forms.api.ts';
import { type FieldFormValues, FormFields, applyFieldErrors, toApiFields } from './FormFields.tsx';

/** The dwelling as the form records it: in Chinese, with its 幢/单元/室 (a form is a Chinese document). */
const dwelling = (h: Household) => formatDwelling(h);
const isTenant = (p: Person) => p.dwellingRelation === 'tenant' || p.dwellingRelation === 'lodger' || p.category === 'tenant';

function defaultsFor(kind: FormKind, h: Household, people: Person[], person: Person | undefined): FieldFormValues {
  if (kind === 'rental_responsibility') {
    return {
      landlordName: h.landlordName ?? '',
      address: dwelling(h),
      tenants: people.filter(isTenant).map((p) => ({ personId: p.id, name: p.name })),
      dutiesVersion: CURRENT_DUTIES_VERSION,
      termStart: dayjs(),
      termEnd: dayjs().add(1, 'year').subtract(1, 'day'),
    };
  }
  return {
    name: person?.name,
    origin: person?.origin ?? undefined,
    arrivedOn: person?.arrivedOn ? dayjs(person.arrivedOn) : undefined,
    travelMode: person?.travelMode ?? undefined,
    employer: person?.employer ?? undefined,
    residenceAddress: dwelling(h),
  };
}

export default function FormCreatePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const householdId = params.get('householdId') ?? '';
  const [kind, setKind] = useState<FormKind>(params.get('kind') === 'rental_responsibility' ? 'rental_responsibility' : 'floating_registration');
  const [personId, setPersonId] = useState<string | undefined>(params.get('personId') ?? undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [formId] = useState(() => uuidv7());
  const { key } = useIdempotencyKey();
  const [form] = Form.useForm<FieldFormValues>();
  const household = useQuery<Household>({
    queryKey: ['households', 'detail', householdId],
    queryFn: () => getHousehold(householdId),
    enabled: !!householdId,
    staleTime: Infinity,
  });
  const persons = useQuery<{ items: Person[] }>({
    queryKey: ['households', 'persons', householdId],
    queryFn: () => listPeopleOf(householdId),
    enabled: !!householdId,
    staleTime: Infinity,
  });
  const people = useMemo(() => persons.data?.items ?? [], [persons.data]);
  const person = people.find((p) => p.id === personId);
  // A floating person is the usual subject: pick the first one when none was named.
  useEffect(() => {
    if (!personId && people.length) setPersonId((people.find((p) => p.category !== 'resident') ?? people[0])?.id);
  }, [people, personId]);
  useEffect(() => {
    if (!household.data) return;
    form.resetFields();
    form.setFieldsValue(defaultsFor(kind, household.data, people, person));
  }, [form, kind, household.data, people, person]);

  const save = useMutation({
    mutationFn: async (values: FieldFormValues): Promise<{ id: string }> => {
      const fields = toApiFields(values, undefined);
      return kind === 'floating_registration'
        ? createForm({ id: formId, kind, householdId, personId: personId ?? '', fields }, key)
        : createForm({ id: formId, kind, householdId, fields }, key);
    },
    onSuccess: (created) => {
      void message.success(t('forms.created'));
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
      void navigate(`/forms/${created.id}`, { replace: true });
    },
    onError: (err) => setProblem(applyFieldErrors(form, err) ? null : errorText(err)),
  });
  const back = `/households/${householdId}`;

  if (!householdId || household.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={household.isError ? errorText(household.error) : t('errors.NOT_FOUND')} action={<Link to="/households">{t('forms.back')}</Link>} />
      </div>
    );
  }
  if (household.isPending || persons.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const h = household.data;
  const blocked = kind === 'rental_responsibility' ? (!h.isRental ? t('forms.notRental') : null) : !people.length ? t('forms.noPeople') : null;

  return (
    <div className="gg-page" style={{ maxWidth: 760 }} data-testid="form-create">
      <div className="gg-page-title">
        <Typography.Title level={2} ellipsis style={{ minWidth: 0 }}>
          <Link to={back} aria-label={t('forms.back')} style={{ marginInlineEnd: 8 }}><ArrowLeftOutlined /></Link>
          {t('forms.createTitle')}
        </Typography.Title>
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div className="gg-muted" style={{ marginBottom: 12 }}>{t('forms.household')}：{dwelling(h)}</div>
        <Segmented<FormKind>
          block
          value={kind}
          onChange={(v) => {
            setProblem(null);
            setKind(v);
          }}
          options={[
            { value: 'floating_registration', label: t('forms.kindsShort.floating_registration') },
            { value: 'rental_responsibility', label: t('forms.kindsShort.rental_responsibility') },
          ]}
          style={{ marginBottom: 16 }}
          data-testid="form-kind"
        />
        {blocked ? <Alert type="warning" showIcon title={blocked} style={{ marginBottom: 16 }} /> : null}
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
        {kind === 'floating_registration' && people.length ? (
          <div style={{ marginBottom: 16 }}>
            <div style={{ marginBottom: 8 }}>{t('forms.person')}</div>
            <Select<string>
              style={{ width: '100%' }}
              value={personId}
              onChange={setPersonId}
              options={people.map((p) => ({ value: p.id, label: `${p.name}（${t(`persons.categories.${p.category}`)}）` }))}
              data-testid="form-person"
            />
          </div>
        ) : null}
        <Form<FieldFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!!blocked}>
          <FormFields kind={kind} people={people} />
          <Button type="primary" htmlType="submit" block={mobile} loading={save.isPending} disabled={!!blocked} data-testid="form-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

// Register or edit a person of a household: category decides the extra fields (returnee: where
// from, when, how; migrant worker: employer); a key person needs a reason. An edit sends only what
// changed, against the version it opened; masked numbers are never prefilled, so a masked value
// cannot be sent back. A duplicate ID number on registering opens the merge dialog.
import { ACCESS_REQUEST_ROLES } from '../../../shared/person-access.ts';
import { CorrectionsCard } from '../person-access/CorrectionsCard.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DWELLING_RELATIONS, PERSON_CATEGORIES, PERSON_FORM_FIELDS, PERSON_LIMITS, type Person, type PersonCategory, type PersonPatch, TRAVEL_MODES, looksMasked } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import { CATEGORY_FIELDS, type CategoryField, carries, requiredFor } from '../../../shared/person-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { fieldLabel } from '../../../client/edit-values.ts';
import { translateOf } from '../../lib/errors.ts';
import { createPerson, householdKeys, patchPerson } from './households.api.ts';
import { MergeModal, type TypedPerson } from './MergeModal.tsx';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { ResponsibleCard } from '../responsibility/ResponsibleCard.tsx';

type TravelMode = (typeof TRAVEL_MODES)[number];
type DwellingRelation = (typeof DWELLING_RELATIONS)[number];
interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  category: PersonCategory;
  origin?: string;
  arrivedOn?: Dayjs;
  travelMode?: TravelMode;
  employer?: string;
  dwellingRelation?: DwellingRelation;
  keyPerson: boolean;
  keyPersonReason?: string;
}
const opt = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);
const VISIBLE_DUPLICATE = /^already registered: ([0-9a-f-]{36})$/;

/** The form's values in the contract's terms; fields of another category are left out. */
function payloadOf(v: Values) {
  const has = (field: CategoryField) => carries(v.category, field);
  return {
    name: v.name.trim(),
    idNumber: opt(v.idNumber),
    phone: opt(v.phone),
    category: v.category,
    origin: has('origin') ? opt(v.origin) : undefined,
    arrivedOn: has('arrivedOn') && v.arrivedOn ? v.arrivedOn.format('YYYY-MM-DD') : undefined,
    travelMode: has('travelMode') ? v.travelMode : undefined,
    employer: has('employer') ? opt(v.employer) : undefined,
    dwellingRelation: v.dwellingRelation,
    keyPerson: v.keyPerson,
    keyPersonReason: v.keyPerson ? opt(v.keyPersonReason) : undefined,
  };
}

/** Only what changed among the fields the form shows; an empty number input keeps the number. */
function patchOf(person: Person, v: Values): PersonPatch {
  const next = payloadOf(v);
  const patch: PersonPatch = { baseVersion: person.version };
  // Fields of another category are not on the form: left as they are, not cleared.
  const shown = ['name', 'category', 'dwellingRelation', 'keyPerson', 'keyPersonReason', ...CATEGORY_FIELDS[v.category]] as const;
  for (const k of shown) {
    const value = next[k] ?? null;
    if (value !== (person[k] ?? null)) Object.assign(patch, { [k]: value });
  }
  if (next.idNumber) patch.idNumber = next.idNumber;
  if (next.phone) patch.phone = next.phone;
  return patch;
}

export function PersonDrawer({ householdId, open, onClose, person = null }: { householdId: string; open: boolean; onClose: () => void; person?: Person | null }) {
  const { t, i18n } = useTranslation();
  const tr = translateOf(t);
  const { message, modal } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const keyPerson = Form.useWatch('keyPerson', form);
  const [problem, setProblem] = useState<string | null>(null);
  const [elsewhere, setElsewhere] = useState(false);
  const [duplicate, setDuplicate] = useState<{ existingId: string; typed: TypedPerson } | null>(null);
  const { key, renew } = useIdempotencyKey();
  const me = useMe();
  const editing = person !== null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setElsewhere(false);
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        name: person.name,
        category: person.category,
        origin: person.origin ?? undefined,
        arrivedOn: person.arrivedOn ? dayjs(person.arrivedOn) : undefined,
        travelMode: person.travelMode ?? undefined,
        employer: person.employer ?? undefined,
        dwellingRelation: person.dwellingRelation ?? undefined,
        keyPerson: person.keyPerson,
        keyPersonReason: person.keyPersonReason ?? undefined,
      });
    } else form.setFieldsValue({ category: 'resident', keyPerson: false });
  }, [open, form, person]);

  const done = () => {
    renew();
    void queryClient.invalidateQueries({ queryKey: householdKeys.all });
    onClose();
  };

  const onError = (err: unknown) => {
    setProblem(formErrors(form, err, PERSON_FORM_FIELDS));
    const detail = isApiError(err) && err.code === 'DUPLICATE' ? err.details.find((d) => d.path === 'idNumber') : undefined;
    if (!detail) return;
    form.setFields([{ name: 'idNumber', errors: [t('persons.duplicateId')] }]);
    setProblem(null);
    const visible = VISIBLE_DUPLICATE.exec(detail.message);
    if (!visible?.[1]) setElsewhere(true);
    else if (!editing) setDuplicate({ existingId: visible[1], typed: payloadOf(form.getFieldsValue(true)) });
    // Editing: the number belongs to another person of the subtree; merging applies to registering only.
    else setProblem(t('persons.duplicateId'));
  };

  const create = useMutation({
    mutationFn: (v: Values) => createPerson({ householdId, ...payloadOf(v) }, key),
    onSuccess: () => {
      void message.success(t('persons.created'));
      done();
    },
    onError,
  });

  const edit = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PersonPatch }) => patchPerson(id, patch, key),
    onSuccess: (updated) => {
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
      done();
    },
    onError,
  });

  const submit = (v: Values) => {
    setElsewhere(false);
    if (!person) return create.mutate(v);
    const patch = patchOf(person, v);
    if (Object.keys(patch).length === 1) {
      void message.info(t('householdEdit.noChange'));
      return onClose();
    }
    edit.mutate({ id: person.id, patch });
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const maxLength = (max: number) => ({ max, message: t('validation.maxLength', { max }) });
  /** A date picked: required, but not a text (whitespace would check its type as a string). */
  const picked = { required: true, message: t('validation.required') };
  /** The rule when the person's category requires the field (shared/person-rules.ts: a returnee's origin and day). */
  const needs = (field: CategoryField, rule: typeof picked) => (requiredFor(category).includes(field) ? [rule] : []);
  // A masked value (with *) is what lists show; saving it would overwrite the real number.
  const notMasked = { validator: (_: unknown, v?: string) => (v && looksMasked(v) ? Promise.reject(new Error(t('householdEdit.maskedRefused'))) : Promise.resolve()) };
  const categoryOptions = PERSON_CATEGORIES.map((c) => ({ value: c, label: i18n.language === 'en' ? t(`persons.categories.${c}`) : CATEGORY_LABELS_ZH[c] }));
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={person ? t('householdEdit.editPerson', { name: person.name }) : t('persons.createTitle')}
      saving={create.isPending || edit.isPending}
      onSave={() => form.submit()}
      saveTestId="person-save"
      problem={problem}
    >
      {elsewhere ? (
        <Alert type="warning" showIcon title={t('householdEdit.merge.elsewhere')} description={t('householdEdit.merge.elsewhereHelp')} style={{ marginBottom: 16 }} data-testid="duplicate-elsewhere" />
      ) : null}
      {editing ? <Alert type="info" showIcon title={t('householdEdit.numberHelp')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('persons.name')} rules={[required, maxLength(PERSON_LIMITS.name)]}>
          <Input maxLength={PERSON_LIMITS.name} data-testid="person-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('persons.idNumber')} rules={[notMasked]} extra={person?.idNumber ? <span className="gg-mono" data-testid="person-idNumber-current">{t('householdEdit.keepNumber', { masked: person.idNumber })}</span> : undefined}>
          <Input
            maxLength={PERSON_LIMITS.idNumber}
            className="gg-mono"
            autoComplete="off"
            placeholder={person?.idNumber ? t('householdEdit.newNumber') : undefined}
            data-testid="person-id-number"
          />
        </Form.Item>
        <Form.Item name="phone" label={t('persons.phone')} rules={[notMasked]} extra={person?.phone ? <span className="gg-mono" data-testid="person-phone-current">{t('householdEdit.keepNumber', { masked: person.phone })}</span> : undefined}>
          <Input
            maxLength={PERSON_LIMITS.phone}
            inputMode="tel"
            className="gg-mono"
            autoComplete="off"
            placeholder={person?.phone ? t('householdEdit.newNumber') : undefined}
            data-testid="person-phone"
          />
        </Form.Item>
        <Form.Item name="category" label={t('persons.category')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={categoryOptions} data-testid="person-category" />
        </Form.Item>
        {carries(category, 'origin') ? (
          <Form.Item name="origin" label={t('persons.origin')} rules={[...needs('origin', required), maxLength(PERSON_LIMITS.origin)]}>
            <Input maxLength={PERSON_LIMITS.origin} placeholder={t('persons.originPlaceholder')} />
          </Form.Item>
        ) : null}
        {carries(category, 'arrivedOn') ? (
          <Form.Item name="arrivedOn" label={t('persons.arrivedOn')} rules={needs('arrivedOn', picked)}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} />
          </Form.Item>
        ) : null}
        {carries(category, 'travelMode') ? (
          <Form.Item name="travelMode" label={t('householdEdit.travelMode')}>
            <Select allowClear options={TRAVEL_MODES.map((m) => ({ value: m, label: t(`householdEdit.travelModes.${m}`) }))} />
          </Form.Item>
        ) : null}
        {carries(category, 'employer') ? (
          <Form.Item name="employer" label={t('persons.employer')} rules={[maxLength(PERSON_LIMITS.employer)]}>
            <Input maxLength={PERSON_LIMITS.employer} />
          </Form.Item>
        ) : null}
        <Form.Item name="dwellingRelation" label={t('householdEdit.dwellingRelation')}>
          <Select allowClear options={DWELLING_RELATIONS.map((r) => ({ value: r, label: t(`householdEdit.dwellingRelations.${r}`) }))} data-testid="person-dwelling" />
        </Form.Item>
        <Form.Item name="keyPerson" label={t('persons.keyPerson')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {keyPerson ? (
          <Form.Item name="keyPersonReason" label={t('persons.keyPersonReason')} rules={[required, maxLength(PERSON_LIMITS.keyPersonReason)]}>
            <Input.TextArea maxLength={PERSON_LIMITS.keyPersonReason} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        ) : null}
      </Form>
      {/* 五包一: the person's responsible people, saved on their own (not with the form). */}
      {person && can(me.user.role, 'responsibility') ? <div style={{ marginTop: 16 }}><ResponsibleCard personId={person.id} /></div> : null}
      {/* 更正请求: the roles that read full records record and decide them. */}
      {person && ACCESS_REQUEST_ROLES.includes(me.user.role) ? <div style={{ marginTop: 16 }}><CorrectionsCard personId={person.id} /></div> : null}
      <MergeModal
        existingId={duplicate?.existingId ?? null}
        householdId={householdId}
        typed={duplicate?.typed ?? {}}
        onCancel={() => setDuplicate(null)}
        onMerged={() => {
          setDuplicate(null);
          done();
        }}
      />
    </FormDrawer>
  );
}

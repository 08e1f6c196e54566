// The same ID number twice in the county (重复身份证号): the registered person, masked, with where
// they live now. "Same person, who moved here" moves them into this household, taking the
// registered or the newly typed value field by field; one atomic call on the server.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Modal, Radio, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_MERGE_FIELDS, type Person, type PersonMerge } from '../../../shared/households.ts';
import { isApiError } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { RegionName } from '../regions/RegionName.tsx';
import { displayValue, fieldLabel, maskNumber } from '../../../client/edit-values.ts';
import { translateOf } from '../../lib/errors.ts';
import { getHousehold, getPerson, householdKeys, mergePerson } from './households.api.ts';

type Mergeable = keyof PersonMerge['fields'];
export type TypedPerson = Partial<Record<Mergeable, unknown>>;
const MERGEABLE: readonly Mergeable[] = PERSON_MERGE_FIELDS;

/** Fields where the typed value differs from the registered one (a typed phone always counts: the registered one is masked). */
function differing(existing: Person, typed: TypedPerson): Mergeable[] {
  return MERGEABLE.filter((f) => {
    const value = typed[f];
    if (value === undefined || value === null || value === '') return false;
    if (f === 'phone') return true;
    return value !== existing[f];
  });
}

export function MergeModal({ existingId, householdId, typed, onCancel, onMerged }: {
  existingId: string | null;
  householdId: string;
  typed: TypedPerson;
  onCancel: () => void;
  onMerged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const tr = translateOf(t);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [choice, setChoice] = useState<Partial<Record<Mergeable, 'keep' | 'take'>>>({});
  const existing = useQuery({ queryKey: householdKeys.person(existingId ?? ''), queryFn: () => getPerson(existingId ?? ''), enabled: Boolean(existingId) });
  const home = useQuery({
    queryKey: householdKeys.detail(existing.data?.householdId ?? ''),
    queryFn: () => getHousehold(existing.data?.householdId ?? ''),
    enabled: Boolean(existing.data?.householdId),
  });
  const fields = useMemo(() => (existing.data ? differing(existing.data, typed) : []), [existing.data, typed]);
  useEffect(() => setChoice({}), [existingId]);

  const merge = useMutation({
    mutationFn: (person: Person) => {
      const chosen: Record<string, unknown> = {};
      for (const f of fields) if ((choice[f] ?? 'take') === 'take') chosen[f] = typed[f];
      // A key person keeps needing a reason: taking "key person" takes its reason too.
      if (chosen.keyPerson === true && typed.keyPersonReason) chosen.keyPersonReason = typed.keyPersonReason;
      return mergePerson(person.id, { householdId, baseVersion: person.version, fields: chosen }, key);
    },
    onSuccess: (person) => {
      renew();
      void message.success(t('householdEdit.merge.merged', { name: person.name }));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onMerged();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'CONFLICT') {
        void message.warning(t('householdEdit.merge.stale'));
        void existing.refetch();
      }
    },
  });

  const p = existing.data;
  return (
    <Modal
      open={Boolean(existingId)}
      title={t('householdEdit.merge.title')}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel} data-testid="merge-cancel">{t('householdEdit.merge.backToForm')}</Button>,
        <Button key="merge" type="primary" disabled={!p} loading={merge.isPending} onClick={() => p && merge.mutate(p)} data-testid="merge-confirm">
          {t('householdEdit.merge.confirm')}
        </Button>,
      ]}
    >
      <div data-testid="merge-dialog">
        <Typography.Paragraph>{t('householdEdit.merge.intro')}</Typography.Paragraph>
        {existing.isPending ? <Spin style={{ display: 'block', margin: '16px auto' }} /> : null}
        {existing.isError ? <Alert type="error" showIcon title={errorText(existing.error)} /> : null}
        {merge.isError && !(isApiError(merge.error) && merge.error.code === 'CONFLICT') ? (
          <Alert type="error" showIcon title={errorText(merge.error)} style={{ marginBottom: 12 }} />
        ) : null}
        {p ? (
          <>
            <Descriptions size="small" column={1} bordered title={t('householdEdit.merge.existing')} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('householdEdit.fields.name')}>{p.name}</Descriptions.Item>
              <Descriptions.Item label={t('householdEdit.fields.idNumber')}><span className="gg-mono">{p.idNumber ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('householdEdit.fields.phone')}><span className="gg-mono">{p.phone ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('householdEdit.merge.address')}>
                <span data-testid="merge-existing-address">{home.data?.address ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('householdEdit.merge.region')}><RegionName id={p.regionId} /></Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('householdEdit.merge.samePerson')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('householdEdit.merge.samePersonHelp')}</Typography.Paragraph>
            {fields.length === 0 ? <Alert type="info" showIcon title={t('householdEdit.merge.noDiffer')} /> : null}
            {fields.map((f) => (
              <div key={f} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }} data-testid={`merge-field-${f}`}>
                <div style={{ fontWeight: 500, marginBottom: 4 }}>{fieldLabel(tr, f)}</div>
                <Radio.Group
                  value={choice[f] ?? 'take'}
                  onChange={(e) => setChoice((c) => ({ ...c, [f]: e.target.value as 'keep' | 'take' }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                >
                  <Radio value="keep">
                    {t('householdEdit.merge.keepExisting')}：<span className="gg-mono">{displayValue(tr, i18n.language, f, p[f])}</span>
                  </Radio>
                  <Radio value="take">
                    {t('householdEdit.merge.takeNew')}：
                    <span className="gg-mono">{f === 'phone' ? maskNumber(f, String(typed[f])) : displayValue(tr, i18n.language, f, typed[f])}</span>
                  </Radio>
                </Radio.Group>
              </div>
            ))}
          </>
        ) : null}
      </div>
    </Modal>
  );
}

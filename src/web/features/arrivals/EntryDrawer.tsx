// One arrival entry (numbers masked; in full once the verifier says why, audited with the
// purpose) and what a verifier does with it: verify (a person record is created in the grid),
// link to the person already registered with that ID number, or reject with a reason. Decisions need the network: offline, they are shown
// as unavailable rather than queued (a person record must not be made twice).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Popconfirm, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_REJECT_REASONS, type ArrivalEntry } from '../../../shared/arrivals.ts';
import { PERSON_CATEGORIES, looksMasked } from '../../../shared/households.ts';
import { isApiError } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { PurposeModal } from '../../lib/PurposeModal.tsx';
import { arrivalKeys, getEntry, linkEntry, listGrids, rejectEntry, verifyEntry } from './arrivals.api.ts';
import { DuplicateTag, EntryStatusTag } from './EntryList.tsx';

type Category = (typeof PERSON_CATEGORIES)[number];

/** Refusals a verifier meets, in their words; anything else in the shared wording. */
function useDecisionError() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (err: unknown): string => {
    if (isApiError(err)) {
      if (err.code === 'DUPLICATE') return t('arrivals.errors.duplicate');
      if (err.code === 'CONFLICT') return t('arrivals.errors.conflict');
      const path = err.details[0]?.path;
      if (err.code === 'UNPROCESSABLE' && (path === 'gridId' || path === 'householdId')) return t('arrivals.errors.gridId');
      if (err.code === 'UNPROCESSABLE' && path === 'personId') return t('arrivals.errors.personId');
    }
    return errorText(err);
  };
}

function useDecision<V>(doneText: string, run: (v: V, key: string) => Promise<ArrivalEntry>) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const describe = useDecisionError();
  const { key, renew } = useIdempotencyKey();
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: V) => run(v, key),
    onSuccess: (entry) => {
      renew();
      setProblem(null);
      void message.success(doneText);
      queryClient.setQueryData(arrivalKeys.detail(entry.id), (old: ArrivalEntry | undefined) => (old ? { ...old, ...entry, idNumber: old.idNumber, phone: old.phone } : entry));
      void queryClient.invalidateQueries({ queryKey: arrivalKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
    onError: (err) => setProblem(describe(err)),
  });
  return { mutation, problem };
}

function VerifyForm({ e }: { e: ArrivalEntry }) {
  const { t } = useTranslation();
  const atVillage = e.regionId === e.villageId;
  const grids = useQuery({ queryKey: arrivalKeys.grids(e.villageId), queryFn: () => listGrids(e.villageId), enabled: atVillage, staleTime: 5 * 60_000 });
  const { mutation, problem } = useDecision<{ gridId?: number; category: Category; note?: string }>(t('arrivals.verify.done'), (v, key) =>
    verifyEntry(e.id, { version: e.version, gridId: v.gridId, category: v.category, note: v.note?.trim() || undefined }, key),
  );
  return (
    <Form layout="vertical" initialValues={{ category: 'returnee' }} onFinish={(v) => mutation.mutate(v)} data-testid="arrival-verify-form">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="arrival-verify-error" /> : null}
      {atVillage ? (
        <Form.Item name="gridId" label={t('arrivals.verify.grid')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            placeholder={t('arrivals.verify.gridPlaceholder')}
            loading={grids.isPending}
            options={(grids.data?.items ?? []).filter((g) => g.level === 'grid' && g.active).map((g) => ({ value: g.id, label: g.name }))}
            data-testid="arrival-verify-grid"
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('arrivals.verify.grid')}>{e.regionName}</Form.Item>
      )}
      <Form.Item name="category" label={t('arrivals.verify.category')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`persons.categories.${c}`) }))} data-testid="arrival-verify-category" />
      </Form.Item>
      <Form.Item name="note" label={t('arrivals.verify.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending} data-testid="arrival-verify-submit">{t('arrivals.verify.submit')}</Button>
    </Form>
  );
}

function LinkBox({ e, personId }: { e: ArrivalEntry; personId: string }) {
  const { t } = useTranslation();
  const { mutation, problem } = useDecision<void>(t('arrivals.link.done'), (_v, key) => linkEntry(e.id, { version: e.version, personId }, key));
  return (
    <div data-testid="arrival-link">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('arrivals.link.text')}</Typography.Paragraph>
      <Button type="primary" block size="large" loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="arrival-link-submit">{t('arrivals.link.submit')}</Button>
    </div>
  );
}

function RejectForm({ e }: { e: ArrivalEntry }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: (typeof ARRIVAL_REJECT_REASONS)[number]; note?: string }>();
  const { mutation, problem } = useDecision<{ reason: (typeof ARRIVAL_REJECT_REASONS)[number]; note?: string }>(t('arrivals.reject.done'), (v, key) =>
    rejectEntry(e.id, { version: e.version, reason: v.reason, note: v.note?.trim() || undefined }, key),
  );
  const submit = () => void form.validateFields().then((v) => mutation.mutate(v)).catch(() => undefined);
  return (
    <Form form={form} layout="vertical" initialValues={{ reason: e.duplicate ? 'duplicate_entry' : undefined }} data-testid="arrival-reject-form">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="reason" label={t('arrivals.reject.reason')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={ARRIVAL_REJECT_REASONS.map((r) => ({ value: r, label: t(`arrivals.rejectReasons.${r}`) }))} data-testid="arrival-reject-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('arrivals.reject.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Popconfirm title={t('arrivals.reject.confirm')} onConfirm={submit} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Button danger block loading={mutation.isPending} data-testid="arrival-reject-submit">{t('arrivals.reject.submit')}</Button>
      </Popconfirm>
    </Form>
  );
}

function Details({ e }: { e: ArrivalEntry }) {
  const { t } = useTranslation();
  const dash = <span className="gg-muted">—</span>;
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 96 } }} data-testid="arrival-detail">
      <Descriptions.Item label={t('arrivals.fields.status')}><EntryStatusTag status={e.status} /> <DuplicateTag entry={e} /></Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.name')}><span style={{ overflowWrap: 'anywhere' }}>{e.name}</span></Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.idNumber')}><span className="gg-mono" data-testid="arrival-id-number">{e.idNumber}</span></Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.phone')}>
        {looksMasked(e.phone) ? <span className="gg-mono">{e.phone}</span> : <a className="gg-mono" href={`tel:${e.phone}`}>{e.phone}</a>}
      </Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.origin')}>{e.origin}</Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.arrivedOn')}>{e.arrivedOn}</Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.address')}><span style={{ overflowWrap: 'anywhere' }}>{e.address}</span></Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.region')}>{e.regionId === e.villageId ? `${e.regionName}（${t('arrivals.villageOnly')}）` : e.regionName}</Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.reference')}><span className="gg-mono">{e.reference}</span></Descriptions.Item>
      <Descriptions.Item label={t('arrivals.fields.createdAt')}>{formatDateTime(e.createdAt)}</Descriptions.Item>
      {e.status !== 'pending' ? (
        <>
          <Descriptions.Item label={t('arrivals.fields.decidedBy')}>{e.decidedBy ?? dash}</Descriptions.Item>
          <Descriptions.Item label={t('arrivals.fields.decidedAt')}>{formatDateTime(e.decidedAt)}</Descriptions.Item>
          {e.rejectReason ? <Descriptions.Item label={t('arrivals.fields.rejectReason')}>{t(`arrivals.rejectReasons.${e.rejectReason}`)}</Descriptions.Item> : null}
          {e.note ? <Descriptions.Item label={t('arrivals.fields.note')}><span style={{ overflowWrap: 'anywhere' }}>{e.note}</span></Descriptions.Item> : null}
        </>
      ) : null}
    </Descriptions>
  );
}

export function EntryDrawer({ id, onClose, online }: { id: string | null; onClose: () => void; online: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  // Read once per opening (each read is audited), not refetched on focus; the full numbers
  // replace it only after the verifier gives a purpose.
  const detail = useQuery({ queryKey: arrivalKeys.detail(id ?? ''), queryFn: () => getEntry(id ?? ''), enabled: Boolean(id), staleTime: Infinity, gcTime: 0, retry: false });
  const e = detail.data;
  const full = e ? !looksMasked(e.idNumber) : false;
  const section = (title: string) => <Typography.Title level={5} style={{ marginTop: 20 }}>{title}</Typography.Title>;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={mobile ? '100%' : 560} title={e ? e.name : t('arrivals.detailTitle')} destroyOnHidden data-testid="arrival-drawer">
      {detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : null}
      {!e ? (
        detail.isError ? null : <Skeleton active />
      ) : (
        <>
          {full ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('arrivals.fullNumbersNote')}</Typography.Paragraph>
          ) : (
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('arrivals.maskedNote')}</Typography.Text>
              <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="arrival-reveal">{t('reveal.submit')}</Button>
            </div>
          )}
          <Details e={e} />
          <PurposeModal
            open={asking}
            title={t('arrivals.revealTitle', { name: e.name })}
            onClose={() => setAsking(false)}
            reveal={(purpose) => getEntry(e.id, purpose)}
            onRevealed={(entry) => queryClient.setQueryData(arrivalKeys.detail(entry.id), entry)}
          />
          {e.status !== 'pending' ? null : !online ? (
            <Alert type="warning" showIcon title={t('arrivals.offline')} style={{ marginTop: 16 }} data-testid="arrival-offline" />
          ) : (
            <>
              {e.duplicate?.personId ? (
                <>
                  <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('arrivals.duplicateHere', { region: e.duplicate.regionName ?? '' })} />
                  {section(t('arrivals.link.title'))}
                  <LinkBox e={e} personId={e.duplicate.personId} />
                </>
              ) : e.duplicate ? (
                <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('arrivals.duplicateElsewhere')} />
              ) : (
                <>
                  {section(t('arrivals.verify.title'))}
                  <VerifyForm e={e} />
                </>
              )}
              {section(t('arrivals.reject.title'))}
              <RejectForm e={e} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

// One step on a tip, in a modal whose OK button sends it: the fields the step needs (a note, the
// new region, the outcome, the reply to the reporter, an amount, the tracking code the reporter
// shows, the tip to group with) and the version the page read. A 409 means someone else moved the
// tip first: the page says so and reads it again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TIP_REWARD_YUAN, TIP_LEVELS, type Tip, type TipAction, type TipActionKind, normaliseTrackingCode } from '../../../shared/tips.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { actOnTip, listTips, tipKeys } from './tips.api.ts';
import { useTipFormErrors } from './tips.errors.ts';
import { formatYuan } from './TipTags.tsx';

interface Values {
  note?: string;
  regionId?: number;
  substantiated?: boolean;
  actionTaken?: string;
  reply?: string;
  amount?: number;
  trackingCode?: string;
  reference?: string;
  groupWith?: string;
}
const FIELDS = ['note', 'regionId', 'substantiated', 'actionTaken', 'reply', 'amount', 'trackingCode', 'reference', 'groupWith'] as const;

const trimmed = (s: string | undefined) => (s ?? '').trim();
const optional = (s: string | undefined) => (trimmed(s) ? trimmed(s) : undefined);

function toAction(kind: TipActionKind, v: Values, version: number): TipAction {
  switch (kind) {
    case 'assess':
    case 'supervise':
    case 'reject_reward':
      return { action: kind, version, note: trimmed(v.note) };
    case 'route':
      return { action: 'route', version, regionId: v.regionId ?? 0, note: optional(v.note) };
    case 'handle':
      return { action: 'handle', version, substantiated: v.substantiated === true, actionTaken: trimmed(v.actionTaken) };
    case 'answer':
      return { action: 'answer', version, reply: trimmed(v.reply) };
    case 'evaluate':
    case 'approve_reward':
      return { action: kind, version, note: optional(v.note) };
    case 'propose_reward':
      return { action: 'propose_reward', version, amount: v.amount ?? 0, note: optional(v.note) };
    case 'pay_reward':
      return { action: 'pay_reward', version, trackingCode: normaliseTrackingCode(v.trackingCode ?? '') ?? trimmed(v.trackingCode), reference: trimmed(v.reference) };
    case 'group':
      return { action: 'group', version, groupWith: trimmed(v.groupWith) };
    case 'ungroup':
      return { action: 'ungroup', version };
  }
}

/** Open tips of the same category in my region, to group this one with (or an id typed in). */
function GroupWithSelect({ tip, value, onChange }: { tip: Tip; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const candidates = useQuery({
    queryKey: tipKeys.list({ open: 'true', category: tip.category, grouped: 'true' }),
    queryFn: () => listTips({ open: 'true', category: tip.category, grouped: 'true', limit: 50 }),
  });
  const others = (candidates.data?.items ?? []).filter((c) => c.id !== tip.id && (tip.groupId === null || c.groupId !== tip.groupId));
  const options = others.map((c) => ({
    value: c.id,
    searchText: `${c.id} ${c.description} ${c.regionName}`,
    label: (
      <span className="gg-ellipsis" style={{ display: 'block' }} title={c.description}>
        <span className="gg-muted">{formatDateTime(c.filedAt)} · {c.regionName} · </span>
        {c.description}
      </span>
    ),
  }));
  const id = typed.trim();
  if (id && !options.some((o) => o.value === id)) options.unshift({ value: id, searchText: id, label: <span>{t('tips.form.groupById', { id })}</span> });
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={candidates.isFetching}
      showSearch={{
        onSearch: setTyped,
        searchValue: typed,
        filterOption: (input, option) => String((option as { searchText?: string } | undefined)?.searchText ?? '').toLowerCase().includes(input.trim().toLowerCase()),
      }}
      placeholder={t('tips.form.groupWithPlaceholder')}
      notFoundContent={t('tips.form.noCandidates')}
      data-testid="tip-group-with"
    />
  );
}

export function TipActionModal({ tip, action, onClose }: { tip: Tip; action: TipActionKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useTipFormErrors();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!action) return;
    setProblem(null);
    form.resetFields();
    // The usual reply, to be edited: it says the outcome and nothing about anyone.
    if (action === 'answer') form.setFieldsValue({ reply: t(tip.substantiated ? 'tips.form.replyTemplateTrue' : 'tips.form.replyTemplateFalse') });
  }, [action, form, tip.substantiated, t]);

  const save = useMutation({
    mutationFn: (v: Values) => actOnTip(tip.id, toAction(action ?? 'ungroup', v, tip.version), key),
    onSuccess: () => {
      renew();
      void message.success(t(`tips.done.${action ?? 'ungroup'}`));
      void queryClient.invalidateQueries({ queryKey: tipKeys.all });
      onClose();
    },
    onError: (err) => {
      // A stale version: someone acted first. Other refusals (a wrong step) are explained in place.
      if (isApiError(err) && err.status === 409 && err.details.some((d) => d.path === 'version')) {
        renew();
        void message.warning(t('tips.conflict'));
        void queryClient.invalidateQueries({ queryKey: tipKeys.all });
        onClose();
        return;
      }
      setProblem(formErrors(form, err, FIELDS));
    },
  });

  const required = { required: true, message: t('validation.required') };
  const text = { ...required, whitespace: true };
  const noteRequired = action === 'assess' || action === 'supervise' || action === 'reject_reward';
  const noteLabel = action ? t(`tips.form.noteLabel.${action}`, { defaultValue: t('tips.form.note') }) : '';
  const danger = action === 'reject_reward' || action === 'ungroup';
  return (
    <Modal
      open={action !== null}
      onCancel={onClose}
      title={action ? t(`tips.actions.${action}`) : ''}
      okText={action ? t(`tips.actions.${action}`) : ''}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: save.isPending, 'data-testid': 'tip-action-ok' }}
      onOk={() => form.submit()}
      width={mobile ? 'calc(100vw - 24px)' : 520}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="tip-action-problem" /> : null}
      {action === 'answer' ? <Alert type="warning" showIcon title={t('tips.form.replyHint')} style={{ marginBottom: 12 }} data-testid="tip-reply-hint" /> : null}
      {action === 'pay_reward' && tip.reward ? <Alert type="info" showIcon title={t('tips.form.payHint', { amount: formatYuan(tip.reward.amount) })} style={{ marginBottom: 12 }} /> : null}
      {(action === 'approve_reward' || action === 'reject_reward') && tip.reward ? (
        <Alert type="info" showIcon title={t('tips.form.decideHint', { amount: formatYuan(tip.reward.amount), by: tip.reward.proposedBy ?? '—' })} style={{ marginBottom: 12 }} />
      ) : null}
      {action === 'ungroup' ? <Alert type="info" showIcon title={t('tips.form.ungroupHint', { count: tip.groupSize })} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="tip-action-form">
        {action === 'route' ? (
          <Form.Item name="regionId" label={t('tips.form.routeTo')} rules={[required]} extra={t('tips.form.routeHint', { region: tip.regionName })}>
            <RegionSelect level={TIP_LEVELS} exclude={[tip.regionId]} placeholder={t('tips.form.routePlaceholder')} data-testid="tip-route-region" />
          </Form.Item>
        ) : null}
        {action === 'handle' ? (
          <>
            <Form.Item name="substantiated" label={t('tips.form.substantiated')} rules={[required]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: true, label: t('tips.substantiatedYes') },
                  { value: false, label: t('tips.substantiatedNo') },
                ]}
                data-testid="tip-substantiated"
              />
            </Form.Item>
            <Form.Item name="actionTaken" label={t('tips.form.actionTaken')} rules={[text]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('tips.form.actionTakenPlaceholder')} data-testid="tip-action-taken" />
            </Form.Item>
          </>
        ) : null}
        {action === 'answer' ? (
          <Form.Item name="reply" label={t('tips.form.reply')} rules={[text]}>
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="tip-reply" />
          </Form.Item>
        ) : null}
        {action === 'propose_reward' ? (
          <Form.Item name="amount" label={t('tips.form.amount')} rules={[required]} extra={t('tips.form.amountHint', { max: MAX_TIP_REWARD_YUAN })}>
            <InputNumber min={0.01} max={MAX_TIP_REWARD_YUAN} precision={2} prefix="¥" inputMode="decimal" style={{ width: '100%' }} data-testid="tip-reward-amount" />
          </Form.Item>
        ) : null}
        {action === 'pay_reward' ? (
          <>
            <Form.Item
              name="trackingCode"
              label={t('tips.form.trackingCode')}
              extra={t('tips.form.trackingCodeHint')}
              rules={[
                text,
                { validator: async (_, v: string | undefined) => (!v?.trim() || normaliseTrackingCode(v) ? undefined : Promise.reject(new Error(t('tips.form.trackingCodeInvalid')))) },
              ]}
            >
              <Input maxLength={40} autoComplete="off" spellCheck={false} className="gg-mono" placeholder="XXXX-XXXX-XXXX-XXXX" data-testid="tip-pay-code" />
            </Form.Item>
            <Form.Item name="reference" label={t('tips.form.reference')} rules={[text]} extra={t('tips.form.referenceHint')}>
              <Input maxLength={100} autoComplete="off" data-testid="tip-pay-reference" />
            </Form.Item>
          </>
        ) : null}
        {action === 'group' ? (
          <Form.Item name="groupWith" label={t('tips.form.groupWith')} rules={[text]} extra={t('tips.form.groupHint')}>
            <GroupWithSelect tip={tip} />
          </Form.Item>
        ) : null}
        {action && action !== 'handle' && action !== 'answer' && action !== 'pay_reward' && action !== 'group' && action !== 'ungroup' ? (
          <Form.Item name="note" label={noteLabel} rules={noteRequired ? [text] : []}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={t(noteRequired ? 'tips.form.notePlaceholder' : 'tips.form.noteOptional')} data-testid="tip-action-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

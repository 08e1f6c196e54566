// 入户走访: the outcome, what was checked, who was confirmed living there and who has left.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Person, VISIT_CHECKS, VISIT_OUTCOMES } from '../../../shared/households.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { householdKeys, recordVisit } from './households.api.ts';

type Outcome = (typeof VISIT_OUTCOMES)[number];
type Check = (typeof VISIT_CHECKS)[number];
interface Values {
  outcome: Outcome;
  checked: Check[];
  presentCount?: number | null;
  note?: string;
}
type Mark = 'confirmed' | 'left' | null;
const FIELDS = ['outcome', 'checked', 'presentCount', 'note'] as const;

export function VisitDrawer({ householdId, people, open, onClose }: { householdId: string; people: Person[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setMarks({});
    form.resetFields();
    form.setFieldsValue({ outcome: 'verified', checked: [] });
  }, [open, form]);

  const idsMarked = (mark: Mark) => Object.entries(marks).filter(([, m]) => m === mark).map(([id]) => id);
  const save = useMutation({
    mutationFn: (v: Values) =>
      recordVisit(
        {
          householdId,
          outcome: v.outcome,
          checked: v.checked,
          presentCount: typeof v.presentCount === 'number' ? v.presentCount : undefined,
          confirmedPersonIds: idsMarked('confirmed'),
          leftPersonIds: idsMarked('left'),
          note: v.note?.trim() ? v.note.trim() : undefined,
        },
        key,
      ),
    onSuccess: () => {
      renew();
      void message.success(t('visits.recorded'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const toggle = (id: string, mark: 'confirmed' | 'left', on: boolean) => setMarks((m) => ({ ...m, [id]: on ? mark : null }));
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('visits.createTitle')} width={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="visit-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="outcome" label={t('visits.outcome')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group data-testid="visit-outcome" style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}>
            {VISIT_OUTCOMES.map((o) => <Radio.Button key={o} value={o}>{t(`visits.outcomes.${o}`)}</Radio.Button>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="checked" label={t('visits.checked')}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr 1fr' : '1fr 1fr 1fr', rowGap: 8 }} data-testid="visit-checks">
            {VISIT_CHECKS.map((c) => <Checkbox key={c} value={c}>{t(`visits.checks.${c}`)}</Checkbox>)}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label={t('visits.members')} extra={people.length ? t('visits.membersHelp') : undefined}>
          {people.length === 0 ? (
            <Typography.Text type="secondary">{t('persons.empty')}</Typography.Text>
          ) : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="visit-members">
              {people.map((p) => (
                <div key={p.id} style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'space-between' }}>
                  <span className="gg-ellipsis">{p.name}</span>
                  <span style={{ flex: 'none' }}>
                    <Checkbox checked={marks[p.id] === 'confirmed'} onChange={(e) => toggle(p.id, 'confirmed', e.target.checked)}>{t('visits.confirm')}</Checkbox>
                    <Checkbox checked={marks[p.id] === 'left'} onChange={(e) => toggle(p.id, 'left', e.target.checked)}>{t('visits.left')}</Checkbox>
                  </span>
                </div>
              ))}
            </div>
          )}
        </Form.Item>
        <Form.Item name="presentCount" label={t('visits.presentCount')}>
          <InputNumber min={0} max={200} precision={0} style={{ width: 160 }} data-testid="visit-present" />
        </Form.Item>
        <Form.Item name="note" label={t('visits.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="visit-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

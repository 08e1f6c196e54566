// 入户走访 on the phone: outcome, what was checked, each member confirmed living here or gone
// (来登去销), how many were home, a note. Used for a new visit and for 修改后重试.
import { Button, Checkbox, Form, Input, InputNumber, Radio, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Person, VISIT_CHECKS, VISIT_OUTCOMES } from '../../../shared/households.ts';
import type { VisitInput } from '../../offline/household-changes.ts';
import { InvalidChange } from '../../offline/household-changes.ts';
import { showIssues } from './field.forms.tsx';

type Outcome = (typeof VISIT_OUTCOMES)[number];
type Check = (typeof VISIT_CHECKS)[number];
interface Values {
  outcome: Outcome;
  checked: Check[];
  presentCount?: number | null;
  note?: string;
}
type Mark = 'confirmed' | 'left' | 'unknown';
const FIELDS = ['outcome', 'checked', 'presentCount', 'note'] as const;

export function VisitForm({ householdId, people, initial, submitText, onSubmit }: {
  householdId: string;
  people: Pick<Person, 'id' | 'name'>[];
  initial?: Partial<VisitInput>;
  submitText: string;
  onSubmit: (input: VisitInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [marks, setMarks] = useState<Record<string, Mark>>(() => {
    const m: Record<string, Mark> = {};
    for (const id of initial?.confirmedPersonIds ?? []) m[id] = 'confirmed';
    for (const id of initial?.leftPersonIds ?? []) m[id] = 'left';
    return m;
  });
  const marked = (mark: Mark) => Object.entries(marks).filter(([, m]) => m === mark).map(([id]) => id);

  const submit = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit({
        ...(initial?.visitedAt ? { visitedAt: initial.visitedAt } : {}),
        householdId,
        outcome: v.outcome,
        checked: v.checked ?? [],
        presentCount: typeof v.presentCount === 'number' ? v.presentCount : undefined,
        confirmedPersonIds: marked('confirmed'),
        leftPersonIds: marked('left'),
        note: v.note?.trim() ? v.note.trim() : undefined,
      });
    } catch (err) {
      if (err instanceof InvalidChange) {
        const rest = showIssues(form, err.issues, FIELDS);
        setProblem(rest.length ? rest.join('；') : null);
      } else setProblem(t('field.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="gg-field-form"
      initialValues={{ outcome: initial?.outcome ?? 'verified', checked: initial?.checked ?? [], presentCount: initial?.presentCount, note: initial?.note }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="outcome" label={t('field.outcome')} rules={[{ required: true, message: t('validation.required') }]}>
        <Radio.Group data-testid="field-visit-outcome" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {VISIT_OUTCOMES.map((o) => <Radio.Button key={o} value={o}>{t(`visits.outcomes.${o}`)}</Radio.Button>)}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="checked" label={t('field.checked')}>
        <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 10 }} data-testid="field-visit-checks">
          {VISIT_CHECKS.map((c) => <Checkbox key={c} value={c}>{t(`visits.checks.${c}`)}</Checkbox>)}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item label={t('field.membersState')} extra={people.length ? t('field.membersHelp') : undefined}>
        {people.length === 0 ? <Typography.Text type="secondary">{t('field.noMembers')}</Typography.Text> : null}
        <div data-testid="field-visit-members">
          {people.map((p) => (
            <div key={p.id} className="gg-field-member">
              <span className="gg-ellipsis">{p.name}</span>
              <Segmented<Mark>
                size="small"
                value={marks[p.id] ?? 'unknown'}
                onChange={(mark) => setMarks((m) => ({ ...m, [p.id]: mark }))}
                options={[
                  { value: 'confirmed', label: t('field.markConfirmed') },
                  { value: 'left', label: t('field.markLeft') },
                  { value: 'unknown', label: t('field.markUnknown') },
                ]}
                data-testid="field-visit-member-mark"
              />
            </div>
          ))}
        </div>
      </Form.Item>
      <Form.Item name="presentCount" label={t('field.presentCount')}>
        <InputNumber min={0} max={200} precision={0} inputMode="numeric" style={{ width: 140 }} data-testid="field-visit-present" />
      </Form.Item>
      <Form.Item name="note" label={t('field.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="field-visit-note" />
      </Form.Item>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
      <Button type="primary" htmlType="submit" block loading={saving} className="gg-field-submit" data-testid="field-visit-save">
        {submitText}
      </Button>
    </Form>
  );
}

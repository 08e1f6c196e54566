// The daily health check, made for a phone at the door: one big temperature field (one decimal,
// numeric keypad), symptom boxes, a note. A fever shows in red before saving, and the server's
// answer (alert: true) stays on screen after it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEVER_AT, SYMPTOMS, type Symptom, TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../../shared/quarantine.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { quarantineKeys, recordCheck } from './quarantine.api.ts';
import { useQuarantineFormErrors } from './quarantine.errors.ts';

interface Values {
  temperature: number;
  symptoms?: Symptom[];
  note?: string;
}
const FIELDS = ['temperature', 'symptoms', 'note'] as const;

export function CheckForm({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useQuarantineFormErrors();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ temperature: number; alert: boolean } | null>(null);
  const temperature = Form.useWatch('temperature', form);
  const fever = typeof temperature === 'number' && temperature >= FEVER_AT;

  const save = useMutation({
    mutationFn: (v: Values) => recordCheck(orderId, { temperature: v.temperature, symptoms: v.symptoms?.length ? v.symptoms : undefined, note: v.note?.trim() ? v.note.trim() : undefined }, key),
    onSuccess: (check) => {
      renew();
      setProblem(null);
      setResult({ temperature: check.temperature, alert: check.alert });
      form.resetFields();
      if (check.alert) void message.warning(t('quarantine.alertRaised', { temp: check.temperature.toFixed(1) }));
      else void message.success(t('quarantine.checkSaved'));
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="quarantine-check-form" onValuesChange={() => setResult(null)}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form.Item
        name="temperature"
        label={t('quarantine.temperature')}
        extra={t('quarantine.temperatureHint', { min: TEMPERATURE_MIN.toFixed(1), max: TEMPERATURE_MAX.toFixed(1) })}
        rules={[
          { required: true, message: t('validation.required') },
          // No min/max on the input: it would silently clamp a mistyped 33.5 to 34.0.
          { type: 'number', min: TEMPERATURE_MIN, max: TEMPERATURE_MAX, message: t('quarantine.server.temperature') },
        ]}
      >
        <InputNumber
          step={0.1}
          precision={1}
          inputMode="decimal"
          placeholder="36.5"
          size="large"
          status={fever ? 'error' : undefined}
          style={{ width: '100%', fontSize: 28 }}
          styles={{ input: { fontSize: 28, height: 56, fontWeight: 600, color: fever ? '#cf1322' : undefined } }}
          data-testid="quarantine-temperature"
        />
      </Form.Item>
      {fever ? <Alert type="error" showIcon title={t('quarantine.feverWarning', { at: FEVER_AT })} style={{ marginBottom: 16 }} data-testid="quarantine-fever-warning" /> : null}
      <Form.Item name="symptoms" label={t('quarantine.symptoms')}>
        <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: '8px 4px' }} data-testid="quarantine-symptoms">
          {SYMPTOMS.map((s) => (
            <Checkbox key={s} value={s} style={{ padding: '4px 0' }}>{t(`quarantine.symptomNames.${s}`)}</Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="note" label={t('quarantine.note')}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('quarantine.notePlaceholder')} data-testid="quarantine-check-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={save.isPending} danger={fever} data-testid="quarantine-check-save">{t('quarantine.saveCheck')}</Button>
      {/* Under the button just tapped: the answer is where the eyes are. */}
      {result ? (
        result.alert ? (
          <Alert type="error" showIcon title={t('quarantine.alertRaised', { temp: result.temperature.toFixed(1) })} style={{ marginTop: 12 }} data-testid="quarantine-check-alert" />
        ) : (
          <Alert type="success" showIcon title={t('quarantine.checkOk', { temp: result.temperature.toFixed(1) })} style={{ marginTop: 12 }} data-testid="quarantine-check-ok" />
        )
      ) : null}
    </Form>
  );
}

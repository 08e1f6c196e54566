// The county's rules as a list of small forms: kind, colour, the reason shown, the kind's own
// settings (areas as tags, days, categories), on/off. Saving replaces the rules and starts the
// recompute; the caller follows its progress. Read-only for everyone but the county HQ.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../shared/households.ts';
import { RISK_LIMITS, RULE_KINDS, type RiskRule, type RiskRuleInput, type RuleKind } from '../../../shared/risk.ts';
import { isApiError } from '../../lib/api.ts';
import { translateServerMessage, useErrorText } from '../../lib/errors.ts';

interface RuleValues {
  id?: string;
  kind: RuleKind;
  colour: 'yellow' | 'red';
  label: string;
  enabled: boolean;
  areas?: string[];
  withinDays?: number;
  categories?: PersonCategory[];
}

/** Only the fields of the rule's kind go to the server. */
export function toRuleInput(v: RuleValues): RiskRuleInput {
  const common = { ...(v.id ? { id: v.id } : {}), colour: v.colour, label: v.label ?? '', enabled: v.enabled ?? true };
  switch (v.kind) {
    case 'arrived_from_area':
      return { ...common, kind: v.kind, areas: v.areas ?? [], withinDays: v.withinDays ?? 14 };
    case 'fever':
      return { ...common, kind: v.kind, withinDays: v.withinDays ?? 7 };
    case 'category':
      return { ...common, kind: v.kind, categories: v.categories ?? [] };
    default:
      return { ...common, kind: v.kind };
  }
}

interface Props {
  rules: readonly RiskRule[];
  editable: boolean;
  saving: boolean;
  error: unknown;
  onSave: (rules: RiskRuleInput[]) => void;
  mobile: boolean;
}

export function RiskRulesEditor({ rules, editable, saving, error, onSave, mobile }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const [leftover, setLeftover] = useState<string | null>(null);

  // Reset the form only when the saved rules really change (a refetch of the same rules must not
  // throw away an edit in progress).
  const rulesJson = JSON.stringify(rules);
  useEffect(() => {
    form.setFieldsValue({ rules: (JSON.parse(rulesJson) as RiskRule[]).map((r) => ({ ...r }) as RuleValues) });
  }, [rulesJson, form]);

  // The server names each bad field as rules.<index>.<field>: put the message on that field.
  useEffect(() => {
    if (!error) return setLeftover(null);
    if (!isApiError(error) || error.details.length === 0) return setLeftover(errorText(error));
    const fields: { name: ['rules', number, keyof RuleValues]; errors: string[] }[] = [];
    const other: string[] = [];
    for (const d of error.details) {
      const [root, index, field] = d.path.split('.');
      if (root === 'rules' && index !== undefined && field) fields.push({ name: ['rules', Number(index), field as keyof RuleValues], errors: [translateServerMessage(d.message)] });
      else other.push(`${d.path}: ${translateServerMessage(d.message)}`);
    }
    form.setFields(fields);
    setLeftover(other.length ? t('risk.ruleErrors', { fields: other.join('；') }) : null);
  }, [error, form, errorText, t]);

  const kindOptions = RULE_KINDS.map((k) => ({ value: k, label: t(`risk.kinds.${k}`) }));
  const colourOptions = (['yellow', 'red'] as const).map((c) => ({ value: c, label: t(`risk.colours.${c}`) }));

  return (
    <Card title={t('risk.rules')} styles={{ body: { padding: mobile ? 12 : 24 } }} style={{ marginBottom: 16 }}>
      <Alert type="info" showIcon title={editable ? t('risk.rulesHint') : t('risk.readOnly')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={!editable || saving} onFinish={(v) => onSave((v.rules ?? []).map(toRuleInput))} data-testid="risk-rules-form">
        <Form.List name="rules">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <div key={item.key} data-testid="risk-rule">
                <Card size="small" style={{ marginBottom: 12 }}>
                  <Form.Item name={[item.name, 'id']} hidden><Input /></Form.Item>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
                    <Form.Item name={[item.name, 'enabled']} label={t('risk.enabled')} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Switch data-testid="risk-rule-enabled" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'kind']} label={t('risk.kind')} rules={[{ required: true }]} style={{ flex: '1 1 160px', marginBottom: 8 }}>
                      <Select options={kindOptions} data-testid="risk-rule-kind" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'colour']} label={t('risk.colour')} rules={[{ required: true }]} style={{ flex: '0 1 110px', marginBottom: 8 }}>
                      <Select options={colourOptions} data-testid="risk-rule-colour" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'label']} label={t('risk.label')} rules={[{ required: true, max: RISK_LIMITS.labelLength }]} style={{ flex: '2 1 200px', marginBottom: 8 }}>
                      <Input placeholder={t('risk.labelPlaceholder')} maxLength={RISK_LIMITS.labelLength} data-testid="risk-rule-label" />
                    </Form.Item>
                    {editable ? (
                      <Button icon={<DeleteOutlined />} danger type="text" onClick={() => remove(item.name)} style={{ marginTop: mobile ? 0 : 30 }} aria-label={t('risk.removeRule')}>
                        {mobile ? t('risk.removeRule') : null}
                      </Button>
                    ) : null}
                  </div>
                  <Form.Item noStyle shouldUpdate={(a, b) => a.rules?.[item.name]?.kind !== b.rules?.[item.name]?.kind}>
                    {() => {
                      const kind = form.getFieldValue(['rules', item.name, 'kind']) as RuleKind | undefined;
                      return (
                        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                          {kind === 'arrived_from_area' ? (
                            <Form.Item name={[item.name, 'areas']} label={t('risk.areas')} style={{ flex: '3 1 240px', marginBottom: 0 }}>
                              <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} placeholder={t('risk.areasPlaceholder')} open={false} suffixIcon={null} data-testid="risk-rule-areas" />
                            </Form.Item>
                          ) : null}
                          {kind === 'arrived_from_area' || kind === 'fever' ? (
                            <Form.Item name={[item.name, 'withinDays']} label={t('risk.withinDays')} style={{ flex: '0 1 140px', marginBottom: 0 }}>
                              <InputNumber min={RISK_LIMITS.withinDaysMin} max={RISK_LIMITS.withinDaysMax} precision={0} suffix={t('risk.withinDaysSuffix')} style={{ width: '100%' }} data-testid="risk-rule-days" />
                            </Form.Item>
                          ) : null}
                          {kind === 'category' ? (
                            <Form.Item name={[item.name, 'categories']} label={t('risk.categories')} style={{ flex: '3 1 240px', marginBottom: 0 }}>
                              <Select mode="multiple" options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`persons.categories.${c}`) }))} data-testid="risk-rule-categories" />
                            </Form.Item>
                          ) : null}
                        </div>
                      );
                    }}
                  </Form.Item>
                </Card>
                </div>
              ))}
              {leftover ? <Alert type="error" showIcon title={leftover} style={{ marginBottom: 12 }} /> : null}
              {editable ? (
                <Space wrap>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={items.length >= RISK_LIMITS.rules || saving}
                    onClick={() => add({ kind: 'arrived_from_area', colour: 'yellow', label: '', enabled: true, areas: [], withinDays: 14 } satisfies RuleValues)}
                    data-testid="risk-rule-add"
                  >
                    {t('risk.addRule')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="risk-rules-save">{t('risk.save')}</Button>
                </Space>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

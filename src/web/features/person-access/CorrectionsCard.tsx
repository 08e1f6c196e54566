// 更正请求 on the person's drawer: what the person asked to correct, who recorded it, and the
// outcome (corrected, or refused with the answer they are told); registrars record and decide.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CORRECTION_TEXT_MAX, type Correction } from '../../../shared/person-access.ts';
import { useErrorText } from '../../lib/errors.ts';
import { correctionKeys, createCorrection, decideCorrection, listCorrections } from './person-access.api.ts';

const STATUS_COLOR = { pending: 'gold', corrected: 'green', refused: 'red' } as const;

export function CorrectionsCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ fields?: string; asked: string }>();
  const query = useQuery({ queryKey: correctionKeys.person(personId), queryFn: () => listCorrections(personId) });
  const refresh = () => client.invalidateQueries({ queryKey: correctionKeys.person(personId) });
  const create = useMutation({
    mutationFn: (v: { fields?: string; asked: string }) => createCorrection(personId, { fields: (v.fields ?? '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean), asked: v.asked.trim() }),
    onSuccess: () => {
      form.resetFields();
      setAdding(false);
      void refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });

  return (
    <Card size="small" title={t('personAccess.corrections.title')} extra={<Button size="small" onClick={() => setAdding((a) => !a)} data-testid="correction-add">{t('personAccess.corrections.add')}</Button>} data-testid="corrections-card">
      {adding ? (
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="fields" label={t('personAccess.corrections.fields')}>
            <Input maxLength={200} placeholder={t('personAccess.corrections.fieldsPlaceholder')} />
          </Form.Item>
          <Form.Item name="asked" label={t('personAccess.corrections.asked')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea maxLength={CORRECTION_TEXT_MAX} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="correction-asked" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="correction-save">{t('personAccess.corrections.save')}</Button>
        </Form>
      ) : null}
      {query.data && query.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('personAccess.corrections.empty')} />
      ) : (
        <List size="small" loading={query.isLoading} dataSource={query.data?.items ?? []} renderItem={(c) => <CorrectionItem personId={personId} c={c} onDone={refresh} />} />
      )}
    </Card>
  );
}

function CorrectionItem({ personId, c, onDone }: { personId: string; c: Correction; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [answer, setAnswer] = useState('');
  const decide = useMutation({
    mutationFn: (outcome: 'corrected' | 'refused') => decideCorrection(personId, c.id, { outcome, answer: answer.trim() || undefined, version: c.version }),
    onSuccess: onDone,
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <List.Item data-testid="correction-item">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={STATUS_COLOR[c.status]}>{t(`personAccess.corrections.statuses.${c.status}`)}</Tag>
          {c.fields.map((f) => <Tag key={f}>{f}</Tag>)}
          <Typography.Text type="secondary">{new Date(c.createdAt).toLocaleString()} · {t('personAccess.corrections.by', { name: c.createdBy ?? '—' })}</Typography.Text>
        </Space>
        <Typography.Text>{c.asked}</Typography.Text>
        {c.answer ? <Typography.Text type="secondary">{c.answer}</Typography.Text> : null}
        {c.decidedBy ? <Typography.Text type="secondary">{t('personAccess.corrections.decidedBy', { name: c.decidedBy })}</Typography.Text> : null}
        {c.status === 'pending' ? (
          <Space wrap style={{ width: '100%' }}>
            <Input size="small" value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={CORRECTION_TEXT_MAX} placeholder={t('personAccess.corrections.answer')} style={{ minWidth: 200 }} />
            <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate('corrected')}>{t('personAccess.corrections.corrected')}</Button>
            <Button size="small" danger disabled={!answer.trim()} loading={decide.isPending} onClick={() => decide.mutate('refused')}>{t('personAccess.corrections.refuse')}</Button>
          </Space>
        ) : null}
      </Space>
    </List.Item>
  );
}

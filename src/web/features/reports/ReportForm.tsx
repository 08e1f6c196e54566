// The report's figures, each pre-filled from the records with "系统统计: N" beside it; 零报告
// zeroes and locks them; a note; submit files the report or corrects the one already filed.
// With no signal at submit time the report goes into the phone's outbox (the phone app's queue)
// and is sent when the network is back: the same grid and day again is a correction, so a resend
// can never file twice.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Switch } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FIGURES, type ReportFigure } from '../../../shared/reports.ts';
import { NETWORK_ERROR, isApiError } from '../../lib/api.ts';
import { enqueue } from '../../../client/offline/outbox.ts';
import { runnerFor } from '../../../client/offline/runners.ts';
import { useMe } from '../../app/auth.tsx';
import { translateServerMessage, useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { fileReport, type ReportPrefill, reportKeys } from './reports.api.ts';

interface Values {
  figures: Partial<Record<ReportFigure, number | null>>;
  zero: boolean;
  note?: string;
}

interface Props {
  gridId: number;
  /** For the outbox's list: the grid and day, nothing personal. */
  gridName?: string;
  date: string;
  prefill: ReportPrefill;
}

export const REPORT_KIND = 'dailyReport';

const startValues = (prefill: ReportPrefill): Values => {
  const report = prefill.report;
  const source = report ? report.figures : prefill.figures;
  return {
    figures: Object.fromEntries(REPORT_FIGURES.map((f) => [f, source[f] ?? 0])),
    zero: report?.zero ?? false,
    note: report?.note ?? '',
  };
};

export function ReportForm({ gridId, gridName, date, prefill }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const zero = Form.useWatch('zero', form) ?? false;
  const typed = Form.useWatch('figures', form);
  // The figures as they were before 零报告 was switched on, to put back when it is switched off.
  const beforeZero = useRef<Values['figures'] | null>(null);
  const report = prefill.report;
  const runner = runnerFor(useMe());
  const [queued, setQueued] = useState(false);

  useEffect(() => {
    setProblem(null);
    beforeZero.current = null;
    form.resetFields();
    form.setFieldsValue(startValues(prefill));
    // Only a new grid, day or server version resets what the user typed.
  }, [form, gridId, date, report?.version, report?.status]);

  const toggleZero = (on: boolean) => {
    if (on) {
      beforeZero.current = form.getFieldValue('figures') as Values['figures'];
      form.setFieldsValue({ figures: Object.fromEntries(REPORT_FIGURES.map((f) => [f, 0])) });
      form.setFields(REPORT_FIGURES.map((f) => ({ name: ['figures', f], errors: [] })));
    } else {
      form.setFieldsValue({ figures: beforeZero.current ?? startValues({ ...prefill, report: null }).figures });
    }
  };

  const bodyOf = (v: Values) => {
    const figures = Object.fromEntries(REPORT_FIGURES.map((f) => [f, v.zero ? 0 : (v.figures[f] ?? 0)]));
    const note = v.note?.trim();
    return { regionId: gridId, date, figures, zero: v.zero, note: note ? note : undefined };
  };
  const save = useMutation({
    // Tried even when the browser says it is offline: the failure is what puts it in the outbox
    // (a paused mutation would wait silently instead).
    networkMode: 'always',
    mutationFn: (v: Values) => fileReport(bodyOf(v), key),
    onSuccess: (saved) => {
      renew();
      setProblem(null);
      setQueued(false);
      void message.success(t(!report ? 'reports.file.filed' : report.status === 'returned' ? 'reports.file.refiled' : 'reports.file.corrected'));
      queryClient.setQueryData(reportKeys.prefill(gridId, date), { ...prefill, report: saved });
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (err, v) => {
      if (isApiError(err) && err.code === NETWORK_ERROR) {
        // One bar of signal: keep it on the phone and send it when the network is back.
        void enqueue(runner.db, { method: 'POST', path: '/daily-reports', body: bodyOf(v), kind: REPORT_KIND, summary: `${gridName ?? gridId} ${date}` }).then(() => {
          renew();
          setProblem(null);
          setQueued(true);
          void message.info(t('reports.file.queued'));
          void runner.run(true);
        });
        return;
      }
      // "figures.newArrivals" goes onto that figure's box; anything else into the alert.
      if (!isApiError(err) || err.details.length === 0) return setProblem(errorText(err));
      const leftover: string[] = [];
      const fields: Parameters<typeof form.setFields>[0] = [];
      for (const d of err.details) {
        const [head, sub] = d.path.split('.');
        const text = t(`reports.serverMessages.${d.message}`, { defaultValue: translateServerMessage(d.message) });
        const figure = REPORT_FIGURES.find((f) => f === sub);
        if (head === 'figures' && figure) fields.push({ name: ['figures', figure], errors: [text] });
        else if (head === 'note' || head === 'zero') fields.push({ name: [head], errors: [text] });
        else leftover.push(`${d.path}: ${text}`);
      }
      form.setFields(fields);
      setProblem(leftover.length ? `${errorText(err)}\n${leftover.join('\n')}` : null);
    },
  });

  const submitLabel = !report ? t('reports.file.submit') : report.status === 'returned' ? t('reports.file.refile') : t('reports.file.submitCorrection');
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false} data-testid="report-form">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16, whiteSpace: 'pre-line' }} data-testid="report-problem" /> : null}
      {queued ? <Alert type="warning" showIcon title={t('reports.file.queuedTitle')} description={t('reports.file.queuedHelp')} style={{ marginBottom: 16 }} data-testid="report-queued" /> : null}
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 12,
          padding: '10px 12px',
          marginBottom: 16,
          background: zero ? '#f6ffed' : '#fafafa',
          border: `1px solid ${zero ? '#b7eb8f' : '#f0f0f0'}`,
          borderRadius: 8,
        }}
      >
        <div style={{ minWidth: 0 }}>
          <strong>{t('reports.zero')}</strong>
          <div className="gg-muted" style={{ fontSize: 12 }}>{t('reports.file.zeroHelp')}</div>
        </div>
        <Form.Item name="zero" valuePropName="checked" noStyle>
          <Switch onChange={toggleZero} data-testid="report-zero" aria-label={t('reports.zero')} />
        </Form.Item>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr) minmax(0, 1fr)' : 'repeat(3, minmax(0, 1fr))', columnGap: 12 }}>
        {REPORT_FIGURES.map((f) => (
          <Form.Item
            key={f}
            name={['figures', f]}
            label={t(`reports.figures.${f}`)}
            extra={
              // A figure that differs from the records is fine (the worker knows better) but worth a second look.
              <span data-testid={`report-system-${f}`} style={!zero && typeof typed?.[f] === 'number' && typed[f] !== (prefill.figures[f] ?? 0) ? { color: '#d46b08' } : undefined}>
                {t('reports.file.systemCount', { count: prefill.figures[f] ?? 0 })}
              </span>
            }
            rules={[{ required: !zero, message: t('validation.required') }]}
          >
            <InputNumber
              min={0}
              max={1_000_000}
              precision={0}
              inputMode="numeric"
              disabled={zero}
              style={{ width: '100%' }}
              data-testid={`report-figure-${f}`}
            />
          </Form.Item>
        ))}
      </div>
      <Form.Item name="note" label={t('reports.note')}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('reports.file.notePlaceholder')} data-testid="report-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block={mobile} size="large" loading={save.isPending} data-testid="report-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}

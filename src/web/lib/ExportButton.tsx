// 导出 Excel on every list: downloads `<list>/export.xlsx` with the list's current filters. The
// file is read with fetch and a stream reader, so a small modal can show what is happening: the
// rows to expect (the list's total, from X-Total-Rows), the bytes received and the time taken.
// The workbook is compressed as it streams, so bytes cannot be turned into rows honestly before
// the end: the bar runs until the file is complete. Roles that may see full numbers get a second
// choice on lists that have them, which asks for a purpose first (audited by the server).
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Modal, Progress, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRARS } from '../../shared/accounts.ts';
import { useMe } from '../app/auth.tsx';
import { API_BASE, type Query, errorOf, withQuery } from './api.ts';
import { useErrorText } from './errors.ts';
import { PurposeModal } from './PurposeModal.tsx';

interface Props {
  /** The list's path under /api/v1, e.g. /households; the file is `${list}/export.xlsx`. */
  list: string;
  /** The list's current filters, exactly as the list is asked for them. */
  filters?: { readonly [K in string]?: Query[string] } | object;
  /** The list has masked ID or phone numbers a registering role may export in full. */
  revealable?: boolean;
  /** A whole file rather than a list export (e.g. /exports/summary.xlsx). */
  file?: string;
  label?: string;
  testId?: string;
}

interface Run {
  bytes: number;
  expected: number | null;
  capped: boolean;
  started: number;
  now: number;
  done: string | null;
}

export function ExportButton({ list, filters, revealable = false, file, label, testId = 'export-excel' }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const [run, setRun] = useState<Run | null>(null);
  const [asking, setAsking] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const mayReveal = revealable && REGISTRARS.includes(me.user.role);

  async function download(reveal?: { purpose: string }) {
    const controller = new AbortController();
    abort.current = controller;
    const started = Date.now();
    setRun({ bytes: 0, expected: null, capped: false, started, now: started, done: null });
    try {
      const query: Query = { ...(filters as Query), ...(reveal ? { reveal: 'true', purpose: reveal.purpose } : {}) };
      const response = await fetch(API_BASE + withQuery(file ?? `${list}/export.xlsx`, query), { credentials: 'same-origin', signal: controller.signal });
      if (!response.ok || !response.body) throw await errorOf(response);
      const expected = response.headers.get('x-total-rows');
      const capped = response.headers.get('x-total-capped') === 'true';
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        setRun({ bytes, expected: expected === null ? null : Number(expected), capped, started, now: Date.now(), done: null });
      }
      const name = fileNameOf(response.headers.get('content-disposition'));
      saveFile(new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? undefined }), name);
      setRun({ bytes, expected: expected === null ? null : Number(expected), capped, started, now: Date.now(), done: name });
      message.success(t('exports.done', { name }));
    } catch (err) {
      setRun(null);
      if (err instanceof DOMException && err.name === 'AbortError') message.info(t('exports.cancelled'));
      else message.error(errorText(err));
    } finally {
      abort.current = null;
    }
  }

  const text = label ?? t('exports.button');
  const trigger = mayReveal ? (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'masked', label: t('exports.masked'), onClick: () => void download() },
          { key: 'revealed', label: t('exports.revealed'), onClick: () => setAsking(true) },
        ],
      }}
    >
      <Button icon={<FileExcelOutlined />} loading={run !== null && !run.done} data-testid={testId}>
        <Space size={4}>{text}<DownOutlined /></Space>
      </Button>
    </Dropdown>
  ) : (
    <Button icon={<FileExcelOutlined />} loading={run !== null && !run.done} onClick={() => void download()} data-testid={testId}>
      {text}
    </Button>
  );

  const seconds = run ? Math.max(0, Math.round((run.now - run.started) / 1000)) : 0;
  return (
    <>
      {trigger}
      <PurposeModal<string>
        open={asking}
        title={t('exports.revealTitle')}
        onClose={() => setAsking(false)}
        reveal={async (purpose) => purpose}
        onRevealed={(purpose) => void download({ purpose })}
      />
      <Modal
        open={run !== null}
        title={t('exports.progressTitle')}
        onCancel={() => (run?.done ? setRun(null) : abort.current?.abort())}
        footer={
          run?.done ? (
            <Button type="primary" onClick={() => setRun(null)} data-testid="export-close">{t('common.close')}</Button>
          ) : (
            <Button onClick={() => abort.current?.abort()} data-testid="export-cancel">{t('exports.cancel')}</Button>
          )
        }
        width={420}
        destroyOnHidden
      >
        {run ? (
          <div data-testid="export-progress">
            <Progress percent={100} status={run.done ? 'success' : 'active'} showInfo={Boolean(run.done)} />
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              {run.expected !== null ? (
                <Typography.Text strong data-testid="export-expected">
                  {run.capped
                    ? t('exports.expectedCapped', { bound: t('lists.bound', { wan: run.expected / 10_000 }) })
                    : t('exports.expected', { n: run.expected.toLocaleString(i18n.language) })}
                </Typography.Text>
              ) : null}
              <Typography.Text data-testid="export-received">
                {t('exports.received', { size: sizeText(run.bytes, i18n.language) })} · {t('exports.elapsed', { s: seconds })}
              </Typography.Text>
              {run.done ? (
                <Typography.Text type="success">{t('exports.done', { name: run.done })}</Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('exports.howItWorks')}</Typography.Text>
              )}
            </Space>
          </div>
        ) : null}
      </Modal>
    </>
  );
}

const sizeText = (bytes: number, lang: string) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toLocaleString(lang, { maximumFractionDigits: 0 })} KB` : `${(bytes / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`;

/** The server's file name (filename*=UTF-8''…, the Chinese one), else a plain one. */
function fileNameOf(disposition: string | null): string {
  const star = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] : undefined;
  if (star) return decodeURIComponent(star);
  return (disposition ? /filename="([^"]+)"/i.exec(disposition)?.[1] : undefined) ?? 'export.xlsx';
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Signing a pending form: the signer's name, a signature drawn on the pad, or instead a scan of
// the signed paper form. One Idempotency-Key per signing, so a double tap signs once. (The phone
// app at /field queues a drawn signature in its outbox instead, for the door with no signal.)
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Divider, Input, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Form, MAX_SCAN_BYTES } from '../../../shared/forms.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { formKeys, signDrawn, uploadScan } from './forms.api.ts';
import { subjectOf } from './formView.tsx';
import { type SignaturePadHandle, SignaturePadField } from './SignaturePadField.tsx';

export function SignCard({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const pad = useRef<SignaturePadHandle>(null);
  const [signer, setSigner] = useState(subjectOf(form) === '—' ? '' : subjectOf(form));
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  const done = (signed: Form) => {
    renew();
    setProblem(null);
    void message.success(t('forms.signedOk'));
    queryClient.setQueryData(formKeys.detail(form.id), signed);
    void queryClient.invalidateQueries({ queryKey: formKeys.all });
  };
  const drawn = useMutation({
    mutationFn: (dataUrl: string) => signDrawn(form.id, dataUrl, signer.trim() || undefined, key),
    onSuccess: done,
    onError: (err) => setProblem(errorText(err)),
  });
  const scan = useMutation({
    mutationFn: (file: File) => uploadScan(form.id, file, signer.trim() || undefined, key),
    onSuccess: done,
    onError: (err) => setProblem(errorText(err)),
  });

  const confirm = () => {
    const png = pad.current?.toPng();
    if (!png) {
      setProblem(t('forms.signEmpty'));
      return;
    }
    drawn.mutate(png);
  };
  const busy = drawn.isPending || scan.isPending;

  return (
    <Card title={t('forms.sign')} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="form-sign">
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <div style={{ marginBottom: 8 }}>{t('forms.signer')}</div>
      <Input value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={60} style={{ marginBottom: 12 }} data-testid="signature-signer" />
      <SignaturePadField ref={pad} disabled={busy} />
      <Button type="primary" block onClick={confirm} loading={drawn.isPending} disabled={scan.isPending} style={{ marginTop: 12 }} data-testid="signature-confirm">
        {t('forms.confirmSign')}
      </Button>
      <Divider plain style={{ fontSize: 13 }}>{t('forms.orScan')}</Divider>
      <Upload
        accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"
        maxCount={1}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          if (file.size > MAX_SCAN_BYTES) {
            setProblem(t('forms.scanTooLarge'));
            return Upload.LIST_IGNORE;
          }
          scan.mutate(file);
          return false; // sent by our own client (CSRF token, Idempotency-Key), not antd's
        }}
      >
        <Button icon={<UploadOutlined />} loading={scan.isPending} block={mobile} data-testid="scan-upload">{t('forms.scan')}</Button>
      </Upload>
      <div className="gg-muted" style={{ fontSize: 12, marginTop: 6 }}>{t('forms.scanHint')}</div>
    </Card>
  );
}

// A signature drawn with a finger or a mouse: the canvas and its controls (the drawing itself is
// src/client/signature-pad.ts, shared with the phone app).
import { Button, Space } from 'antd';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_HEIGHT, useSignaturePad } from '../../../client/signature-pad.ts';

export interface SignaturePadHandle {
  /** The signature as a PNG data URL, or null when nothing is drawn. */
  toPng(): string | null;
  clear(): void;
}

export const SignaturePadField = forwardRef<SignaturePadHandle, { disabled?: boolean }>(function SignaturePadField({ disabled = false }, ref) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pad = useSignaturePad(canvasRef, disabled);
  useImperativeHandle(ref, () => ({ toPng: pad.toPng, clear: pad.clear }));

  return (
    <div>
      <div style={{ position: 'relative', border: '1px dashed #8c8c8c', borderRadius: 6, background: '#fafafa', overflow: 'hidden' }}>
        <canvas
          ref={canvasRef}
          style={{ display: 'block', width: '100%', height: SIGNATURE_HEIGHT, touchAction: 'none', cursor: 'crosshair' }}
          aria-label={t('forms.signHint')}
          data-testid="signature-pad"
        />
        {pad.empty ? (
          <div className="gg-muted" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', pointerEvents: 'none', fontSize: 13 }}>
            {t('forms.signHint')}
          </div>
        ) : null}
        <div style={{ position: 'absolute', left: 16, right: 16, bottom: 36, borderBottom: '1px solid #d9d9d9', pointerEvents: 'none' }} />
      </div>
      <Space style={{ marginTop: 8 }}>
        <Button onClick={pad.clear} disabled={disabled || pad.empty} data-testid="signature-clear">{t('forms.clear')}</Button>
      </Space>
    </div>
  );
});

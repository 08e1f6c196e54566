// A signature drawn with a finger or a mouse (signature_pad on a canvas). The canvas follows its
// box's width (a 360-px phone included) and the screen's pixel ratio; a resize clears it, as
// signature_pad requires, so a half-drawn signature is never stretched.
import { Button, Space } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

export interface SignaturePadHandle {
  /** The signature as a PNG data URL, or null when nothing is drawn. */
  toPng(): string | null;
  clear(): void;
}

const HEIGHT = 180;

export const SignaturePadField = forwardRef<SignaturePadHandle, { disabled?: boolean }>(function SignaturePadField({ disabled = false }, ref) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#111', minWidth: 0.8, maxWidth: 2.6 });
    padRef.current = pad;
    const onEnd = () => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    const fit = () => {
      // At most 2× pixels: a sharper canvas only makes the PNG bigger.
      const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2);
      const width = canvas.offsetWidth;
      if (!width || canvas.width === Math.round(width * ratio)) return;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(HEIGHT * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      setEmpty(true);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (disabled) pad.off();
    else pad.on();
  }, [disabled]);

  const clear = () => {
    padRef.current?.clear();
    setEmpty(true);
  };
  useImperativeHandle(ref, () => ({
    toPng: () => (padRef.current && !padRef.current.isEmpty() ? padRef.current.toDataURL('image/png') : null),
    clear,
  }));

  return (
    <div>
      <div style={{ position: 'relative', border: '1px dashed #8c8c8c', borderRadius: 6, background: '#fafafa', overflow: 'hidden' }}>
        <canvas
          ref={canvasRef}
          style={{ display: 'block', width: '100%', height: HEIGHT, touchAction: 'none', cursor: 'crosshair' }}
          aria-label={t('forms.signHint')}
          data-testid="signature-pad"
        />
        {empty ? (
          <div className="gg-muted" style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', pointerEvents: 'none', fontSize: 13 }}>
            {t('forms.signHint')}
          </div>
        ) : null}
        <div style={{ position: 'absolute', left: 16, right: 16, bottom: 36, borderBottom: '1px solid #d9d9d9', pointerEvents: 'none' }} />
      </div>
      <Space style={{ marginTop: 8 }}>
        <Button onClick={clear} disabled={disabled || empty} data-testid="signature-clear">{t('forms.clear')}</Button>
      </Space>
    </div>
  );
});

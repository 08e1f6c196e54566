// A signature drawn with a finger or a mouse (signature_pad on a canvas), for both apps' signing
// boxes. The canvas follows its box's width (a 320-px phone included) and the screen's pixel ratio,
// at most 2× (a sharper canvas only makes the PNG bigger); a resize clears it, as signature_pad
// requires, so a half-drawn signature is never stretched.
import { type RefObject, useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';

export const SIGNATURE_HEIGHT = 180;

export interface SignaturePadControl {
  empty: boolean;
  /** The signature as a PNG data URL, or null when nothing is drawn. */
  toPng: () => string | null;
  clear: () => void;
}

export function useSignaturePad(canvasRef: RefObject<HTMLCanvasElement | null>, disabled: boolean): SignaturePadControl {
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
      const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2);
      const width = canvas.offsetWidth;
      if (!width || canvas.width === Math.round(width * ratio)) return;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(SIGNATURE_HEIGHT * ratio);
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
  }, [canvasRef]);

  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (disabled) pad.off();
    else pad.on();
  }, [disabled]);

  return {
    empty,
    toPng: () => (padRef.current && !padRef.current.isEmpty() ? padRef.current.toDataURL('image/png') : null),
    clear: () => {
      padRef.current?.clear();
      setEmpty(true);
    },
  };
}

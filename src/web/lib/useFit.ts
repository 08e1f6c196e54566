// "Does the full form fit?": a box tries its full content first and falls back to a shorter one
// (a number in 万, a short label) when the content is wider than the box. Tried again whenever the
// box's width changes, so a wider window brings the full form back.
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

export function useFit<T extends HTMLElement>(deps: readonly unknown[] = []): [RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [fits, setFits] = useState(true);
  const [, remeasure] = useState(0);
  const width = useRef(0);

  // Measured before paint: a box that does not fit is never shown cut.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && fits && el.scrollWidth > el.clientWidth + 1) setFits(false);
  });
  // New content: try the full form again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's content
  useLayoutEffect(() => setFits(true), deps);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    width.current = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (Math.abs(el.clientWidth - width.current) < 1) return;
      width.current = el.clientWidth;
      setFits(true);
    });
    observer.observe(el);
    // A web font arriving after the first measure changes the text's width, not the box's: try
    // the full form again and measure (a render even when `fits` was already true).
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    const again = () => {
      setFits(true);
      remeasure((n) => n + 1);
    };
    fonts?.addEventListener?.('loadingdone', again);
    void fonts?.ready.then(again);
    return () => {
      observer.disconnect();
      fonts?.removeEventListener?.('loadingdone', again);
    };
  }, []);
  return [ref, fits];
}

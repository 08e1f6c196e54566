// The moment the first screen shows the phone's copy. On a cheap phone everything competes for
// one slow core: the sync loop's first run (a render of the status strip, /auth/me, a pull of the
// grid written into IndexedDB and read back) would otherwise run while the copy is being read and
// drawn, and a warm reopen would wait for it. Background work starts after this.
import { useEffect, useState } from 'react';

let drawn: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  drawn = resolve;
});

/** The page has rendered the phone's copy: resolves once that frame has been painted. */
export function firstScreenDrawn(): void {
  if (typeof requestAnimationFrame !== 'function') return drawn();
  // A task after the next frame: the paint itself has happened by then.
  requestAnimationFrame(() => setTimeout(drawn, 0));
}

/** Runs `work` after the first screen was drawn, or after `ms` on pages that do not say so. */
export function afterFirstScreen(work: () => void, ms = 1000): () => void {
  let cancelled = false;
  const run = () => {
    if (cancelled) return;
    cancelled = true;
    work();
  };
  const timer = setTimeout(run, ms);
  void shown.then(() => {
    clearTimeout(timer);
    run();
  });
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/**
 * False until the first screen was drawn (see afterFirstScreen), then true: for a component's
 * work that can wait — the rest of a list, a count asked of the server. `when` false: not yet
 * counting (e.g. before the page has what its first screen shows).
 */
export function useAfterFirstScreen(when = true): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => (when && !done ? afterFirstScreen(() => setDone(true)) : undefined), [when, done]);
  return done;
}

// A query of the phone's database kept live for React: it runs again after every write, in this
// tab and in other tabs (db.ts's change notices); undefined until the first answer.
import { useEffect, useState } from 'react';
import { changesSoFar, onAnyChange } from './db.ts';

/**
 * The same query begun before the page rendered (a reopen reads the phone's copy while its
 * script still runs): its answer is the first one, at the first render when it has come by then,
 * unless the database was written after it began.
 */
export interface EarlyRead<T> {
  promise: Promise<T>;
  /** changesSoFar() when the read began. */
  since: number;
  /** The answer, once it has come. */
  answer?: { value: T };
}

/** Begins `query` now, for a useLive that mounts later. */
export function readEarly<T>(query: () => Promise<T>): EarlyRead<T> {
  const read: EarlyRead<T> = { since: changesSoFar(), promise: query() };
  read.promise.then(
    (value) => {
      read.answer = { value };
    },
    // A failed early read is read again by the page (useLive).
    () => undefined,
  );
  return read;
}

export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[], early?: EarlyRead<T> | null): T | undefined {
  const current = (): EarlyRead<T> | null => (early && early.since === changesSoFar() ? early : null);
  const [value, setValue] = useState<T | undefined>(() => current()?.answer?.value);
  useEffect(() => {
    let live = true;
    let round = 0;
    const run = (head: EarlyRead<T> | null) => {
      const mine = ++round;
      (head ? head.promise.catch(() => query()) : query()).then(
        (v) => {
          // Only the newest answer: an older, slower read must not overwrite it.
          if (live && mine === round) setValue(v);
        },
        () => undefined,
      );
    };
    run(current());
    const stop = onAnyChange(() => run(null));
    return () => {
      live = false;
      stop();
    };
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return value;
}

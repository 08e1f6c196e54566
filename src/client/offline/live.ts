// A query of the phone's database kept live for React: it runs again after every write, in this
// tab and in other tabs (db.ts's change notices); undefined until the first answer.
import { useEffect, useState } from 'react';
import { onAnyChange } from './db.ts';

export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let round = 0;
    const run = () => {
      const mine = ++round;
      query().then(
        (v) => {
          // Only the newest answer: an older, slower read must not overwrite it.
          if (live && mine === round) setValue(v);
        },
        () => undefined,
      );
    };
    run();
    const stop = onAnyChange(run);
    return () => {
      live = false;
      stop();
    };
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return value;
}

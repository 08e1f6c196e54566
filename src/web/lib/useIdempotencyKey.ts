// One Idempotency-Key per user action: kept while a form is open (a double tap or a retry of the
// same submission reuses it), renewed once the action has succeeded.
import { useCallback, useState } from 'react';
import { newIdempotencyKey } from './api.ts';

export function useIdempotencyKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}

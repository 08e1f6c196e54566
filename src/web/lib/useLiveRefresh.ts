// Pages that show what others change (another officer removes a checkpoint, a grid files its
// report) refresh by themselves: one EventSource on /api/v1/events (the server sends only the
// caller's subtree), and the page's queries are refetched once a burst of the given event types
// settles. The dashboard, which also shows each event, has its own richer hook.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE } from './api.ts';

const DEBOUNCE_MS = 1_000;

export function useLiveRefresh(types: readonly string[], queryKey: QueryKey): void {
  const queryClient = useQueryClient();
  const typesKey = types.join(',');
  const keyJson = JSON.stringify(queryKey);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const wanted = new Set(typesKey.split(','));
    const key = JSON.parse(keyJson) as QueryKey;
    const source = new EventSource(`${API_BASE}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.onmessage = (message) => {
      let type: unknown;
      try {
        type = (JSON.parse(String(message.data)) as { type?: unknown }).type;
      } catch {
        return;
      }
      if (typeof type !== 'string' || !wanted.has(type)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), DEBOUNCE_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient, typesKey, keyJson]);
}

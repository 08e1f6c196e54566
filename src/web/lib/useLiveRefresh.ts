// Pages that show what others change (another officer removes a checkpoint, a grid files its
// report) refresh by themselves: one EventSource on /api/v1/events (the server sends only the
// caller's subtree), and the page's queries are refetched once a burst of the wanted events
// settles. The dashboard, which also shows each event, has its own richer hook.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE } from './api.ts';

const DEBOUNCE_MS = 1_000;

/**
 * Which events refresh the page: a list of exact event types, or `{ prefixes }` for a module
 * whose server names one type per entity (inspection.*, rectification.*, patrol_team*).
 */
export type LiveEvents = readonly string[] | { readonly prefixes: readonly string[] };

export function useLiveRefresh(events: LiveEvents, queryKey: QueryKey): void {
  const queryClient = useQueryClient();
  const byPrefix = 'prefixes' in events;
  const names = 'prefixes' in events ? events.prefixes : events;
  const namesKey = names.join(',');
  const keyJson = JSON.stringify(queryKey);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const wanted = namesKey.split(',');
    const exact = new Set(wanted);
    const matches = (type: string) => (byPrefix ? wanted.some((prefix) => type.startsWith(prefix)) : exact.has(type));
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
      if (typeof type !== 'string' || !matches(type)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), DEBOUNCE_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient, byPrefix, namesKey, keyJson]);
}

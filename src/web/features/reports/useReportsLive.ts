// A grid files or a report is sent back: the roll-up and reminder lists refresh by themselves.
// Listens to the live stream (/api/v1/events, scoped to my subtree by the server), debounced.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE } from '../../lib/api.ts';
import { reportKeys } from './reports.api.ts';

const DEBOUNCE_MS = 1_000;

export function useReportsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API_BASE}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.onmessage = (message) => {
      let type: unknown;
      try {
        type = (JSON.parse(String(message.data)) as { type?: unknown }).type;
      } catch {
        return;
      }
      if (type !== 'report.changed') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: reportKeys.all }), DEBOUNCE_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
}

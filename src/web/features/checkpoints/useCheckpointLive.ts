// Another officer removes a checkpoint: the summary and the list refresh by themselves. Listens
// to the live stream (/api/v1/events) for checkpoint and patrol-team changes, debounced.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE } from '../../lib/api.ts';
import { checkpointKeys } from './checkpoints.api.ts';

const TYPES = new Set(['checkpoint.changed', 'patrol_team.changed']);
const DEBOUNCE_MS = 1_000;

export function useCheckpointLive(): void {
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
      if (typeof type !== 'string' || !TYPES.has(type)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: checkpointKeys.all }), DEBOUNCE_MS);
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
}

// Live updates: one EventSource on /api/v1/events (the session cookie signs it in). Each event
// goes to the ticker, and the figures are refetched once the burst settles (debounced ~1 s).
// EventSource reconnects by itself (the server sends `retry:`); the state shows 实时 / 已断开.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LiveEventMessage } from '../../../shared/stats.ts';
import { API_BASE } from '../../lib/api.ts';
import { dashboardKeys } from './dashboard.api.ts';

export type LiveState = 'connecting' | 'live' | 'down';
export interface TickerItem extends LiveEventMessage {
  key: number;
}

const TICKER_LENGTH = 30;
const DEBOUNCE_MS = 1_000;

export function useLiveEvents(): { state: LiveState; events: TickerItem[] } {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [events, setEvents] = useState<TickerItem[]>([]);
  const seq = useRef(0);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('down');
      return;
    }
    const source = new EventSource(`${API_BASE}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: dashboardKeys.figures }), DEBOUNCE_MS);
    };
    let wasDown = false;
    source.onopen = () => {
      setState('live');
      // Back after a break: events may have been missed, so the figures are read again.
      if (wasDown) refresh();
      wasDown = false;
    };
    source.onerror = () => {
      wasDown = true;
      setState(source.readyState === EventSource.CLOSED ? 'down' : 'connecting');
    };
    source.onmessage = (message) => {
      let parsed: LiveEventMessage;
      try {
        parsed = LiveEventMessage.parse(JSON.parse(String(message.data)));
      } catch {
        return;
      }
      setState('live');
      seq.current += 1;
      const item = { ...parsed, key: seq.current };
      setEvents((list) => [item, ...list].slice(0, TICKER_LENGTH));
      refresh();
    };
    // The browser retries a dropped stream itself; a refused one (closed) is retried here.
    const watchdog = setInterval(() => {
      if (source.readyState === EventSource.CLOSED) setAttempt((n) => n + 1);
    }, 15_000);
    return () => {
      if (timer) clearTimeout(timer);
      clearInterval(watchdog);
      source.close();
    };
  }, [queryClient, attempt]);

  return { state, events };
}

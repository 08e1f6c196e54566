// A server-sent events client for the drills: opens /api/v1/events on one instance and keeps
// every field it receives (event data, retry lines, named events) with the time it came.
import type { Session } from './client.ts';

export interface StreamMessage {
  at: number;
  event: string;
  data: string;
  retry: number | null;
}

export interface LiveStream {
  messages: StreamMessage[];
  /** When the server ended the stream (null while open). */
  closedAt(): number | null;
  waitFor(match: (m: StreamMessage) => boolean, timeoutMs: number): Promise<StreamMessage | null>;
  close(): void;
}

export async function openLiveStream(instanceUrl: string, session: Session): Promise<LiveStream> {
  const controller = new AbortController();
  const res = await fetch(`${instanceUrl}/api/v1/events`, { headers: { ...session.headers, accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events stream: ${res.status}`);
  const messages: StreamMessage[] = [];
  let closedAt: number | null = null;
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const message: StreamMessage = { at: Date.now(), event: 'message', data: '', retry: null };
          let meaningful = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('data:')) [message.data, meaningful] = [message.data + line.slice(5).trim(), true];
            else if (line.startsWith('event:')) [message.event, meaningful] = [line.slice(6).trim(), true];
            else if (line.startsWith('retry:')) [message.retry, meaningful] = [Number(line.slice(6).trim()), true];
          }
          if (meaningful) messages.push(message);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream is over.
    }
    closedAt = Date.now();
    for (const wake of waiters) wake();
  })();
  return {
    messages,
    closedAt: () => closedAt,
    async waitFor(match, timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found || closedAt !== null || Date.now() >= until) return found ?? null;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, until - Date.now());
          waiters.add(wake);
        });
      }
    },
    close: () => controller.abort(),
  };
}

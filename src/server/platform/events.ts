// In-process fan-out for live views (server-sent events). Several instances would put Redis
// pub/sub behind the same interface; one process needs nothing more than an EventEmitter.
import { EventEmitter } from 'node:events';

export interface LiveEvent {
  type: string;
  /** Path of the region the event happened in: subscribers see only their subtree. */
  regionPath: string;
  data?: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}

// The phone app's end of the outbox: the runner of the signed-in account, its state for the
// status strip, and what a sync run tells the session (a fresh CSRF token after a reload).
import { useSyncExternalStore } from 'react';
import type { FieldDb } from '../client/offline/db.ts';
import type { OutboxRunner, RunnerState } from '../client/offline/runner.ts';
import { runnerFor, setRunnerHooks } from '../client/offline/runners.ts';
import { sessionAnswered, useMe } from './session.ts';

setRunnerHooks({ onSession: sessionAnswered });

export function useRunner(): OutboxRunner {
  return runnerFor(useMe());
}

export function useDb(): FieldDb {
  return useRunner().db;
}

export function useRunnerState(): RunnerState {
  const runner = useRunner();
  return useSyncExternalStore(runner.subscribe, runner.getState);
}

// 登记为新人员 from a verification task: what the task knows (name, where from, arrival day, the
// address) goes to the registration form in memory — never in the URL — and the person made there
// is remembered on the phone against the task, so its outcome links to them (and may start their
// home quarantine) once both are sent, in order, through the outbox.
import type { PersonInput } from '../client/offline/household-changes.ts';
import type { Tables } from '../client/offline/db.ts';
import { createStore } from '../client/store.ts';

export interface TaskPrefill {
  taskId: string;
  address: string;
  person: Partial<PersonInput>;
}

const prefill = createStore<TaskPrefill | null>(null);

export const setTaskPrefill = (value: TaskPrefill): void => prefill.set(value);
/** The prefill for the form being opened (read once: a later plain registration starts empty). */
export function takeTaskPrefill(): TaskPrefill | null {
  const value = prefill.get();
  prefill.set(null);
  return value;
}

const key = (taskId: string) => `task-person:${taskId}`;
export const rememberTaskPerson = (db: Tables, taskId: string, personId: string) => db.meta.put({ key: key(taskId), value: personId });
export async function taskPerson(db: Tables, taskId: string): Promise<string | null> {
  const row = await db.meta.get(key(taskId));
  return typeof row?.value === 'string' ? row.value : null;
}

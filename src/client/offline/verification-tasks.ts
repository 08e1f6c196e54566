// 核查任务 on the phone: the grid's verification tasks (masked, as the list API answers them) kept
// in the phone's database so a worker reads them at the door with no signal, and the outcome a
// worker records queued in the outbox like every other change (its own Idempotency-Key), sent
// when there is signal. Until then the task shows the queued outcome.
import type { TaskDestination, TaskOutcome, VerificationTask } from '../../shared/verification.ts';
import { allPages, type Page } from './cache.ts';
import type { FieldDb, OutboxEntry } from './db.ts';
import { enqueue, UNSYNCED } from './outbox.ts';

export const OUTCOME_KIND = 'verificationOutcome';
export const TASK_PHOTO_KIND = 'verificationPhoto';
const TASKS_KEY = 'verification-tasks';
// A grid has tens of tasks per list; this only stops a runaway cursor.
const MAX_PAGES = 20;

export interface CachedTasks {
  at: string;
  items: VerificationTask[];
}

/** The tasks of the account's own region, every page, into the meta table in one write. */
export async function pullTasks(db: FieldDb, page: (cursor: string | null) => Promise<Page<VerificationTask>>, now = new Date()): Promise<CachedTasks> {
  const items = await allPages(page, MAX_PAGES);
  const value: CachedTasks = { at: now.toISOString(), items };
  await db.meta.put({ key: TASKS_KEY, value });
  return value;
}

export async function cachedTasks(db: FieldDb): Promise<CachedTasks | null> {
  const row = await db.meta.get(TASKS_KEY);
  return (row?.value as CachedTasks | undefined) ?? null;
}

const DESTINATIONS_KEY = 'verification-destinations';

/** A grid of the county as the phone's picker shows it: "town · village · grid". */
export interface Destination {
  id: number;
  label: string;
}

/** The county's grids labelled with their village and town, in the county's order. */
export function destinationsOf(regions: readonly TaskDestination[]): Destination[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const label = (r: TaskDestination): string => {
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    return parent ? `${label(parent)} · ${r.name}` : r.name;
  };
  return regions.filter((r) => r.level === 'grid').map((r) => ({ id: r.id, label: label(r) }));
}

/** Where a person who left may have gone inside the county, kept for a check with no signal. */
export async function pullDestinations(db: FieldDb, fetchAll: () => Promise<{ items: TaskDestination[] }>): Promise<void> {
  const { items } = await fetchAll();
  await db.meta.put({ key: DESTINATIONS_KEY, value: destinationsOf(items) });
}

export async function cachedDestinations(db: FieldDb): Promise<Destination[]> {
  const row = await db.meta.get(DESTINATIONS_KEY);
  return (row?.value as Destination[] | undefined) ?? [];
}

/** Outcomes (and photos) still on the phone, by task id: the newest outcome of each. */
export async function queuedOutcomes(db: FieldDb): Promise<Map<string, OutboxEntry>> {
  const entries = await db.outbox.where('status').anyOf([...UNSYNCED]).toArray();
  const out = new Map<string, OutboxEntry>();
  for (const e of entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) if (e.kind === OUTCOME_KIND && e.entityId) out.set(e.entityId, e);
  return out;
}

/** Queues the outcome; the summary is the task's number (never a name or an ID number). */
/** A person registered on this phone goes first: the outcome waits while that registration is refused. */
export async function queueOutcome(db: FieldDb, task: Pick<VerificationTask, 'id' | 'number'>, body: TaskOutcome, dependsOn: string[] = []): Promise<OutboxEntry> {
  return enqueue(db, { method: 'POST', path: `/verification-tasks/${encodeURIComponent(task.id)}/outcome`, body, kind: OUTCOME_KIND, summary: task.number, entityId: task.id, dependsOn });
}

/** Queues a photo of the check (a JPEG data URL, shrunk on the phone), sent before or after the outcome. */
export async function queueTaskPhoto(db: FieldDb, task: Pick<VerificationTask, 'id' | 'number'>, dataUrl: string): Promise<OutboxEntry> {
  return enqueue(db, { method: 'POST', path: `/verification-tasks/${encodeURIComponent(task.id)}/photos`, body: { dataUrl }, kind: TASK_PHOTO_KIND, summary: task.number, entityId: task.id });
}

/** The server took an outcome: its answer (the task as it now is) replaces the cached copy. */
export async function applySyncedTask(db: FieldDb, entry: OutboxEntry, answer: unknown): Promise<void> {
  if (entry.kind !== OUTCOME_KIND) return;
  const task = answer as VerificationTask | null;
  if (typeof task !== 'object' || task === null || typeof task.id !== 'string' || typeof task.version !== 'number') return;
  await db.transaction('rw', ['meta'], async (tx) => {
    const row = await tx.meta.get(TASKS_KEY);
    const cached = row?.value as CachedTasks | undefined;
    if (!cached) return;
    await tx.meta.put({ key: TASKS_KEY, value: { ...cached, items: cached.items.map((t) => (t.id === task.id ? task : t)) } });
  });
}

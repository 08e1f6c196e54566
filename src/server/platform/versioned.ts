// Records edited offline change field by field against the version the phone last saw
// (ARCHITECTURE.md, offline sync): fields nobody else changed since then merge; a field someone
// else changed to another value keeps the server's value and becomes a clash for the grid
// leader to resolve. Each version's changed field names are kept in record_changes, and since
// migration 0024 its old and new values too (personal ones encrypted: see ChangeValues).
import type { Db } from '../db/schema.ts';
import { AppError } from './errors.ts';
import { newId, nowIso } from './ids.ts';

export interface MergeResult<T> {
  /** Fields to write now. */
  apply: Partial<T>;
  /** Fields whose proposed value was refused because someone changed them since baseVersion. */
  clashes: (keyof T & string)[];
}

export async function mergeAgainstBase<T extends Record<string, unknown>>(
  db: Db,
  entity: string,
  entityId: string,
  current: { version: number; values: T },
  baseVersion: number,
  patch: Partial<T>,
): Promise<MergeResult<T>> {
  if (baseVersion > current.version) {
    throw new AppError('CONFLICT', `baseVersion: this record is at version ${current.version}`, [
      { path: 'baseVersion', message: 'newer than the record' },
    ]);
  }
  const changedSince = new Set<string>();
  if (baseVersion < current.version) {
    const rows = await db
      .selectFrom('record_changes')
      .select('fields')
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .where('version', '>', baseVersion)
      .execute();
    for (const row of rows) for (const f of JSON.parse(row.fields) as string[]) changedSince.add(f);
  }
  const apply: Partial<T> = {};
  const clashes: (keyof T & string)[] = [];
  for (const key of Object.keys(patch) as (keyof T & string)[]) {
    const proposed = patch[key];
    if (proposed === current.values[key]) continue;
    if (changedSince.has(key)) clashes.push(key);
    else apply[key] = proposed;
  }
  return { apply, clashes };
}

/** A version's values as stored: [old, new] per field; `secret` fields are encrypted together as one JSON text. */
export interface ChangeValues {
  plain: Record<string, [unknown, unknown]>;
  /** Ciphertext (FieldCrypto.encrypt) of a JSON object of [old, new] per personal field, or null. */
  secretEnc: string | null;
}

export async function recordChange(db: Db, entity: string, entityId: string, version: number, fields: string[], userId: string | null, values?: ChangeValues) {
  await db
    .insertInto('record_changes')
    .values({
      id: newId(),
      entity,
      entity_id: entityId,
      version,
      fields: JSON.stringify(fields),
      user_id: userId,
      at: nowIso(),
      values_plain: values ? JSON.stringify(values.plain) : null,
      values_enc: values?.secretEnc ?? null,
    })
    .execute();
}

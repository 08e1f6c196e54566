// Opaque cursors: base64url of the last row's sort key. Clients never parse them.
import { AppError } from './errors.ts';

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | number | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const key = Array.isArray(parsed) ? parsed[0] : undefined;
    if (typeof key === 'string' || typeof key === 'number') return key;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
}

/** Given limit+1 rows fetched, the page and the cursor for the next one. */
export function page<R, T>(rows: R[], limit: number, keyOf: (r: R) => string | number, map: (r: R) => T) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

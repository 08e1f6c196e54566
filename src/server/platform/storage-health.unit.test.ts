import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { STORAGE_LOG_EVERY_MS, StorageHealth } from './storage-health.ts';

function setup(free: number | null = 50 * 1024 * 1024) {
  const logged: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void logged.push({ level, obj, msg });
  const log = { error: at('error'), warn: at('warn') } as unknown as FastifyBaseLogger;
  let now = 1_000_000;
  const health = new StorageHealth({ log, dirs: ['/data'], now: () => now, freeBytes: () => free });
  return { health, logged, advance: (ms: number) => (now += ms) };
}

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('telling a full disk from other failures', () => {
  it('knows SQLite, PostgreSQL and file system "full", also wrapped as a cause', () => {
    const { health } = setup();
    expect(health.noteFailure(withCode('SQLITE_FULL', 'database or disk is full'))).toBe(true);
    expect(health.noteFailure(withCode('53100', 'could not extend file "base/1/2": No space left on device'))).toBe(true);
    expect(health.noteFailure(new Error('upload failed', { cause: withCode('ENOSPC') }))).toBe(true);
    expect(health.noteFailure(withCode('EDQUOT'))).toBe(true);
    expect(health.noteFailure(new Error('write /data/x: No space left on device'))).toBe(true);
  });

  it('counts an ambiguous SQLite I/O error as full only when the disk has under 1 MiB left', () => {
    expect(setup(200 * 1024).health.noteFailure(withCode('SQLITE_IOERR_WRITE', 'disk I/O error'))).toBe(true);
    expect(setup(50 * 1024 * 1024).health.noteFailure(withCode('SQLITE_IOERR_WRITE', 'disk I/O error'))).toBe(false);
    expect(setup(null).health.noteFailure(withCode('SQLITE_IOERR_FSYNC', 'disk I/O error'))).toBe(false);
  });

  it('leaves every other failure to the ordinary handling', () => {
    const { health, logged } = setup();
    expect(health.noteFailure(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(health.noteFailure(withCode('23505'))).toBe(false);
    expect(health.noteFailure(new TypeError('x is undefined'))).toBe(false);
    expect(health.noteFailure(null)).toBe(false);
    expect(health.degraded).toBeNull();
    expect(logged).toEqual([]);
  });
});

describe('reporting a full disk', () => {
  it('logs the cause at most once a minute, with how many requests were refused meanwhile', () => {
    const { health, logged, advance } = setup();
    for (let i = 0; i < 1000; i++) health.noteFailure(withCode('SQLITE_FULL', 'database or disk is full'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', obj: { refusedSinceLastLog: 1, err: { code: 'SQLITE_FULL' } } });
    advance(STORAGE_LOG_EVERY_MS - 1);
    health.noteFailure(withCode('SQLITE_FULL'));
    expect(logged).toHaveLength(1);
    advance(1);
    health.noteFailure(withCode('SQLITE_FULL'));
    expect(logged).toHaveLength(2);
    expect(logged[1]?.obj.refusedSinceLastLog).toBe(1001);
  });

  it('is degraded from the first refusal until a write commits, and says when it recovered', () => {
    const { health, logged } = setup();
    health.noteWriteCommitted();
    expect(logged).toEqual([]);
    health.noteFailure(withCode('ENOSPC'));
    health.noteFailure(withCode('ENOSPC'));
    expect(health.degraded).toBe('storage_full');
    health.noteWriteCommitted();
    expect(health.degraded).toBeNull();
    expect(logged.at(-1)).toMatchObject({ level: 'warn', obj: { refused: 2 }, msg: 'storage takes writes again' });
    // A new episode is logged at once, not a minute after the last one.
    health.noteFailure(withCode('ENOSPC'));
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(2);
  });
});

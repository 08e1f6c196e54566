// Redis for the tests that share counts across app instances: at 127.0.0.1:6379 (or
// GG_TEST_REDIS_URL). Where it does not answer, those tests are left out with a message saying
// why, except under CI=true, where that is a failure.
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.GG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisProblem(): Promise<string | null> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (err) {
    return (err as Error).message || 'unreachable';
  } finally {
    probe.disconnect();
  }
}

/** Null when Redis answers; else why not (and the warning is printed, or CI fails). */
export async function testRedisProblem(what: string): Promise<string | null> {
  const problem = await redisProblem();
  if (problem) {
    if (process.env.CI === 'true') throw new Error(`Redis at ${TEST_REDIS_URL} is needed under CI: ${problem}`);
    console.warn(`\n*** ${what} left out: ${TEST_REDIS_URL}: ${problem} ***\n`);
  }
  return problem;
}

/**
 * For the tests that prove counting across instances: an answer may take this long before the
 * app falls back to its own database, which would count apart (a loaded machine took > 500 ms).
 */
export const CROSS_INSTANCE_REDIS = { redisUrl: TEST_REDIS_URL, redisCommandTimeoutMs: 15_000 } as const;

/** Waits until the app's Redis connection is ready: the app waits 2 s at most, then counts in the database until it is. */
export async function redisReady(app: FastifyInstance, timeoutMs = 30_000): Promise<void> {
  const redis = app.redis;
  if (!redis) throw new Error('the app has no Redis connection (REDIS_URL)');
  const deadline = Date.now() + timeoutMs;
  while (redis.status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`Redis at ${TEST_REDIS_URL} not ready after ${timeoutMs} ms (status ${redis.status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

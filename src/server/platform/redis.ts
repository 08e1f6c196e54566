// One Redis connection per app when REDIS_URL is set, shared by the public rate limits
// (public-guard.ts) and the sign-in attempt counters (accounts/login-attempts.redis.ts), so
// several instances behind a balancer count together.
//
// A check must never hold a request: no queue while disconnected (a command fails at once and
// its caller falls back), and half a second at most for an answer (config.redisCommandTimeoutMs).
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';

const CONNECT_TIMEOUT_MS = 2_000;

/** The app's connection (null without REDIS_URL); closed with the app. */
export async function connectRedis(app: FastifyInstance): Promise<Redis | null> {
  const url = app.config.redisUrl;
  if (!url) return null;
  const redis = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, commandTimeout: app.config.redisCommandTimeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  let warned = false;
  redis.on('error', (err: Error) => {
    if (!warned) {
      app.log.warn(
        { err: err.message },
        'Redis unavailable: public rate limits are not enforced, and sign-in attempts are counted in the database, until it answers',
      );
    }
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  // Start counting from the first request: wait for the connection (at most the connect timeout).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CONNECT_TIMEOUT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redis;
}

// The sign-in attempt counters in Redis (REDIS_URL), shared by every instance: each take is a
// Lua script, so reading, counting and pausing are one atomic step on the server. The same
// rules as the database counters (login-attempts.ts); the key's own expiry only sweeps.
//
// If Redis does not answer, each call falls back to the database counters (also shared by
// every instance): sign-in neither stops nor goes unthrottled while Redis is away. At the
// switch a counter starts again from the database's count, so an account and address may get
// their limit once more then.
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { AttemptCounters, SeriesRule, Taken, WindowRule } from './login-attempts.ts';

const PREFIX = 'gridguard:login:';

// KEYS[1]; ARGV: now, free, quietMs, then the pauses. Answers {1, attempts} or {0, waitMs}.
const TAKE_IN_SERIES = `
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local quiet = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'attempts', 'blocked', 'expires')
local attempts = tonumber(v[1]) or 0
local blocked = tonumber(v[2]) or 0
if (tonumber(v[3]) or 0) <= now then attempts = 0; blocked = 0 end
if blocked > now then return {0, blocked - now} end
attempts = attempts + 1
local pause = 0
if attempts >= free then
  local i = math.min(4 + attempts - free, #ARGV)
  pause = tonumber(ARGV[i])
end
redis.call('HSET', KEYS[1], 'attempts', attempts, 'blocked', now + pause, 'expires', now + pause + quiet)
redis.call('PEXPIRE', KEYS[1], pause + quiet)
return {1, attempts}`;

// KEYS[1]; ARGV: now, bound, windowMs. Answers {1, attempts} or {0, waitMs}.
const TAKE_IN_WINDOW = `
local now = tonumber(ARGV[1])
local bound = tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'attempts', 'expires')
local attempts = tonumber(v[1]) or 0
local expires = tonumber(v[2]) or 0
if expires <= now then attempts = 0; expires = now + tonumber(ARGV[3]) end
if attempts >= bound then return {0, expires - now} end
redis.call('HSET', KEYS[1], 'attempts', attempts + 1, 'expires', expires)
redis.call('PEXPIRE', KEYS[1], expires - now)
return {1, attempts + 1}`;

// Never below zero, never bringing back a counter that expired.
const GIVE_BACK = `
local n = tonumber(redis.call('HGET', KEYS[1], 'attempts'))
if n and n > 0 then redis.call('HINCRBY', KEYS[1], 'attempts', -1) end
return 0`;

function answer(reply: unknown): Taken {
  const [ok, value] = reply as [number, number];
  return ok === 1 ? { ok: true, attempts: value } : { ok: false, retryAfterMs: Math.max(1_000, value) };
}

export function redisCounters(redis: Redis): AttemptCounters {
  return {
    async takeInSeries(key: string, rule: SeriesRule, now: number) {
      return answer(await redis.eval(TAKE_IN_SERIES, 1, PREFIX + key, now, rule.free, rule.quietMs, ...rule.pausesMs));
    },
    async takeInWindow(key: string, rule: WindowRule, now: number) {
      return answer(await redis.eval(TAKE_IN_WINDOW, 1, PREFIX + key, now, rule.bound, rule.windowMs));
    },
    async windowFull(key: string, rule: WindowRule, now: number) {
      const [attempts, expires] = (await redis.hmget(PREFIX + key, 'attempts', 'expires')).map(Number);
      if (!attempts || !expires || expires <= now || attempts < rule.bound) return { ok: true, attempts: attempts || 0 };
      return { ok: false, retryAfterMs: Math.max(1_000, expires - now) };
    },
    async giveBack(key: string) {
      await redis.eval(GIVE_BACK, 1, PREFIX + key);
    },
    async forget(key: string) {
      await redis.del(PREFIX + key);
    },
  };
}

/** Redis first; the database when Redis does not answer (warned once per outage). */
export function redisWithFallback(redis: Redis, fallback: AttemptCounters, log: FastifyBaseLogger): AttemptCounters {
  const primary = redisCounters(redis);
  let warned = false;
  redis.on('ready', () => {
    warned = false;
  });
  const either =
    <A extends unknown[], R>(call: (counters: AttemptCounters, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(primary, ...args);
      } catch (err) {
        if (!warned) log.warn({ err: (err as Error).message }, 'sign-in attempts counted in the database: Redis does not answer');
        warned = true;
        return call(fallback, ...args);
      }
    };
  return {
    takeInSeries: either((c, key: string, rule: SeriesRule, now: number) => c.takeInSeries(key, rule, now)),
    takeInWindow: either((c, key: string, rule: WindowRule, now: number) => c.takeInWindow(key, rule, now)),
    windowFull: either((c, key: string, rule: WindowRule, now: number) => c.windowFull(key, rule, now)),
    giveBack: either((c, key: string) => c.giveBack(key)),
    forget: either((c, key: string) => c.forget(key)),
  };
}

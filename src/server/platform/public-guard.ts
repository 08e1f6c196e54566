// Rate limits of the public endpoints (no account): every one is limited per address, and the
// filings also per phone number. A refusal is a 429 that says what was limited and when to try
// again, with Retry-After. Limits are checked in onRequest, before a body is read, so a flood
// costs a hash lookup per request and staff pages keep their speed.
//
// Counts are kept in this process (@fastify/rate-limit's LRU store) unless REDIS_URL is set:
// then in Redis, so several app instances behind a balancer share one count per address. If
// Redis stops answering, requests go through (and a warning is logged) rather than locking
// residents out of reporting; the limits come back with Redis.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from './errors.ts';

export interface PublicLimit {
  max: number;
  windowMs: number;
  /** Says what was limited, in the 429's message. */
  what: string;
}

/** The limits, before config.publicLimitScale (benchmarks raise them to measure raw throughput). */
export const PUBLIC_LIMITS = {
  /** Reading notices, the region picker, a QR code's place. */
  read: { max: 120, windowMs: 60_000, what: 'requests from this address' },
  /** Following a tip by its code: generous for people, useless for guessing 80-bit codes. */
  track: { max: 30, windowMs: 10 * 60_000, what: 'tip look-ups from this address' },
  tipPerAddress: { max: 10, windowMs: 60 * 60_000, what: 'tips from this address' },
  tipPerPhone: { max: 5, windowMs: 24 * 60 * 60_000, what: 'tips with this phone number' },
  /** A family arriving together registers on one phone, one after another. */
  arrivalPerAddress: { max: 30, windowMs: 60 * 60_000, what: 'arrival registrations from this address' },
  arrivalPerPhone: { max: 10, windowMs: 60 * 60_000, what: 'arrival registrations with this phone number' },
  /** An enterprise's page (复工复产): reading its workers' state and sending them; code guesses count here too. */
  enterprisePerAddress: { max: 60, windowMs: 60 * 60_000, what: 'enterprise requests from this address' },
} as const satisfies Record<string, PublicLimit>;
export type PublicLimitName = keyof typeof PUBLIC_LIMITS;

type Checker = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;
const checkers = new WeakMap<FastifyInstance, Map<string, Checker>>();

function describeWindow(ms: number): string {
  if (ms % (24 * 3_600_000) === 0) return ms === 24 * 3_600_000 ? 'a day' : `${ms / (24 * 3_600_000)} days`;
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'an hour' : `${ms / 3_600_000} hours`;
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} seconds`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/** Registers the limiter store (once per app, before the public routes): app.redis if there is one. */
export async function installPublicGuard(app: FastifyInstance): Promise<void> {
  if (!app.redis) {
    await app.register(rateLimit, { global: false, cache: 50_000 });
    return;
  }
  await app.register(rateLimit, { global: false, redis: app.redis, nameSpace: 'gridguard:rl:', skipOnError: true });
}

function limitOf(app: FastifyInstance, name: PublicLimitName): { limit: PublicLimit; max: number } {
  const limit = PUBLIC_LIMITS[name];
  return { limit, max: Math.max(1, Math.round(limit.max * app.config.publicLimitScale)) };
}

function checkerFor(app: FastifyInstance, name: PublicLimitName, keyOf: (req: FastifyRequest) => string): Checker {
  let byName = checkers.get(app);
  if (!byName) checkers.set(app, (byName = new Map()));
  const existing = byName.get(name);
  if (existing) return existing;
  const { limit, max } = limitOf(app, name);
  // Keys carry the limit's name: each limit counts on its own.
  // `cache` sizes this limit's LRU (the plugin's child stores read it; its types omit it).
  const options = { max, timeWindow: limit.windowMs, cache: 50_000, keyGenerator: (req: FastifyRequest) => `${name}:${keyOf(req)}` };
  const created = app.createRateLimit(options as Parameters<FastifyInstance['createRateLimit']>[0]) as unknown as Checker;
  byName.set(name, created);
  return created;
}

function refusal(app: FastifyInstance, name: PublicLimitName, retryAfterSeconds: number): AppError {
  const { limit, max } = limitOf(app, name);
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many ${limit.what}: at most ${max} in ${describeWindow(limit.windowMs)}. Try again in ${describeWait(retryAfterSeconds)}.`,
    [{ path: name.endsWith('PerPhone') ? 'phone' : '(address)', message: `rate limit: ${max} per ${describeWindow(limit.windowMs)}` }],
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/** onRequest hook: at most the limit's count per client address. */
export function perAddress(app: FastifyInstance, name: PublicLimitName): onRequestAsyncHookHandler {
  return async (request) => {
    const check = checkerFor(app, name, (req) => req.ip);
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) throw refusal(app, name, result.ttlInSeconds ?? 60);
  };
}

const phoneKeys = new WeakMap<FastifyRequest, string>();

/**
 * Counts one filing against a phone number, by its keyed hash (the number itself is never a key
 * in memory or a log). Call it in the handler once the number is validated and normalised.
 */
export async function countPhone(request: FastifyRequest, name: 'tipPerPhone' | 'arrivalPerPhone', normalisedPhone: string): Promise<void> {
  const app = request.server;
  phoneKeys.set(request, app.fieldCrypto.index(`rate:${normalisedPhone}`));
  const check = checkerFor(app, name, (req) => phoneKeys.get(req) ?? 'none');
  const result = await check(request);
  if (!result.isAllowed && result.isExceeded) throw refusal(app, name, result.ttlInSeconds ?? 60);
}

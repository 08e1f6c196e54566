// Sign-in throttling after OWASP's authentication guidance and its device-cookie pattern: a
// guesser is slowed down without handing anyone a way to lock staff out.
// - Per account and address (or per account and trusted browser): 5 attempts are checked,
//   then one at a time after pauses of 1, 2, 4, 8, then 15 minutes. A success ends the series.
// - Per account across addresses: 20 attempts in 15 minutes from browsers the account has not
//   trusted; beyond that only trusted browsers (device cookie) are checked.
// - Per address, attempts at usernames that do not exist: 100 in 15 minutes (an office behind
//   one NAT address never gets there); beyond that only trusted browsers from that address are
//   checked, whatever the username, so the answer never tells which usernames exist.
// Every attempt is taken from its counters before its password is checked (login-attempts.ts),
// so no more are checked than these limits allow however many arrive at once. Counters key on
// a keyed hash of the username: a password typed into the username box is never stored.
import type { FastifyInstance } from 'fastify';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { type AttemptCounters, type SeriesRule, type Taken, type WindowRule, databaseCounters } from './login-attempts.ts';
import { redisWithFallback } from './login-attempts.redis.ts';

const MINUTE = 60_000;

export const SIGN_IN_LIMITS = {
  series: { free: 5, pausesMs: [1, 2, 4, 8, 15].map((m) => m * MINUTE), quietMs: 60 * MINUTE },
  account: { bound: 20, windowMs: 15 * MINUTE },
  unknownUsernamesPerAddress: { bound: 100, windowMs: 15 * MINUTE },
} as const satisfies { series: SeriesRule; account: WindowRule; unknownUsernamesPerAddress: WindowRule };

export interface SignInAttempt {
  username: string;
  ip: string;
  /** The browser's id from a genuine device cookie for this username, or null. */
  device: string | null;
  /** Whether the username names an account: attempts at others also count per address. */
  accountExists: boolean;
}

/** What an admitted attempt reports once its password was checked. */
export interface Admission {
  succeeded(): Promise<void>;
}

type Refused = 'pair' | 'device' | 'account' | 'address';

const WHY: Record<Refused, { path: string; text: string }> = {
  pair: { path: 'username', text: 'for this account from this address' },
  device: { path: 'username', text: 'for this account from this browser' },
  account: { path: 'username', text: 'for this account from new devices; a browser that has signed in to it before can still sign in' },
  address: { path: '(address)', text: 'from this network address; a browser that has signed in before can still sign in' },
};

function refusal(why: Refused, retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  const wait = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-ins ${WHY[why].text}. Try again in ${wait}.`,
    [{ path: WHY[why].path, message: `sign-in paused for ${wait}` }],
    { 'retry-after': String(seconds) },
  );
}

export interface LoginThrottle {
  /** Takes the attempt from its counters, or throws 429 with Retry-After: check no password then. */
  admit(attempt: SignInAttempt): Promise<Admission>;
}

export function createLoginThrottle(counters: AttemptCounters, crypto: FieldCrypto): LoginThrottle {
  const must = (taken: Taken, why: Refused) => {
    if (!taken.ok) throw refusal(why, taken.retryAfterMs);
  };
  return {
    async admit({ username, ip, device, accountExists }) {
      const at = Date.now();
      const user = crypto.index(`sign-in\u0000${username}`);
      if (device) {
        const series = `device:${user}:${device}`;
        must(await counters.takeInSeries(series, SIGN_IN_LIMITS.series, at), 'device');
        return { succeeded: () => counters.forget(series) };
      }
      const account = `account:${user}`;
      const unknownAtAddress = `unknown:${ip}`;
      const series = `pair:${user}:${ip}`;
      const taken: string[] = [];
      try {
        must(await counters.windowFull(unknownAtAddress, SIGN_IN_LIMITS.unknownUsernamesPerAddress, at), 'address');
        // Usernames that do not exist are counted per "account" too, so no answer differs.
        must(await counters.takeInWindow(account, SIGN_IN_LIMITS.account, at), 'account');
        taken.push(account);
        if (!accountExists) {
          must(await counters.takeInWindow(unknownAtAddress, SIGN_IN_LIMITS.unknownUsernamesPerAddress, at), 'address');
          taken.push(unknownAtAddress);
        }
        must(await counters.takeInSeries(series, SIGN_IN_LIMITS.series, at), 'pair');
      } catch (err) {
        // Refused: what this attempt took from the wider counters was never checked.
        await Promise.all(taken.map((key) => counters.giveBack(key)));
        throw err;
      }
      return {
        // Only failures stay counted across addresses; the series starts again.
        succeeded: async () => {
          await Promise.all([counters.forget(series), ...taken.map((key) => counters.giveBack(key))]);
        },
      };
    },
  };
}

/** The app's throttle: counted in Redis when there is one (the database if it does not answer), else in the database. */
export function loginThrottleOf(app: FastifyInstance): LoginThrottle {
  const inDatabase = databaseCounters(app.db);
  const counters = app.redis ? redisWithFallback(app.redis, inDatabase, app.log) : inDatabase;
  return createLoginThrottle(counters, app.fieldCrypto);
}

// Sign-in throttling (issue 13): attempts counted before the password is checked, per account
// and address with growing pauses, per account across addresses for new devices only, a device
// cookie that keeps a known browser's own quota, and unknown usernames per address.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp, sameAnswerOf, signIn } from '../../../../test/support/app.ts';
import { attemptSignIn, checkedAttempts, countOf, deviceCookieOf, statusesOf } from '../../../../test/support/sign-in.ts';
import { deviceCookieName } from './device-cookie.ts';
import { loginAttemptsSweepJob } from './login-attempts.job.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const aStaffAccount = () => signIn(t.app, 'grid_worker', t.tree.gridA);
const wrong = (i: number) => `wrong-password-${i}`;

async function failFiveTimes(username: string, ip: string, cookie?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await attemptSignIn(t.app, { username, password: wrong(i), ip, cookie })).statusCode);
  return statuses;
}

describe('attempts are counted before the password is checked', () => {
  it('checks at most 5 of 100 simultaneous guesses at one account, and the right password at guess 40 does not get in', async () => {
    const { username, user } = await aStaffAccount();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attemptSignIn(t.app, { username, password: i === 39 ? TEST_PASSWORD : wrong(i), ip: '198.51.100.40' })),
    );
    const statuses = statusesOf(answers);
    expect(answers[39]?.statusCode).toBe(429);
    expect(countOf(statuses, 200)).toBe(0);
    expect(countOf(statuses, 401)).toBeLessThanOrEqual(5);
    expect(countOf(statuses, 429)).toBeGreaterThanOrEqual(95);
    expect(await checkedAttempts(t.app, user.id)).toEqual({ failed: countOf(statuses, 401), succeeded: 0 });
  });
});

describe('per account and address', () => {
  it('pauses the account at that address after 5 failures: 429 with a minute\'s Retry-After, even for the right password', async () => {
    const { username, user } = await aStaffAccount();
    expect(await failFiveTimes(username, '198.51.100.1')).toEqual([401, 401, 401, 401, 401]);
    const res = await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '198.51.100.1' });
    expect(res.statusCode).toBe(429);
    // A minute from the fifth failure (a little less by now).
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.json().error).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins for this account from this address. Try again in 1 minute.',
      details: [{ path: 'username', message: 'sign-in paused for 1 minute' }],
      requestId: res.headers['x-request-id'],
    });
    expect(await checkedAttempts(t.app, user.id)).toEqual({ failed: 5, succeeded: 0 });
  });

  it('does not lock the account everywhere: another address still signs in', async () => {
    const { username } = await aStaffAccount();
    await failFiveTimes(username, '198.51.100.2');
    expect((await attemptSignIn(t.app, { username, password: wrong(9), ip: '198.51.100.3' })).statusCode).toBe(401);
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '198.51.100.3' })).statusCode).toBe(200);
  });

  it('never affects other accounts from the same address', async () => {
    const locked = await aStaffAccount();
    const other = await aStaffAccount();
    await failFiveTimes(locked.username, '198.51.100.4');
    expect((await attemptSignIn(t.app, { username: locked.username, password: TEST_PASSWORD, ip: '198.51.100.4' })).statusCode).toBe(429);
    expect((await attemptSignIn(t.app, { username: other.username, password: TEST_PASSWORD, ip: '198.51.100.4' })).statusCode).toBe(200);
  });

  it('starts the count again after a success', async () => {
    const { username } = await aStaffAccount();
    for (let i = 0; i < 4; i++) await attemptSignIn(t.app, { username, password: wrong(i), ip: '198.51.100.5' });
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '198.51.100.5' })).statusCode).toBe(200);
    expect(await failFiveTimes(username, '198.51.100.5')).toEqual([401, 401, 401, 401, 401]);
    expect((await attemptSignIn(t.app, { username, password: wrong(6), ip: '198.51.100.5' })).statusCode).toBe(429);
  });

  it('answers an unknown username exactly like a known one: five 401s, then the same 429', async () => {
    const { username } = await aStaffAccount();
    const known = await failFiveTimes(username, '198.51.100.6');
    const unknown = await failFiveTimes('nobody-here', '198.51.100.6');
    expect(unknown).toEqual(known);
    const a = await attemptSignIn(t.app, { username, password: wrong(7), ip: '198.51.100.6' });
    const b = await attemptSignIn(t.app, { username: 'nobody-here', password: wrong(7), ip: '198.51.100.6' });
    expect([a.statusCode, sameAnswerOf(a)]).toEqual([b.statusCode, sameAnswerOf(b)]);
    for (const res of [a, b]) expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
  });
});

describe('the pause grows while failures go on', () => {
  afterEach(() => vi.useRealTimers());

  it('checks one attempt after each pause, pausing 1, 2, 4, 8, then 15 minutes; an hour of quiet forgets it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { username, user } = await aStaffAccount();
    const ip = '198.51.100.7';
    await failFiveTimes(username, ip);
    const pauses: string[] = [];
    for (let round = 0; round < 6; round++) {
      const refused = await attemptSignIn(t.app, { username, password: wrong(round), ip });
      expect(refused.statusCode).toBe(429);
      const seconds = Number(refused.headers['retry-after']);
      pauses.push(`${seconds / 60} min`);
      vi.setSystemTime(Date.now() + seconds * 1000 - 2_000);
      expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip })).statusCode, 'still paused').toBe(429);
      vi.setSystemTime(Date.now() + 2_000);
      const after = await attemptSignIn(t.app, { username, password: wrong(round), ip });
      expect(after.statusCode, `checked after the pause ${round}: ${after.body}`).toBe(401);
    }
    expect(pauses).toEqual(['1 min', '2 min', '4 min', '8 min', '15 min', '15 min']);
    expect((await checkedAttempts(t.app, user.id)).failed).toBe(11);
    // Within the 15-minute pause, then an hour after it: five attempts again.
    vi.setSystemTime(Date.now() + 15 * 60_000 + 60 * 60_000);
    expect(await failFiveTimes(username, ip)).toEqual([401, 401, 401, 401, 401]);
  });
});

describe('per account across addresses: new devices wait, known browsers go on', () => {
  it('after 20 failures from several addresses refuses new devices even with the right password; a browser that signed in before still gets its guesses', async () => {
    const { username, user } = await aStaffAccount();
    const trusted = deviceCookieOf(await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '203.0.113.1' }));
    for (const ip of ['192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14']) expect(await failFiveTimes(username, ip)).toEqual([401, 401, 401, 401, 401]);
    const newDevice = await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '192.0.2.15' });
    expect(newDevice.statusCode).toBe(429);
    expect(newDevice.json().error.message).toMatch(/^Too many failed sign-ins for this account from new devices; a browser that has signed in to it before can still sign in\. Try again in \d+ minutes?\.$/);
    expect(Number(newDevice.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // The known browser, from yet another address: its guesses are still checked, and it gets in.
    expect((await attemptSignIn(t.app, { username, password: wrong(1), ip: '192.0.2.16', cookie: trusted })).statusCode).toBe(401);
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '192.0.2.16', cookie: trusted })).statusCode).toBe(200);
    expect(await checkedAttempts(t.app, user.id)).toEqual({ failed: 21, succeeded: 2 });
  });

  it('gives a known browser its own series: five failures pause that browser, not the address for others', async () => {
    const { username } = await aStaffAccount();
    const ip = '192.0.2.20';
    const trusted = deviceCookieOf(await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip }));
    expect(await failFiveTimes(username, ip, trusted)).toEqual([401, 401, 401, 401, 401]);
    const paused = await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip, cookie: trusted });
    expect(paused.statusCode).toBe(429);
    expect(paused.json().error.message).toBe('Too many failed sign-ins for this account from this browser. Try again in 1 minute.');
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip })).statusCode).toBe(200);
  });

  it('issues the device cookie httpOnly, SameSite=Strict, for the sign-in route only, its name not showing the username', async () => {
    const { username } = await aStaffAccount();
    const res = await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '192.0.2.30' });
    const cookie = res.cookies.find((c) => c.name.startsWith('gg_dev_'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/login', maxAge: 180 * 24 * 3600 });
    expect(cookie?.name).not.toContain(username);
    expect(cookie?.value).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
  });

  it('trusts a cookie only for the account it was issued to, and never a forged one', async () => {
    const victim = await aStaffAccount();
    const other = await aStaffAccount();
    const issued = deviceCookieOf(await attemptSignIn(t.app, { username: other.username, password: TEST_PASSWORD, ip: '192.0.2.40' }));
    const value = issued.split('=')[1] ?? '';
    for (const ip of ['192.0.2.41', '192.0.2.42', '192.0.2.43', '192.0.2.44']) await failFiveTimes(victim.username, ip);
    const victimCookie = deviceCookieName(t.app.fieldCrypto, victim.username);
    const forged = `${value.slice(0, 23)}${value[23] === 'A' ? 'B' : 'A'}${value.slice(24)}`;
    for (const cookie of [`${victimCookie}=${value}`, `${victimCookie}=${forged}`, `${victimCookie}=garbage`]) {
      const res = await attemptSignIn(t.app, { username: victim.username, password: TEST_PASSWORD, ip: '192.0.2.45', cookie });
      expect(res.statusCode, cookie).toBe(429);
    }
  });
});

describe('unknown usernames from one address (an office behind one NAT address)', () => {
  const office = '100.64.0.1';
  let colleague: Awaited<ReturnType<typeof aStaffAccount>>;
  let trusted: string;

  // Each made-up username costs a password hash, as a real one does (~60 ms each, more on a busy machine).
  it('99 failures with made-up usernames lock no real account signing in from that address', { timeout: 120_000 }, async () => {
    colleague = await aStaffAccount();
    trusted = deviceCookieOf(await attemptSignIn(t.app, { username: colleague.username, password: TEST_PASSWORD, ip: office }));
    const statuses = statusesOf(await Promise.all(Array.from({ length: 99 }, (_, i) => attemptSignIn(t.app, { username: `ghost${i}`, password: wrong(i), ip: office }))));
    expect(countOf(statuses, 401)).toBe(99);
    const { username } = await aStaffAccount();
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: office })).statusCode).toBe(200);
  });

  it('after 100, new devices at that address wait, whatever the username; browsers that signed in before go on; other addresses are unaffected', async () => {
    expect((await attemptSignIn(t.app, { username: 'ghost-100', password: wrong(0), ip: office })).statusCode).toBe(401);
    const ghost = await attemptSignIn(t.app, { username: 'ghost-101', password: wrong(0), ip: office });
    const real = await attemptSignIn(t.app, { username: (await aStaffAccount()).username, password: TEST_PASSWORD, ip: office });
    for (const res of [ghost, real]) {
      expect(res.statusCode).toBe(429);
      expect(res.json().error.message).toMatch(/^Too many failed sign-ins from this network address; a browser that has signed in before can still sign in\. Try again in \d+ minutes?\.$/);
    }
    expect((await attemptSignIn(t.app, { username: colleague.username, password: TEST_PASSWORD, ip: office, cookie: trusted })).statusCode).toBe(200);
    expect((await attemptSignIn(t.app, { username: 'ghost-101', password: wrong(0), ip: '100.64.0.2' })).statusCode).toBe(401);
  });
});

describe('the hourly sweep', () => {
  it('drops the counters whose series or window is over and keeps the others', async () => {
    const now = Date.now();
    await t.app.db
      .insertInto('login_attempts')
      .values([
        { key: 'sweep:over', attempts: 3, blocked_until: 0, expires_at: now - 1 },
        { key: 'sweep:running', attempts: 3, blocked_until: now + 60_000, expires_at: now + 3_600_000 },
      ])
      .execute();
    await loginAttemptsSweepJob().run(t.app.db, 'now');
    const left = await t.app.db.selectFrom('login_attempts').select('key').where('key', 'like', 'sweep:%').execute();
    expect(left.map((r) => r.key)).toEqual(['sweep:running']);
  });
});

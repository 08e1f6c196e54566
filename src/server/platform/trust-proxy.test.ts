// The client's address behind a proxy (GRIDGUARD_TRUST_PROXY): off, X-Forwarded-For is ignored,
// so a client cannot pick its own rate-limit or sign-in bucket by sending one; with a hop count
// or the proxies' addresses, the address the proxy saw is the client's for the public rate
// limits, the sign-in throttle and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { attemptSignIn, auditedAddress } from '../../../test/support/sign-in.ts';
import { loadConfig } from '../config.ts';

const trustProxy = (value: string) => loadConfig({ GRIDGUARD_TRUST_PROXY: value }).trustProxy;
// 'read' scaled down to 6 a minute.
const publicLimitScale = 0.05;

function publicRead(t: TestApp, remoteAddress: string, forwardedFor: string) {
  return t.app.inject({ method: 'GET', url: '/api/v1/public/regions', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
}

async function sixPublicReads(t: TestApp, remoteAddress: string, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await publicRead(t, remoteAddress, forwardedFor(i))).statusCode);
  return statuses;
}

const wrong = (i: number) => `wrong-password-${i}`;

/** The describe block's app, started with this GRIDGUARD_TRUST_PROXY (read through loadConfig). */
function appTrusting(value: string): () => TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await buildTestApp({ publicLimitScale, trustProxy: trustProxy(value) });
  });
  afterAll(() => started?.close());
  return () => {
    if (!started) throw new Error('the app did not start');
    return started;
  };
}

describe('GRIDGUARD_TRUST_PROXY=off (the default)', () => {
  const appOf = appTrusting('off');

  it('ignores X-Forwarded-For for the public limits: a new forged address each request still hits the limit', async () => {
    const t = appOf();
    expect(await sixPublicReads(t, '192.0.2.60', (i) => `203.0.113.${i + 1}`)).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await publicRead(t, '192.0.2.60', '203.0.113.99')).statusCode).toBe(429);
  });

  it('throttles sign-in and writes the audit by the socket address, whatever the header says', async () => {
    const t = appOf();
    const { username, user } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    for (let i = 0; i < 5; i++) {
      const res = await attemptSignIn(t.app, { username, password: wrong(i), ip: '192.0.2.61', headers: { 'x-forwarded-for': `203.0.113.${i + 10}` } });
      expect(res.statusCode).toBe(401);
    }
    expect(await auditedAddress(t.app, user.id, 'login_failed')).toBe('192.0.2.61');
    const sixth = await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '192.0.2.61', headers: { 'x-forwarded-for': '203.0.113.50' } });
    expect(sixth.statusCode).toBe(429);
  });
});

describe('GRIDGUARD_TRUST_PROXY=1 (one nginx in front)', () => {
  const appOf = appTrusting('1');

  it('counts the public limits per address the proxy saw, not per proxy', async () => {
    const t = appOf();
    // The client's own (forged) entry comes first; nginx appends the address it saw.
    expect(await sixPublicReads(t, '127.0.0.1', () => 'forged, 203.0.113.70')).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await publicRead(t, '127.0.0.1', 'forged-again, 203.0.113.70')).statusCode).toBe(429);
    expect((await publicRead(t, '127.0.0.1', '203.0.113.70, 203.0.113.71')).statusCode).toBe(200);
  });

  it('throttles sign-in per client address and writes that address in the audit', async () => {
    const t = appOf();
    const { username, user } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const via = (client: string) => ({ ip: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 5; i++) expect((await attemptSignIn(t.app, { username, password: wrong(i), ...via('203.0.113.72') })).statusCode).toBe(401);
    expect(await auditedAddress(t.app, user.id, 'login_failed')).toBe('203.0.113.72');
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ...via('203.0.113.72') })).statusCode).toBe(429);
    expect((await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ...via('203.0.113.72, 203.0.113.73') })).statusCode).toBe(200);
    expect(await auditedAddress(t.app, user.id, 'login')).toBe('203.0.113.73');
  });
});

describe('GRIDGUARD_TRUST_PROXY as a list of proxy addresses and CIDRs', () => {
  const appOf = appTrusting('10.0.0.0/8, ::1');

  it('believes X-Forwarded-For from a listed proxy, for the public limits', async () => {
    const t = appOf();
    expect(await sixPublicReads(t, '10.1.2.3', () => '203.0.113.80')).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await publicRead(t, '10.9.9.9', '203.0.113.80')).statusCode).toBe(429);
    expect((await publicRead(t, '10.1.2.3', '203.0.113.81')).statusCode).toBe(200);
  });

  it('ignores it from anyone else', async () => {
    const t = appOf();
    expect(await sixPublicReads(t, '192.0.2.90', (i) => `203.0.113.${i + 100}`)).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await publicRead(t, '192.0.2.90', '203.0.113.120')).statusCode).toBe(429);
  });

  it('audits the client address behind a listed proxy, and the socket address otherwise', async () => {
    const t = appOf();
    const { username, user } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.82' } });
    expect(await auditedAddress(t.app, user.id, 'login')).toBe('203.0.113.82');
    await attemptSignIn(t.app, { username, password: TEST_PASSWORD, ip: '192.0.2.91', headers: { 'x-forwarded-for': '203.0.113.83' } });
    expect(await auditedAddress(t.app, user.id, 'login')).toBe('192.0.2.91');
  });
});

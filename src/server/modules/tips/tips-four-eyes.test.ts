// Four eyes on rewards: nobody decides a reward they proposed — directly, through an account
// they created or last granted, or as the maker of the proposer's account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { backfillAccountLinks } from '../../db/migrations/0018_account_grants.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { filer } from './tip-test-helpers.ts';

let t: TestApp;
let f: ReturnType<typeof filer>;
type Headers = Record<string, string>;
let handler: Headers;
beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  f = filer(t.app);
  handler = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
});
afterAll(() => t.close());

let seq = 0;
const versionOf = async (id: string) => Number((await t.app.db.selectFrom('tips').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
const act = async (id: string, body: object, headers: Headers) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/tips/${id}`, headers, payload: { version: await versionOf(id), ...body } });

/** A substantiated tip with a reward proposed by `proposer`. */
async function proposedBy(proposer: Headers): Promise<string> {
  seq += 1;
  const code = await f.file({ category: 'banquet', regionId: t.tree.gridA, description: `第${seq}次四眼测试：村口${seq * 104729}号有人办酒席` });
  const { id } = await t.app.db.selectFrom('tips').select('id').where('tracking_hash', '=', t.app.fieldCrypto.index(`tip:${code}`)).executeTakeFirstOrThrow();
  expect((await act(id, { action: 'handle', substantiated: true, actionTaken: '已劝停' }, handler)).statusCode).toBe(200);
  expect((await act(id, { action: 'propose_reward', amount: 100 }, proposer)).statusCode).toBe(200);
  return id;
}

function expectConflictOfInterest(res: { statusCode: number; json: () => { error: { details: { path: string; message: string }[] } } }) {
  expect(res.statusCode).toBe(422);
  expect(res.json().error.details).toEqual([{ path: 'action', message: 'the proposer created or last changed your account, or you theirs: another officer must decide it' }]);
}

const STRONG = 'plum-kettle-harbour-9';
const createOfficer = async (by: Headers, username: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: by, payload: { username, displayName: '新镇干部', role: 'town_officer', regionId: t.tree.townA, password: STRONG } });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
/** Signs the new account in, replaces its first password, and returns bearer-free session headers. */
async function firstSignIn(username: string): Promise<Headers> {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: STRONG } });
  const cookie = String([login.headers['set-cookie']].flat().find((c) => String(c).startsWith('gg_session='))).split(';')[0] ?? '';
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
  const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: STRONG, newPassword: `${STRONG}-own` } });
  expect(changed.statusCode).toBe(200);
  return headers;
}

describe('deciding a reward', () => {
  it('refuses the second town officer of issue 13 approving the first one’s proposal (accounts made before the fix)', async () => {
    const first = await signIn(t.app, 'town_officer', t.tree.townA);
    const second = await signIn(t.app, 'town_officer', t.tree.townA);
    // Before the grant rule the first officer created the second: only the audit trail says so.
    await t.app.db
      .insertInto('audit_log')
      .values({ id: newId(), at: nowIso(), user_id: first.user.id, action: 'create', entity: 'user', entity_id: second.user.id, region_id: t.tree.townA, ip: null, purpose: null, details: JSON.stringify({ username: second.username, role: 'town_officer' }) })
      .execute();
    await backfillAccountLinks(t.app.db as unknown as Kysely<unknown>);
    const id = await proposedBy(first.headers);
    expectConflictOfInterest(await act(id, { action: 'approve_reward' }, second.headers));
    expectConflictOfInterest(await act(id, { action: 'reject_reward', note: '金额偏高' }, second.headers));
    const independent = await signIn(t.app, 'town_officer', t.tree.townA);
    expect((await act(id, { action: 'approve_reward' }, independent.headers)).statusCode).toBe(200);
  });

  it('refuses an account the proposer created, and the proposer’s own maker, through the API', async () => {
    const commander = await signIn(t.app, 'commander', t.tree.county);
    await createOfficer(commander.headers, 'officer.made');
    const made = await firstSignIn('officer.made');
    // The commander proposes; the officer it made may not decide.
    expectConflictOfInterest(await act(await proposedBy(commander.headers), { action: 'approve_reward' }, made));
    // The officer proposes; the commander who made (and could reset) its account may not decide either.
    expectConflictOfInterest(await act(await proposedBy(made), { action: 'approve_reward' }, commander.headers));
  });

  it('refuses an account whose password the proposer last set', async () => {
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const officer = await signIn(t.app, 'town_officer', t.tree.townA);
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${officer.user.id}`, headers: admin.headers, payload: { password: STRONG } });
    expect(reset.statusCode).toBe(200);
    const officerHeaders = await firstSignIn(officer.username);
    expectConflictOfInterest(await act(await proposedBy(admin.headers), { action: 'approve_reward' }, officerHeaders));
  });
});

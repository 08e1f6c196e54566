// The audit log's retention as a county setting (issue 21, item 5), on SQLite and PostgreSQL:
// the installation's default until the county sets its own on the retention settings, refused
// below the legal minimum or shorter than any kind of the data (naming the field, nothing
// saved), audited, and the one the nightly audit cut obeys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { fastInsert } from '../../db/fast-insert.ts';
import { newId } from '../../platform/ids.ts';
import { auditRetentionJob } from '../audit/audit.jobs.ts';
import { auditRetentionInForce } from './retention.service.ts';

let t: TestApp;
let commander: Record<string, string>;
let townCommander: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  townCommander = (await signIn(t.app, 'commander', t.tree.townA)).headers;
});
afterAll(() => t.close());

const INSTALLATION = () => t.app.config.auditRetentionDays;
const put = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: '/api/v1/retention', headers, payload });
const settings = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/retention', headers: commander });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ policies: { kind: string; days: number }[]; audit: { days: number; defaultDays: number; minimumDays: number; setByCounty: boolean } }>();
};
const refusal = (res: { statusCode: number; body: string; json: <T>() => T }) => {
  expect(res.statusCode, res.body).toBe(422);
  return res.json<{ error: { message: string; details: { path: string; message: string }[] } }>().error;
};

describe('audit retention (county setting)', () => {
  it('is the installation’s default until the county sets one, with the legal minimum shown', async () => {
    expect((await settings()).audit).toEqual({ days: INSTALLATION(), defaultDays: INSTALLATION(), minimumDays: 366, setByCounty: false });
    expect(await auditRetentionInForce(t.app.db, INSTALLATION())).toBe(INSTALLATION());
  });

  it('refuses less than the legal minimum, and an audit log shorter than the data it records, naming the field; nothing saved', async () => {
    const short = refusal(await put(commander, { days: { family_events: 45 }, auditDays: 200 }));
    expect(short.details[0]?.path).toBe('auditDays');
    expect(JSON.stringify(short)).toMatch(/at least 366 days.*legal minimum.*200 is shorter/);

    const underData = refusal(await put(commander, { days: { quarantine: 500 }, auditDays: 400 }));
    expect(underData.details[0]?.path).toBe('auditDays');
    expect(JSON.stringify(underData)).toMatch(/kept 400 days.*must outlive.*quarantine orders.*500 days/);

    // A kind raised past the audit log in force (the installation's default) names the kind.
    const kindTooLong = refusal(await put(commander, { days: { handovers: INSTALLATION() + 10 } }));
    expect(kindTooLong.details[0]?.path).toBe('days.handovers');

    const after = await settings();
    expect(after.audit.setByCounty).toBe(false);
    expect(after.policies.find((p) => p.kind === 'family_events')?.days).toBe(30);
    expect(after.policies.find((p) => p.kind === 'quarantine')?.days).toBe(60);
    expect((await put(commander, { auditDays: 'long' })).statusCode).toBe(400);
  });

  it('saves the county’s value (audited), only from the county, and the audit cut obeys it', async () => {
    expect((await put(townCommander, { auditDays: 800 })).statusCode).toBe(403);
    const res = await put(commander, { auditDays: 1500 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ audit: unknown }>().audit).toEqual({ days: 1500, defaultDays: INSTALLATION(), minimumDays: 366, setByCounty: true });
    expect(await auditRetentionInForce(t.app.db, INSTALLATION())).toBe(1500);
    const entry = await t.app.db.selectFrom('audit_log').select('details').where('entity', '=', 'retention').where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(String(entry.details))).toEqual({ changed: { audit_log: { from: INSTALLATION(), to: 1500 } } });

    // An entry 1,200 days old: past the installation's 1,095, inside the county's 1,500 — kept;
    // then the county shortens to 1,100 and the nightly cut exports and removes it.
    const now = new Date();
    const old = newId();
    await fastInsert(t.app.db, 'audit_log', { id: old, at: new Date(now.getTime() - 1200 * 86_400_000).toISOString(), user_id: null, action: 'read', entity: 'person', entity_id: null, region_id: null, ip: null, purpose: null, details: null });
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-audit-retention-'));
    const job = auditRetentionJob({ timeZone: t.app.config.timeZone, backupDir, retentionDays: INSTALLATION() });
    const present = async () => (await t.app.db.selectFrom('audit_log').select('id').where('id', '=', old).executeTakeFirst()) !== undefined;
    await job.run(t.app.db, 'a', now);
    expect(await present()).toBe(true);
    expect((await put(commander, { auditDays: 1100 })).statusCode).toBe(200);
    await job.run(t.app.db, 'b', now);
    expect(await present()).toBe(false);
    expect(fs.readdirSync(path.join(backupDir, 'audit')).some((f) => f.endsWith('.manifest.json'))).toBe(true);
    fs.rmSync(backupDir, { recursive: true, force: true });
  });
});

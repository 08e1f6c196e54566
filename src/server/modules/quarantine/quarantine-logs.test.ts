// Temperatures and symptoms are health data: not in logs (even at trace level), not in error
// answers, not in audit details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildLoggingTestApp, signIn } from '../../../../test/support/app.ts';
import { dayIn } from '../../platform/time.ts';

let t: TestApp;
let logs = '';
beforeAll(async () => {
  t = await buildLoggingTestApp((text) => {
    logs += text;
  });
});
afterAll(() => t.close());

describe('health data', () => {
  it('stays out of logs, error answers and the audit log', async () => {
    const { headers } = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const person = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId: t.tree.gridA, name: '隔离人', category: 'resident' } });
    const order = await t.app.inject({ method: 'POST', url: '/api/v1/quarantines', headers, payload: { personId: person.json().id, reason: '返乡', startOn: dayIn(t.app.config.timeZone) } });
    const url = `/api/v1/quarantines/${order.json().id}/checks`;
    const ok = await t.app.inject({ method: 'POST', url, headers, payload: { temperature: 38.65, symptoms: ['loss_of_smell'], note: '嗅觉丧失很明显' } });
    expect(ok.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url, headers, payload: { temperature: 44.45, symptoms: ['diarrhea'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/44\.45|diarrhea/);
    await t.app.inject({ method: 'GET', url: `/api/v1/quarantines/${order.json().id}`, headers });
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['38.65', '44.45', 'loss_of_smell', 'diarrhea', '嗅觉丧失很明显']) expect(logs).not.toContain(secret);
    const audit = JSON.stringify(await t.app.db.selectFrom('audit_log').select('details').execute());
    for (const secret of ['38.65', 'loss_of_smell', '嗅觉丧失很明显']) expect(audit).not.toContain(secret);
  });
});

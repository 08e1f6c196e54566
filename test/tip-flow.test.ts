// The web's buttons and the server's steps are one table (shared/tip-flow.ts): in every status of
// the loop, the server takes exactly the steps the web offers, and refuses the others with 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from './support/app.ts';
import type { TipStep } from '../src/shared/tip-flow.ts';
import type { TipStatus } from '../src/shared/tips.ts';
import { loopActions } from '../src/web/features/tips/tipFlow.ts';
import { filer } from '../src/server/modules/tips/tip-test-helpers.ts';

let t: TestApp;
let f: ReturnType<typeof filer>;
let officer: Record<string, string>;
/** A town officer of the tip's town: a handler and a supervisor, so every step is the status's to allow. */
const actor = { role: 'town_officer', level: 'town' } as const;

beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  f = filer(t.app);
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
});
afterAll(() => t.close());

const STEPS: readonly TipStep[] = ['assess', 'route', 'handle', 'supervise', 'answer', 'evaluate'];
/** How a tip in grid A is brought to each status. */
const PATHS: Record<TipStatus, readonly TipStep[]> = {
  received: [],
  assessed: ['assess'],
  routed: ['route'],
  handled: ['handle'],
  supervised: ['handle', 'supervise'],
  answered: ['handle', 'answer'],
  evaluated: ['handle', 'answer', 'evaluate'],
};

let seq = 0;
async function tipIn(status: TipStatus): Promise<string> {
  seq += 1;
  const code = await f.file({ category: 'gathering', regionId: t.tree.gridA, description: `流程第${seq}号：${'甲乙丙丁戊己庚辛壬癸'.slice(seq % 10)}${seq * 7919}处有人聚集` });
  const { id } = await t.app.db.selectFrom('tips').select('id').where('tracking_hash', '=', t.app.fieldCrypto.index(`tip:${code}`)).executeTakeFirstOrThrow();
  for (const step of PATHS[status]) expect((await take(id, step)).statusCode).toBe(200);
  return id;
}

/** One step with the tip's current version and a body the step accepts. */
async function take(id: string, step: TipStep) {
  const row = await t.app.db.selectFrom('tips').select(['version', 'region_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const bodies: Record<TipStep, object> = {
    assess: { note: '需核查' },
    route: { regionId: row.region_id === t.tree.villageA ? t.tree.gridA : t.tree.villageA },
    handle: { substantiated: true, actionTaken: '已劝散' },
    supervise: { note: '请尽快反馈' },
    answer: { reply: '已处理，感谢举报' },
    evaluate: {},
  };
  return t.app.inject({ method: 'PATCH', url: `/api/v1/tips/${id}`, headers: officer, payload: { action: step, version: Number(row.version), ...bodies[step] } });
}

describe('the tip loop, on both sides', () => {
  it.each(Object.keys(PATHS) as TipStatus[])('takes from %s exactly the steps the web offers', async (status) => {
    const offered = loopActions({ status, substantiated: null }, actor);
    const refusedOn = await tipIn(status);
    for (const step of STEPS.filter((s) => !offered.includes(s))) {
      const res = await take(refusedOn, step);
      expect(res.statusCode, `${step} from ${status}: ${res.body}`).toBe(409);
    }
    for (const step of offered) {
      const res = await take(await tipIn(status), step as TipStep);
      expect(res.statusCode, `${step} from ${status}: ${res.body}`).toBe(200);
    }
  });
});

// Demo tips (有奖举报) for the demo county, the same for the same seed: about 300 tips over the
// last 60 days, filed for towns, villages and grids; each has walked the loop as far as its age
// allows (received → assessed → routed → handled → supervised → answered → evaluated), a few are
// left overdue, some found true carry a reward at every step (proposed, approved, rejected,
// paid), and a few groups of duplicates repeat one incident in other words. The counters are
// bumped as the module bumps them: `tips.<status>` on each tip's current region.
import type { Insertable } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { TipCategory, TipStatus } from '../../shared/tips.ts';
import { TIP_ACCEPT_DAYS, TIP_HANDLE_DAYS } from '../../shared/tips.ts';
import type { Database } from '../db/connect.ts';
import { metricStatus } from '../modules/tips/tip-counters.ts';
import type { TipEventsTable, TipRewardsTable, TipsTable } from '../modules/tips/tips.tables.ts';
import { newTrackingCode, trackingHash } from '../modules/tips/tracking-code.ts';
import { CounterBatch, applyCounterBatch } from '../modules/stats/counters.ts';
import { maskPhone } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import type { CommandDemoInput } from './command.ts';
import { demoMobile } from './identity.ts';
import { insertRows } from './insert-rows.ts';
import { type Rng, createRng, weighted } from './prng.ts';
import type { DemoRegion } from './territory.ts';
import { fromBool } from '../db/dialect.ts';
import { ancestorIdAt } from '../../shared/region-path.ts';

const TIPS = 300;
const DAYS = 60;
const DUPLICATE_GROUPS = 8;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CATEGORY = weighted<TipCategory>([['gathering', 30], ['no_mask', 20], ['unregistered_arrival', 18], ['quarantine_breach', 12], ['banquet', 12], ['other', 8]]);
const WHAT: Record<TipCategory, readonly string[]> = {
  gathering: ['有二十多人聚集打麻将', '晚上有人聚在一起打牌，人很多', '广场上跳舞的人聚集了三四十个', '小卖部门口每天都有一群人聚着聊天'],
  no_mask: ['进出的人大多没戴口罩', '店主和顾客都不戴口罩', '排队的人没戴口罩，也不保持距离', '工作人员口罩挂在下巴上'],
  unregistered_arrival: ['有一家人刚从外地回来，没去村里登记', '出租房里新住进几个外地人，好像没登记', '邻居家儿子从外省回来两天了，没报备', '工地上来了一批外地工人，不知道登记没有'],
  quarantine_breach: ['居家隔离的人每天出门买菜', '隔离户家里一直有亲戚进出', '贴了封条的人家晚上有人出来走动', '说是在隔离，白天却在地里干活'],
  banquet: ['有人家要办满月酒，请了二十多桌', '明天有人办寿宴，在自家院子摆酒席', '有人结婚照常大办酒席', '乔迁请客，来了很多外村的人'],
  other: ['药店卖退烧药不登记', '有人在群里传谣言说要封村', '卡口晚上没有人值守', '垃圾站附近堆着用过的口罩没人清理'],
};
const WHERE = ['村文化礼堂', '村口小卖部', '菜市场', '老年活动室', '村委会广场', '祠堂', '棋牌室', '三组晒谷场', '镇上饭店', '河边凉亭'];
const ACTIONS_TRUE = ['已到现场劝散，并进行防疫宣传教育', '已上门核实并督促登记，纳入网格管理', '已责令整改，安排网格员每日巡查', '已劝导取消宴席，事主签订承诺书'];
const ACTIONS_FALSE = ['现场核查未发现所反映情况', '经核实，相关人员已按规定登记', '上门了解，情况与举报不符'];
const REPLY_TRUE = '经核实，您反映的情况属实，已依规处置。感谢您对疫情防控工作的支持！';
const REPLY_FALSE = '经现场核查，未发现您反映的情况，我们将持续关注。感谢您的监督！';
const ASSESS_NOTES = ['情况具体，转网格核实', '需现场核查', '属防控范围，受理'];
const AMOUNTS_YUAN = [50, 100, 100, 200, 200, 300, 500];

interface People {
  commander: string;
  officerOfTown: Map<number, string>;
  secretaryOfVillage: Map<number, string>;
  leaderOfGrid: Map<number, string>;
}

interface Built {
  tips: Insertable<TipsTable>[];
  events: TipEventsTable[];
  rewards: TipRewardsTable[];
}

export async function seedDemoTips(database: Database, input: CommandDemoInput): Promise<void> {
  const { territory, crypto } = input;
  if (territory.towns.length === 0) return;
  const rng = createRng(`${input.seed}/tips`);
  const people = await staffOf(database, input);
  const byId = new Map<number, DemoRegion>(territory.regions.map((r) => [r.id, r]));
  const childrenOf = new Map<number, DemoRegion[]>();
  for (const r of territory.regions) if (r.level !== 'microgrid') childrenOf.set(r.parent_id, [...(childrenOf.get(r.parent_id) ?? []), r]);
  const now = Date.now();
  const built: Built = { tips: [], events: [], rewards: [] };

  const pickRegion = (r: Rng): DemoRegion => {
    const u = r.next();
    return r.pick(u < 0.25 ? territory.towns : u < 0.65 ? territory.villages : territory.grids);
  };
  /** Where a tip is sent on: a child of the region, else the parent village. */
  const routeTarget = (r: Rng, region: DemoRegion): DemoRegion | null => {
    const children = childrenOf.get(region.id) ?? [];
    if (children.length > 0) return r.pick(children);
    const parent = byId.get(region.parent_id);
    return parent && parent.level !== 'town' ? parent : null;
  };
  const walk = (r: Rng, tip: TipDraft) => walkLoop(r, tip, { now, people, byId, routeTarget, built });
  const hashOf = () => (crypto ? trackingHash(crypto, newTrackingCode()) : `demo:${randomBytes(16).toString('hex')}`);

  for (let i = 0; i < TIPS; i++) {
    const r = rng.fork(`tip${i}`);
    const region = pickRegion(r);
    const category = CATEGORY(r.next());
    const filedAt = now - r.between(0, DAYS * 24 - 1) * HOUR - r.int(60) * 60_000;
    const place = r.chance(0.7) ? r.pick(WHERE) : null;
    const description = `${place ?? region.name}${r.pick(WHAT[category])}。`;
    walk(r, draft(r, { id: newId(), region, category, filedAt, place, description, hash: hashOf(), crypto }));
  }
  // Groups of duplicates: one incident, told again by others within two days.
  for (let g = 0; g < DUPLICATE_GROUPS; g++) {
    const r = rng.fork(`group${g}`);
    const region = r.pick(territory.villages);
    const category = CATEGORY(r.next());
    const place = r.pick(WHERE);
    const what = r.pick(WHAT[category]);
    const filedAt = now - r.between(1, 20) * DAY;
    const leader = draft(r, { id: newId(), region, category, filedAt, place, description: `${place}${what}。`, hash: hashOf(), crypto });
    leader.groupId = leader.id;
    walk(r, leader);
    const copies = r.between(1, 3);
    for (let c = 0; c < copies; c++) {
      const copy = draft(r, { id: newId(), region, category, filedAt: Math.min(now - 10 * 60_000, filedAt + r.between(1, 40) * HOUR), place: r.chance(0.5) ? place : null, description: `${place}这边${what}，请尽快处理！`, hash: hashOf(), crypto });
      copy.groupId = leader.id;
      walk(r, copy);
    }
  }

  const batch = new CounterBatch();
  for (const t of built.tips) {
    const region = byId.get(t.region_id);
    if (region) batch.add(region.path, { [metricStatus(t.status)]: 1 });
  }
  await database.db.transaction().execute(async (tx) => {
    await insertRows(tx, 'tips', built.tips);
    await insertRows(tx, 'tip_events', built.events);
    await insertRows(tx, 'tip_rewards', built.rewards);
    await applyCounterBatch(tx, batch);
  });
}

async function staffOf(database: Database, input: CommandDemoInput): Promise<People> {
  const ids = input.territory.regions.filter((r) => r.level !== 'microgrid').map((r) => r.id);
  const rows: { id: string; role: string; region_id: number }[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(
      ...(await database.db
        .selectFrom('users')
        .select(['id', 'role', 'region_id'])
        .where('role', 'in', ['town_officer', 'village_secretary', 'grid_leader'])
        .where('region_id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  }
  const of = (role: string) => new Map(rows.filter((u) => u.role === role).map((u) => [u.region_id, u.id]));
  return { commander: input.createdBy, officerOfTown: of('town_officer'), secretaryOfVillage: of('village_secretary'), leaderOfGrid: of('grid_leader') };
}

interface TipDraft {
  id: string;
  region: DemoRegion;
  category: TipCategory;
  filedAt: number;
  place: string | null;
  description: string;
  hash: string;
  phone: string | null;
  groupId: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
}

function draft(r: Rng, d: Omit<TipDraft, 'phone' | 'groupId' | 'phoneEnc' | 'phoneHash'> & { crypto: CommandDemoInput['crypto'] }): TipDraft {
  // About half give a phone number (only when the seeder can encrypt it).
  const phone = d.crypto && r.chance(0.45) ? demoMobile(r) : null;
  return {
    id: d.id,
    region: d.region,
    category: d.category,
    filedAt: d.filedAt,
    place: d.place,
    description: d.description,
    hash: d.hash,
    phone,
    groupId: null,
    phoneEnc: phone && d.crypto ? d.crypto.encrypt(phone) : null,
    phoneHash: phone && d.crypto ? d.crypto.index(phone) : null,
  };
}

interface WalkContext {
  now: number;
  people: People;
  byId: Map<number, DemoRegion>;
  routeTarget: (r: Rng, region: DemoRegion) => DemoRegion | null;
  built: Built;
}

/** The tip goes as far along the loop as its age allows (a few stall and run late). */
function walkLoop(r: Rng, tip: TipDraft, ctx: WalkContext): void {
  const { now, people, built } = ctx;
  const iso = (ms: number) => new Date(ms).toISOString();
  let region = tip.region;
  let status: TipStatus = 'received';
  let at = tip.filedAt;
  const stamps: Partial<Record<'assessed' | 'handled' | 'answered' | 'evaluated', string>> = {};
  const events: TipEventsTable[] = [{ id: newId(), tip_id: tip.id, action: 'filed', status, note: null, user_id: null, at: iso(at) }];
  const townOf = (reg: DemoRegion) => ancestorIdAt(reg.path, 'town') ?? reg.id;
  /** The staff member of a region who handles it: the grid leader, village secretary or town officer. */
  const handlerOf = (reg: DemoRegion) =>
    (reg.level === 'grid' ? people.leaderOfGrid.get(reg.id) : reg.level === 'village' ? people.secretaryOfVillage.get(reg.id) : people.officerOfTown.get(reg.id)) ?? people.commander;
  const officerOf = (reg: DemoRegion) => people.officerOfTown.get(townOf(reg)) ?? people.commander;
  /** Moves the clock on; false when that moment is still to come (the tip stays where it is). */
  const step = (minHours: number, maxHours: number) => {
    const next = at + r.between(minHours * 60, maxHours * 60) * 60_000;
    if (next > now) return false;
    at = next;
    return true;
  };
  const record = (action: TipEventsTable['action'], to: TipStatus, note: string | null, user: string) => {
    status = to;
    events.push({ id: newId(), tip_id: tip.id, action, status, note, user_id: user, at: iso(at) });
  };
  // One in twenty stalls where it was filed: overdue on the inbox.
  const stalls = r.chance(0.05);
  let substantiated: boolean | null = null;
  let actionTaken: string | null = null;
  let reply: string | null = null;

  loop: {
    if (stalls || !step(2, r.chance(0.1) ? 72 : 30)) break loop;
    stamps.assessed = iso(at);
    record('assess', 'assessed', r.pick(ASSESS_NOTES), handlerOf(region));
    if (r.chance(0.35)) {
      const target = ctx.routeTarget(r, region);
      if (target && step(1, 12)) {
        record('route', 'routed', `转${target.name}核实处置`, handlerOf(region));
        region = target;
      } else if (target) break loop;
    }
    if (!step(12, r.chance(0.1) ? 200 : 120)) break loop;
    substantiated = r.chance(0.75);
    actionTaken = r.pick(substantiated ? ACTIONS_TRUE : ACTIONS_FALSE);
    stamps.handled = iso(at);
    record('handle', 'handled', actionTaken, handlerOf(region));
    if (r.chance(0.5)) {
      if (!step(4, 24)) break loop;
      record('supervise', 'supervised', '已督办，处置到位', officerOf(region));
    }
    if (!step(2, 24)) break loop;
    reply = substantiated ? REPLY_TRUE : REPLY_FALSE;
    stamps.answered = iso(at);
    record('answer', 'answered', null, handlerOf(region));
    if (!step(24, 96)) break loop;
    stamps.evaluated = iso(at);
    record('evaluate', 'evaluated', r.pick(['处置及时', '群众满意', null]), officerOf(region));
  }

  // Steps of the reward keep the tip's status of their moment.
  const loopEvents = [...events];
  const statusAt = (ms: number) => loopEvents.filter((e) => Date.parse(e.at) <= ms).at(-1)?.status ?? status;
  // Rewards for some tips found true, at every step of their own.
  if (substantiated && stamps.handled && !tip.groupId && r.chance(0.45)) {
    const proposer = handlerOf(region);
    const proposedAt = Date.parse(stamps.handled) + r.between(1, 48) * HOUR;
    if (proposedAt <= now) {
      const decider = proposer === officerOf(region) ? people.commander : officerOf(region);
      const reward: TipRewardsTable = {
        tip_id: tip.id,
        region_id: region.id,
        amount_cents: r.pick(AMOUNTS_YUAN) * 100,
        status: 'proposed',
        proposed_at: iso(proposedAt),
        proposed_by: proposer,
        decided_at: null,
        decided_by: null,
        decision_note: null,
        paid_at: null,
        paid_by: null,
        pay_reference: null,
      };
      events.push({ id: newId(), tip_id: tip.id, action: 'propose_reward', status: statusAt(proposedAt), note: '举报属实，建议奖励', user_id: proposer, at: iso(proposedAt) });
      const decidedAt = proposedAt + r.between(4, 96) * HOUR;
      const u = r.next();
      if (decidedAt <= now && u < 0.85) {
        const approved = u < 0.7;
        Object.assign(reward, { status: approved ? 'approved' : 'rejected', decided_at: iso(decidedAt), decided_by: decider, decision_note: approved ? '同意' : '线索价值不高，不予奖励' });
        events.push({ id: newId(), tip_id: tip.id, action: approved ? 'approve_reward' : 'reject_reward', status: statusAt(decidedAt), note: reward.decision_note, user_id: decider, at: iso(decidedAt) });
        const paidAt = decidedAt + r.between(24, 240) * HOUR;
        if (approved && paidAt <= now && r.chance(0.6)) {
          const reference = `DEMO-${iso(paidAt).slice(0, 10).replace(/-/g, '')}-${String(built.rewards.length + 1).padStart(4, '0')}`;
          Object.assign(reward, { status: 'paid', paid_at: iso(paidAt), paid_by: proposer, pay_reference: reference });
          events.push({ id: newId(), tip_id: tip.id, action: 'pay_reward', status: statusAt(paidAt), note: `paid: ${reference}`, user_id: proposer, at: iso(paidAt) });
        }
      }
      built.rewards.push(reward);
    }
  }

  const lastAt = events.reduce((m, e) => (e.at > m ? e.at : m), events[0]?.at ?? iso(tip.filedAt));
  built.events.push(...events);
  built.tips.push({
    id: tip.id,
    tracking_hash: tip.hash,
    category: tip.category,
    region_id: region.id,
    filed_region_id: tip.region.id,
    description: tip.description,
    place: tip.place,
    anonymous: tip.phone ? 0 : 1,
    phone_enc: tip.phoneEnc,
    phone_hash: tip.phoneHash,
    phone_masked: tip.phone ? maskPhone(tip.phone) : null,
    source_hash: null,
    status,
    substantiated: substantiated === null ? null : fromBool(substantiated),
    action_taken: actionTaken,
    reply,
    group_id: tip.groupId,
    photo_count: 0,
    filed_at: iso(tip.filedAt),
    accept_due_at: iso(tip.filedAt + TIP_ACCEPT_DAYS * DAY),
    handle_due_at: iso(tip.filedAt + TIP_HANDLE_DAYS * DAY),
    assessed_at: stamps.assessed ?? null,
    handled_at: stamps.handled ?? null,
    answered_at: stamps.answered ?? null,
    evaluated_at: stamps.evaluated ?? null,
    updated_at: lastAt,
    version: events.length,
  });
}

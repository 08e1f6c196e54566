// Who sees what (issue 21 item 6), from the code rather than by hand. The kinds of data below
// name the API paths that answer them and how they answer (masked, or full); who reaches those
// paths, and under which scope, is read from the routes' own declared access (app.routeCatalog,
// platform/scope.ts) — the same declarations the scope hook enforces. Full ID and phone numbers
// follow REVEAL_ROLES, the constant revealGrant enforces. `npm run docs:access` writes the table
// into docs/security.md; data-access.test.ts fails when the committed table differs, when a
// path below answers no route, or when a read route is in no kind.
import { ROLES, type Role } from '../../shared/accounts.ts';
import { LIGHT_ROLES } from './access.ts';
import { REVEAL_ROLES } from './reveal.ts';
import type { RouteAccessEntry } from './scope.ts';

export interface DataKind {
  key: string;
  zh: string;
  en: string;
  /** First path segments after /api/v1/ whose read routes answer this kind. */
  paths: readonly string[];
  /** How the paths answer it to whoever reaches them. */
  shown: 'masked' | 'full';
  /** Who may see it in full on asking, and on what condition. */
  fullOnRequest?: { roles: readonly Role[]; condition: string };
}

export const DATA_KINDS: readonly DataKind[] = [
  {
    key: 'id-phone',
    zh: '居民身份证号、手机号',
    en: 'Residents’ ID and phone numbers',
    paths: ['persons', 'households', 'forms', 'arrivals', 'verification-lists', 'exports'],
    shown: 'masked',
    fullOnRequest: { roles: REVEAL_ROLES, condition: 'purpose' },
  },
  { key: 'residents', zh: '居民姓名、住址、户成员、走访', en: 'Residents’ names, addresses, households, visits', paths: ['persons', 'households', 'forms', 'edit-conflicts', 'imports'], shown: 'full' },
  { key: 'health', zh: '隔离、健康监测（体温、症状、原因）', en: 'Quarantine and health checks (temperatures, symptoms, reason)', paths: ['quarantines'], shown: 'full' },
  { key: 'arrivals', zh: '返乡自主登记', en: 'Arrival self-registrations', paths: ['arrivals', 'arrival-codes'], shown: 'full' },
  { key: 'verification', zh: '核查名单与任务、企业员工名单', en: 'Verification lists and tasks, enterprises’ worker lists', paths: ['verification-lists', 'verification-tasks', 'spot-checks', 'enterprise-codes'], shown: 'full' },
  { key: 'handovers', zh: '人员移交', en: 'Hand-overs of people', paths: ['handovers'], shown: 'full' },
  { key: 'contacts', zh: '责任人、志愿者（姓名、电话）', en: 'Responsible people and volunteers (names, phones)', paths: ['responsibility', 'responsible', 'volunteers'], shown: 'full' },
  { key: 'tips', zh: '群众举报（举报人电话、照片）', en: 'Tips (reporters’ phones, photos)', paths: ['tips'], shown: 'full' },
  { key: 'family-events', zh: '红白事报备', en: 'Family events', paths: ['family-events'], shown: 'full' },
  { key: 'field-work', zh: '巡查、检查、整改（照片）', en: 'Patrols, inspections, rectifications (photos)', paths: ['patrol-logs', 'patrol-teams', 'inspections', 'rectifications'], shown: 'full' },
  { key: 'audit', zh: '审计日志', en: 'The audit log', paths: ['audit'], shown: 'full' },
  { key: 'accounts', zh: '工作人员账号', en: 'Staff accounts', paths: ['users'], shown: 'full' },
  { key: 'aggregates', zh: '统计、日报、风险、卡口、通知（汇总，无个人信息）', en: 'Counts, daily reports, risk, checkpoints, notices (aggregates, nothing personal)', paths: ['stats', 'daily-reports', 'risk', 'checkpoints', 'notices', 'regions', 'settings', 'events', 'departures', 'retention', 'stand-downs'], shown: 'full' },
];

/** Read paths that answer nothing of anybody else's: one's own session, the public pages. */
export const NOT_DATA_PATHS: readonly string[] = ['auth', 'public'];

export type Cell = { level: 'none' | 'masked' | 'full'; conditions: string[] };

export const segmentOf = (url: string): string => url.replace(/^\/api\/v1\//, '').split('/')[0] ?? '';

/** Routes that read: GETs, and POSTs marked readsOnly (searches whose text stays out of URLs). */
export const readRoutes = (catalog: readonly RouteAccessEntry[]) =>
  catalog.filter((r) => r.method === 'GET' || (r.method === 'POST' && 'scope' in r.access && r.access.readsOnly));

function reaches(entry: RouteAccessEntry, role: Role): boolean {
  const a = entry.access;
  if ('public' in a || 'self' in a) return false;
  if (a.roles && !a.roles.includes(role)) return false;
  return !LIGHT_ROLES.includes(role) || a.lightRoles === true;
}

export function cellOf(kind: DataKind, role: Role, catalog: readonly RouteAccessEntry[]): Cell {
  const routes = readRoutes(catalog).filter((r) => kind.paths.includes(segmentOf(r.url)) && reaches(r, role));
  if (!routes.length) return { level: 'none', conditions: [] };
  const conditions = ['subtree'];
  if (LIGHT_ROLES.includes(role)) conditions.push('light');
  if (kind.fullOnRequest?.roles.includes(role)) return { level: 'full', conditions: [...conditions, kind.fullOnRequest.condition] };
  return { level: kind.shown, conditions };
}

const WORDS = {
  none: '—',
  masked: '脱敏 masked',
  full: '完整 full',
  subtree: 'ᵃ',
  light: 'ᵇ',
  purpose: 'ᶜ',
} as const;

export function accessTable(catalog: readonly RouteAccessEntry[]): string {
  const head = `| 数据 Data | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = DATA_KINDS.map((kind) => {
    const cells = ROLES.map((role) => {
      const c = cellOf(kind, role, catalog);
      return c.level === 'none' ? WORDS.none : `${WORDS[c.level]}${c.conditions.map((k) => WORDS[k as keyof typeof WORDS]).join('')}`;
    });
    return `| ${kind.zh}<br>${kind.en} | ${cells.join(' | ')} |`;
  });
  const notes = [
    '',
    'ᵃ only records of the account’s own region and its subtree (仅本辖区及下级); records elsewhere answer 404 or 403.',
    'ᵇ a light account (微网格志愿者): only the few routes marked for it.',
    'ᶜ in full only when asked with a purpose (`reveal=true&purpose=…`), and the read is audited with it; otherwise masked.',
  ];
  return [head, rule, ...rows, ...notes].join('\n');
}

export const ACCESS_TABLE_START = '<!-- who-sees-what:start (generated by npm run docs:access; do not edit) -->';
export const ACCESS_TABLE_END = '<!-- who-sees-what:end -->';

/** `doc` with the table between its markers replaced by `table`. */
export function withAccessTable(doc: string, table: string): string {
  const a = doc.indexOf(ACCESS_TABLE_START);
  const b = doc.indexOf(ACCESS_TABLE_END);
  if (a < 0 || b < a) throw new Error('the document has no who-sees-what markers');
  return `${doc.slice(0, a + ACCESS_TABLE_START.length)}\n${table}\n${doc.slice(b)}`;
}

// The words for the API's codes (statuses, kinds, roles, …) in Chinese and English: one copy, read
// by the staff console's dictionaries (web/i18n) and by the server's list exports, so an exported
// workbook says what the screens say without the server importing web code. Type-only imports:
// the phone app brings these words along and must not bring zod with them.
import type { ROLES } from './accounts.ts';
import type { ARRIVAL_REJECT_REASONS, ARRIVAL_STATUSES } from './arrivals.ts';
import type { FAMILY_EVENT_DECISIONS, FAMILY_EVENT_KINDS, FAMILY_EVENT_STATUSES } from './family-events.ts';
import type { FORM_KINDS, FORM_STATUSES } from './forms.ts';
import type { CHECKLIST_ITEMS, INSPECTION_STATUSES, RECTIFICATION_STATUSES } from './inspections.ts';
import type { PATROL_FIGURES } from './patrol-logs.ts';
import type { TIP_CATEGORIES, TIP_STATUSES } from './public-rules.ts';
import type { ALERT_KINDS, QUARANTINE_STATUSES } from './quarantine.ts';

type WordsOf<T extends readonly string[]> = Record<T[number], string>;

export interface CodeWords {
  roles: WordsOf<typeof ROLES>;
  tips: { statuses: WordsOf<typeof TIP_STATUSES>; categories: WordsOf<typeof TIP_CATEGORIES> };
  quarantine: { statuses: WordsOf<typeof QUARANTINE_STATUSES>; alertKinds: WordsOf<typeof ALERT_KINDS> };
  arrivals: { statuses: WordsOf<typeof ARRIVAL_STATUSES>; rejectReasons: WordsOf<typeof ARRIVAL_REJECT_REASONS> };
  familyEvents: {
    kinds: WordsOf<typeof FAMILY_EVENT_KINDS>;
    statuses: WordsOf<typeof FAMILY_EVENT_STATUSES>;
    decisions: WordsOf<typeof FAMILY_EVENT_DECISIONS>;
  };
  forms: { kinds: WordsOf<typeof FORM_KINDS>; statuses: WordsOf<typeof FORM_STATUSES> };
  inspections: {
    statuses: WordsOf<typeof INSPECTION_STATUSES>;
    items: WordsOf<typeof CHECKLIST_ITEMS>;
    rectificationStatuses: WordsOf<typeof RECTIFICATION_STATUSES>;
  };
  patrolFigures: WordsOf<typeof PATROL_FIGURES>;
}

export const CODE_WORDS_ZH: CodeWords = {
  roles: {
    admin: '系统管理员', commander: '指挥部', town_officer: '镇/街道干部', village_secretary: '村/社区书记',
    grid_leader: '网格长', grid_worker: '网格员', patrol_member: '巡查队员', auditor: '审计员', volunteer: '微网格志愿者',
  },
  tips: {
    statuses: { received: '受理', assessed: '分析研判', routed: '流转交办', handled: '处置', supervised: '督办', answered: '反馈', evaluated: '评价' },
    categories: { gathering: '聚集', no_mask: '未戴口罩', unregistered_arrival: '外来人员未登记', quarantine_breach: '隔离人员外出', banquet: '违规办宴', other: '其他' },
  },
  quarantine: {
    statuses: { active: '隔离中', released: '已解除' },
    alertKinds: { fever: '发热', missed_check: '漏测', breach: '违规外出' },
  },
  arrivals: {
    statuses: { pending: '待核实', verified: '已核实', linked: '已关联', rejected: '已退回' },
    rejectReasons: { not_found: '查无此人', false_information: '信息不实', passing_through: '途经不停留', duplicate_entry: '重复登记', other: '其他' },
  },
  familyEvents: {
    kinds: { wedding: '婚事', banquet: '宴请', funeral: '丧事', other: '其他' },
    statuses: { filed: '已报备', guided: '已劝导', followed_up: '已回访', cancelled: '已取消' },
    decisions: { postponed: '延期举办', simplified: '从简办理', cancelled: '取消举办', held_as_planned: '按原计划' },
  },
  forms: {
    kinds: { floating_registration: '流动人口排查登记表', rental_responsibility: '出租房屋治安管理责任书' },
    statuses: { pending: '待签字', signed: '已签' },
  },
  inspections: {
    statuses: { scheduled: '待督查', done: '已完成', missed: '已错过', cancelled: '已取消' },
    items: { quarantine_control: '居家隔离管控', key_persons: '重点人员', outsiders: '外来人员', anomalies: '异常情况' },
    rectificationStatuses: { open: '待整改', closed: '已整改' },
  },
  patrolFigures: { gatheringsDispersed: '劝散聚集（处）', peopleDispersed: '劝散人数（约）', maskReminders: '提醒戴口罩（人次）', banquetsFound: '发现聚餐宴请（起）' },
};

export const CODE_WORDS_EN: CodeWords = {
  roles: {
    admin: 'Administrator', commander: 'Command HQ', town_officer: 'Town officer', village_secretary: 'Village secretary',
    grid_leader: 'Grid leader', grid_worker: 'Grid worker', patrol_member: 'Patrol member', auditor: 'Auditor', volunteer: 'Micro-grid volunteer',
  },
  tips: {
    statuses: { received: 'Received', assessed: 'Assessed', routed: 'Routed', handled: 'Handled', supervised: 'Supervised', answered: 'Answered', evaluated: 'Evaluated' },
    categories: { gathering: 'Gathering', no_mask: 'No mask', unregistered_arrival: 'Unregistered arrival', quarantine_breach: 'Quarantine breach', banquet: 'Banquet', other: 'Other' },
  },
  quarantine: {
    statuses: { active: 'Active', released: 'Released' },
    alertKinds: { fever: 'Fever', missed_check: 'Missed check', breach: 'Breach' },
  },
  arrivals: {
    statuses: { pending: 'Pending', verified: 'Verified', linked: 'Linked', rejected: 'Rejected' },
    rejectReasons: { not_found: 'Not found', false_information: 'False information', passing_through: 'Passing through', duplicate_entry: 'Duplicate entry', other: 'Other' },
  },
  familyEvents: {
    kinds: { wedding: 'Wedding', banquet: 'Banquet', funeral: 'Funeral', other: 'Other' },
    statuses: { filed: 'Filed', guided: 'Guided', followed_up: 'Followed up', cancelled: 'Cancelled' },
    decisions: { postponed: 'Postponed', simplified: 'Simplified', cancelled: 'Cancelled', held_as_planned: 'Held as planned' },
  },
  forms: {
    kinds: { floating_registration: 'Floating population registration form', rental_responsibility: 'Rental housing security responsibility letter' },
    statuses: { pending: 'Awaiting signature', signed: 'Signed' },
  },
  inspections: {
    statuses: { scheduled: 'Scheduled', done: 'Done', missed: 'Missed', cancelled: 'Cancelled' },
    items: { quarantine_control: 'Home quarantine control', key_persons: 'Key persons', outsiders: 'Outsiders', anomalies: 'Anomalies' },
    rectificationStatuses: { open: 'Open', closed: 'Closed' },
  },
  patrolFigures: { gatheringsDispersed: 'Gatherings dispersed', peopleDispersed: 'People dispersed (about)', maskReminders: 'Mask reminders', banquetsFound: 'Banquets found' },
};

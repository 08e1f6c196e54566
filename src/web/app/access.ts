// What each role may see and do in the web app: the lists the server enforces, from
// src/shared/accounts.ts; this only decides which menus and buttons appear.
import { ACCOUNT_MANAGERS, AUDIT_READERS, REGISTRARS, type Role, TERRITORY_EDITORS } from '../../shared/accounts.ts';
import { CHECKPOINT_MANAGERS, CHECKPOINT_READERS } from '../../shared/checkpoints.ts';
import { FAMILY_EVENT_READERS, FAMILY_EVENT_WORKERS } from '../../shared/family-events.ts';
import { PATROL_LOG_READERS, PATROL_LOG_WRITERS } from '../../shared/patrol-logs.ts';
import { QUARANTINE_READERS, QUARANTINE_WRITERS } from '../../shared/quarantine.ts';
import { TIP_HANDLERS, TIP_READERS, TIP_SUPERVISORS } from '../../shared/tips.ts';
import { ARRIVAL_CODE_MANAGERS, ARRIVAL_VERIFIERS } from '../../shared/arrivals.ts';
import { NOTICE_EDITORS } from '../../shared/notices.ts';
import { HANDOVER_READERS, HANDOVER_WORKERS } from '../../shared/handovers.ts';
import { PHONE_ROLES } from '../../client/landing.ts';
import { GRID_REPORTERS, REPORT_FILERS, REPORT_RETURNERS, SETTINGS_EDITORS } from '../../shared/reports.ts';
import { RISK_RULE_EDITORS } from '../../shared/risk.ts';
import { RESPONSIBILITY_READERS, RESPONSIBILITY_WRITERS, VOLUNTEER_MANAGERS } from '../../shared/responsibility.ts';
import { INSPECTION_PLANNERS, INSPECTORS, RECTIFIERS, TEAM_MANAGERS } from '../../shared/inspections.ts';
import { LIST_MANAGERS, TASK_REVIEWERS, TASK_WORKERS } from '../../shared/verification.ts';
import { RETENTION_MANAGERS } from '../../shared/retention.ts';

/** Household pages are for the registrars and the county HQ, which reads them. */
const HOUSEHOLD_READERS: readonly Role[] = [...REGISTRARS, 'commander'];

export type Capability = 'territory' | 'territory.edit' | 'users' | 'audit' | 'profile' | 'households' | 'households.register' | 'forms' | 'forms.sign' | 'field' | 'phoneApp'
  | 'reports' | 'reports.file' | 'reports.fileFor' | 'reports.return' | 'settings' | 'retention' | 'dashboard'
  | 'checkpoints' | 'checkpoints.manage'
  | 'familyEvents' | 'familyEvents.work'
  | 'patrols' | 'patrols.log'
  | 'quarantine' | 'quarantine.work'
  | 'risk' | 'risk.rules'
  | 'inspections' | 'inspections.plan' | 'inspections.record' | 'rectifications' | 'rectifications.close'
  | 'patrolTeams' | 'patrolTeams.manage'
  | 'tips' | 'tips.handle' | 'tips.supervise'
  | 'arrivals' | 'arrivalCodes'
  | 'notices'
  | 'responsibility' | 'responsibility.edit' | 'volunteers.manage'
  | 'verification' | 'verification.tasks' | 'verification.review'
  | 'handovers' | 'handovers.work';
/** Inspections (不定期督查) are read by the teams and the officers above villages; grid staff see only the tasks they must put right. */
const INSPECTION_VIEWERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'patrol_member'];
/** 每日一上报: villages, towns and the county read the roll-ups (the server scopes them by region only). */
const REPORT_READERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** The offline field app (移动排摸) is for the people who go door to door. */
const FIELD_WORKERS: readonly Role[] = ['grid_worker', 'grid_leader'];
/** The command dashboard (指挥大屏): every staff role but the grid worker and the patrol member. */
const DASHBOARD_VIEWERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader'];

export function can(role: Role, capability: Capability): boolean {
  switch (capability) {
    // A volunteer's light account reads only its micro-grid's households (the server refuses the rest).
    case 'territory':
      return role !== 'volunteer';
    case 'profile':
      return true;
    case 'territory.edit':
      return TERRITORY_EDITORS.includes(role);
    case 'users':
      return ACCOUNT_MANAGERS.includes(role);
    case 'audit':
      return AUDIT_READERS.includes(role);
    case 'households':
      return HOUSEHOLD_READERS.includes(role);
    case 'households.register':
      return REGISTRARS.includes(role);
    case 'field':
      return FIELD_WORKERS.includes(role);
    // The phone app (/field): the roles whose work is done on a phone.
    case 'phoneApp':
      return PHONE_ROLES.includes(role);
    // 卡口管理: every staff role reads the registry; managers register and remove.
    case 'checkpoints':
      return CHECKPOINT_READERS.includes(role);
    case 'checkpoints.manage':
      return CHECKPOINT_MANAGERS.includes(role);
    // 红白事报备: every staff role reads; village and grid staff (and above) file, guide, follow up.
    case 'familyEvents':
      return FAMILY_EVENT_READERS.includes(role);
    case 'familyEvents.work':
      return FAMILY_EVENT_WORKERS.includes(role);
    // 巡查日志: every staff role reads; patrol members, village and town staff log patrols.
    case 'patrols':
      return PATROL_LOG_READERS.includes(role);
    case 'patrols.log':
      return PATROL_LOG_WRITERS.includes(role);
    // 居家隔离: every staff role but the auditor reads; grid staff and the officers above order and check.
    case 'quarantine':
      return QUARANTINE_READERS.includes(role);
    case 'quarantine.work':
      return QUARANTINE_WRITERS.includes(role);
    // 风险赋码: everyone sees colours in lists; the county edits the rules.
    case 'risk':
    case 'risk.rules':
      return RISK_RULE_EDITORS.includes(role);
    case 'inspections':
      return INSPECTION_VIEWERS.includes(role);
    case 'inspections.plan':
      return INSPECTION_PLANNERS.includes(role);
    case 'inspections.record':
      return INSPECTORS.includes(role);
    case 'rectifications':
    case 'rectifications.close':
      return RECTIFIERS.includes(role);
    // 人员移交: grids and above propose and answer; auditors read.
    case 'handovers':
      return HANDOVER_READERS.includes(role);
    case 'handovers.work':
      return HANDOVER_WORKERS.includes(role);
    case 'patrolTeams':
      return [...TEAM_MANAGERS, 'patrol_member'].includes(role);
    case 'patrolTeams.manage':
      return TEAM_MANAGERS.includes(role);
    // 有奖举报: the inbox of a region; handlers work the loop; towns and the county approve rewards.
    case 'tips':
      return TIP_READERS.includes(role);
    case 'tips.handle':
      return TIP_HANDLERS.includes(role);
    case 'tips.supervise':
      return TIP_SUPERVISORS.includes(role);
    // 扫码登记: grid staff verify the queue; villages and above print, revoke and replace the posters.
    case 'arrivals':
      return ARRIVAL_VERIFIERS.includes(role) || ARRIVAL_CODE_MANAGERS.includes(role);
    case 'arrivalCodes':
      return ARRIVAL_CODE_MANAGERS.includes(role);
    // 宣传: villages and above write notices.
    case 'notices':
      return NOTICE_EDITORS.includes(role);
    // 压实责任: staff read and set a person's five responsible people and name micro-grids' people.
    case 'responsibility':
      return RESPONSIBILITY_READERS.includes(role);
    case 'responsibility.edit':
      return RESPONSIBILITY_WRITERS.includes(role);
    case 'volunteers.manage':
      return VOLUNTEER_MANAGERS.includes(role);
    // Registration forms and rental letters: read like households, filled in and signed by registrars.
    case 'forms':
      return HOUSEHOLD_READERS.includes(role);
    case 'forms.sign':
      return REGISTRARS.includes(role);
    case 'reports':
      return REPORT_READERS.includes(role);
    // Grids file their own report; a village, town or admin may also file for one of its grids (代报).
    case 'reports.file':
      return GRID_REPORTERS.includes(role);
    case 'reports.fileFor':
      return REPORT_FILERS.includes(role);
    case 'reports.return':
      return REPORT_RETURNERS.includes(role);
    case 'settings':
      return SETTINGS_EDITORS.includes(role);
    // 数据保留与解除: the county's admin and command (the API also wants a county account).
    case 'retention':
      return RETENTION_MANAGERS.includes(role);
    // 指挥大屏: the staff who oversee more than one door-to-door round.
    case 'dashboard':
      return DASHBOARD_VIEWERS.includes(role);
    // 核查名单: the county HQ and towns take lists in; every grid and level above works the tasks.
    case 'verification':
      return LIST_MANAGERS.includes(role);
    case 'verification.tasks':
      return TASK_WORKERS.includes(role);
    case 'verification.review':
      return TASK_REVIEWERS.includes(role);
  }
}

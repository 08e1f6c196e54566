// The staff app's 'verification' namespace: the words it shares with the phone app
// (shared/verification-words.ts) and its own pages' — spot checks (抽查), the score (考核) and
// enterprise registration codes (复工复产). Chinese first; English has the same keys (typed).
import { en as sharedEn, zh as sharedZh } from '../../../shared/verification-words.ts';

const zhOwn = {
  spot: {
    title: '抽查', intro: '镇（街道）从已核查的任务中随机抽取一定比例，交本辖区巡查队复核：确认结果，或退回重新核查。',
    town: '抽查镇（街道）', team: '巡查队', share: '抽查比例（%）', shareHelp: '默认为名单设定的比例；再次抽取只补足到该比例',
    draw: '抽取', drawn: '共 {{closed}} 个已核查任务，目标 {{target}} 个，本次抽取 {{drawn}} 个', empty: '尚未抽取',
    statuses: { pending: '待复核', confirmed: '已确认', reopened: '已退回重查' },
    confirm: '确认', reopen: '退回重查', reopenReason: '退回原因', reopenPlaceholder: '例：入户未见本人', result: '复核说明',
    noTeam: '本镇尚无巡查队', confirmed: '已确认', reopened: '已退回重查',
  },
  scores: {
    title: '核查考核', nav: '考核评分', intro: '各辖区日报按时率与核查任务完成率、及时率的综合评分；超期未核查的任务计入扣分。',
    days: '统计天数', lastDays: '近 {{n}} 天', region: '辖区', reportScore: '日报得分', verificationScore: '核查得分',
    total: '应核查', closed: '已核查', onTime: '按时核查', overdue: '超期未核查', reportsDue: '应报', reportsOnTime: '按时', reportsLate: '迟报',
    chartTitle: '各辖区得分', none: '无', up: '返回上级', drill: '点击柱条查看下级', period: '{{from}} 至 {{to}}',
  },
  enterprise: {
    title: '复工复产企业', nav: '企业登记码', intro: '镇（街道）为返岗企业发放登记码；企业凭码在公开页面 /p 填报或上传返岗人员，名单按类型“复工返岗”分派核查。',
    issue: '发放登记码', issueTitle: '为企业发放登记码', enterpriseName: '企业名称', enterprisePlaceholder: '例：城关镇某某电子厂',
    town: '发放镇（街道）', validDays: '有效天数', deadlineHours: '核查时限（小时）',
    issuedTitle: '登记码已生成', issuedHint: '登记码只显示这一次：请当面或电话告知企业，并提醒企业访问公开页面 {{url}}。', code: '登记码',
    columns: { enterprise: '企业', hint: '尾号', status: '状态', expiresAt: '有效期至', createdAt: '发放时间', lists: '提交次数', workers: '返岗人员', actions: '操作' },
    statuses: { active: '有效', expired: '已过期', revoked: '已收回' },
    revoke: '收回', revokeConfirm: '收回后企业将无法再用此码登记，已提交的名单保留。确定收回？', revoked: '已收回', empty: '尚未发放登记码',
  },
  toScores: '考核评分', toEnterprises: '企业登记码',
};

const enOwn: typeof zhOwn = {
  spot: {
    title: 'Spot checks', intro: 'A town draws a random share of its checked tasks for its patrol team to check again: the team confirms the outcome, or sends the task back.',
    town: 'Town drawing', team: 'Patrol team', share: 'Share (%)', shareHelp: 'The list’s share by default; drawing again only tops the sample up to it',
    draw: 'Draw', drawn: '{{closed}} checked tasks, sample of {{target}}, {{drawn}} drawn now', empty: 'Nothing drawn yet',
    statuses: { pending: 'To check', confirmed: 'Confirmed', reopened: 'Reopened' },
    confirm: 'Confirm', reopen: 'Reopen', reopenReason: 'Why', reopenPlaceholder: 'e.g. the person was not at home', result: 'Finding',
    noTeam: 'This town has no patrol team', confirmed: 'Confirmed', reopened: 'Reopened',
  },
  scores: {
    title: 'Verification score', nav: 'Scores', intro: 'Each region’s daily reports on time beside its verification tasks’ completion and timeliness; tasks open past their deadline count against it.',
    days: 'Days', lastDays: 'Last {{n}} days', region: 'Region', reportScore: 'Reports', verificationScore: 'Verification',
    total: 'Due', closed: 'Checked', onTime: 'On time', overdue: 'Overdue', reportsDue: 'Due', reportsOnTime: 'On time', reportsLate: 'Late',
    chartTitle: 'Scores by region', none: 'n/a', up: 'Up a level', drill: 'Click a bar to open the region below', period: '{{from}} to {{to}}',
  },
  enterprise: {
    title: 'Returning enterprises', nav: 'Enterprise codes', intro: 'A town gives an enterprise bringing workers back a registration code; with it the enterprise enters or uploads its workers on the public page /p, and they are checked as a list of kind “returning workers”.',
    issue: 'Issue a code', issueTitle: 'Issue a registration code', enterpriseName: 'Enterprise', enterprisePlaceholder: 'e.g. Chengguan Electronics',
    town: 'Town issuing', validDays: 'Valid for (days)', deadlineHours: 'Deadline (hours)',
    issuedTitle: 'Registration code issued', issuedHint: 'The code is shown this once: give it to the enterprise in person or by phone, with the public page {{url}}.', code: 'Code',
    columns: { enterprise: 'Enterprise', hint: 'Ends in', status: 'Status', expiresAt: 'Valid until', createdAt: 'Issued', lists: 'Submissions', workers: 'Workers', actions: 'Actions' },
    statuses: { active: 'Active', expired: 'Expired', revoked: 'Withdrawn' },
    revoke: 'Withdraw', revokeConfirm: 'The enterprise can no longer use this code; its lists stay. Withdraw it?', revoked: 'Withdrawn', empty: 'No codes issued yet',
  },
  toScores: 'Scores', toEnterprises: 'Enterprise codes',
};

export const zh = { ...sharedZh, ...zhOwn };
export const en: typeof zh = { ...sharedEn, ...enOwn };

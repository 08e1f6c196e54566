// The 'responsibility' namespace of the UI text (压实责任): 五包一 of a person, the named people
// of grids and micro-grids, coverage, the HQ view and what alerts tell responsible people.
// Chinese first; English has the same keys (typed).
export const zh = {
  title: '包保责任人（五包一）', edit: '设置责任人', save: '保存', cancel: '取消', saved: '责任人已保存',
  roles: { grid_worker: '网格员', village_cadre: '村干部', police: '民警', doctor: '村医', family: '家属' },
  add: '添加责任人', remove: '移除', role: '职责', kind: '类型', kindAccount: '系统账号', kindContact: '联系人（无账号）',
  account: '账号', accountPick: '选择账号', name: '姓名', phone: '手机号',
  none: '尚未设置责任人', missing: '缺少：{{roles}}', complete: '五包一已落实', since: '自 {{date}} 起',
  requiredHint: '居家隔离或红/黄码人员必须落实五包一',
  notice: '包保责任人',
  volunteers: {
    title: '微网格责任人', add: '添加人员', none: '暂无责任人', kind: '身份', duties: '职责', name: '姓名', phone: '手机号',
    end: '停止', ended: '已停止', saved: '已添加', account: '有轻量账号',
    kinds: { microgrid_head: '微网格长', party_volunteer: '党员志愿者', building_head: '楼道长' },
    coverage: '微网格覆盖', coverageText: '{{covered}} / {{total}} 个微网格已有责任人', uncovered: '尚无责任人的微网格',
    uncoveredCount: '尚无责任人的微网格 {{count}} 个', showAll: '展开全部 {{count}} 个', showFewer: '收起', firstListed: '列出前 {{shown}} 个',
    allCovered: '所有微网格均已落实责任人', noMicrogrids: '本辖区暂无微网格',
  },
  load: {
    title: '包保责任落实情况', nav: '包保责任', carriers: '责任人包保人数（前 {{count}} 名）', carriersNone: '责任人包保人数', persons: '包保人数',
    underControl: '管控人员 {{count}} 人', incomplete: '未落实五包一 {{count}} 人', incompleteList: '未落实五包一的人员',
    allComplete: '所有管控人员均已落实五包一', region: '所属区域', missingRoles: '缺少的职责', noCarriers: '还没有指定包保责任人：在人员详情的“包保责任人（五包一）”中设置', account: '账号', contact: '联系人',
  },
  messages: {
    title: '通知责任人', open: '通知责任人', none: '该人员尚未设置责任人，无人可通知',
    inApp: '已在系统内通知', health: '含健康详情（监测人员）', checkOn: '仅提醒关心',
    text: '{{name}}您好：请您今天上门或电话关心一下{{person}}的情况，如有异常请及时联系网格员。',
    copy: '复制短信', copied: '已复制', mine: '我的责任提醒', mineEmpty: '暂无提醒', read: '标为已读',
    kinds: { fever: '发热预警', missed_check: '漏报体温', breach: '违反隔离' },
    pleaseCheck: '请关心一下{{person}}的情况',
  },
};

export const en: typeof zh = {
  title: 'Responsible people (five for one)', edit: 'Set responsible people', save: 'Save', cancel: 'Cancel', saved: 'Responsible people saved',
  roles: { grid_worker: 'Grid worker', village_cadre: 'Village cadre', police: 'Police officer', doctor: 'Village doctor', family: 'Family member' },
  add: 'Add a person', remove: 'Remove', role: 'Role', kind: 'Kind', kindAccount: 'Account', kindContact: 'Contact (no account)',
  account: 'Account', accountPick: 'Choose an account', name: 'Name', phone: 'Mobile',
  none: 'No responsible people yet', missing: 'Missing: {{roles}}', complete: 'All five roles are filled', since: 'since {{date}}',
  requiredHint: 'Every person under home quarantine or coloured red or yellow needs all five roles',
  notice: 'Responsible people',
  volunteers: {
    title: 'Named people', add: 'Add a person', none: 'No named people yet', kind: 'Role', duties: 'Duties', name: 'Name', phone: 'Mobile',
    end: 'Stop', ended: 'Stopped', saved: 'Added', account: 'Has a light account',
    kinds: { microgrid_head: 'Micro-grid head', party_volunteer: 'Party-member volunteer', building_head: 'Building head' },
    coverage: 'Micro-grid coverage', coverageText: '{{covered}} of {{total}} micro-grids have a named person', uncovered: 'Micro-grids without a named person',
    uncoveredCount: 'Micro-grids without a named person: {{count}}', showAll: 'Show all {{count}}', showFewer: 'Show fewer', firstListed: 'The first {{shown}} are listed',
    allCovered: 'Every micro-grid has a named person', noMicrogrids: 'No micro-grids in this region',
  },
  load: {
    title: 'Responsibility in place', nav: 'Responsibility', carriers: 'Persons carried per responsible person (top {{count}})', carriersNone: 'Persons carried per responsible person', persons: 'Persons carried',
    underControl: '{{count}} persons under control', incomplete: '{{count}} missing a role', incompleteList: 'Persons under control with a role missing',
    allComplete: 'Every person under control has all five roles', region: 'Region', missingRoles: 'Missing roles', noCarriers: 'Nobody is named as responsible yet: set them under a person’s responsible people', account: 'Account', contact: 'Contact',
  },
  messages: {
    title: 'Tell the responsible people', open: 'Tell responsible people', none: 'This person has no responsible people to tell yet',
    inApp: 'Told in the app', health: 'With health details (monitoring staff)', checkOn: 'Asked to check on them',
    text: 'Hello {{name}}, please visit or call {{person}} today to see how they are, and tell the grid worker if anything is wrong.',
    copy: 'Copy text', copied: 'Copied', mine: 'My reminders', mineEmpty: 'No reminders', read: 'Mark read',
    kinds: { fever: 'Fever', missed_check: 'Missed check', breach: 'Breach' },
    pleaseCheck: 'Please check on {{person}}',
  },
};

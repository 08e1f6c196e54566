// The phone app's own text (namespace `phone`): what the staff app's dictionaries do not have.
// English is in texts-en.ts, downloaded only when someone switches to it.
export const phoneZh = {
  title: '网格防控 · 手机版',
  back: '返回',
  menu: '我的',
  name: '姓名',
  role: '角色',
  region: '所属辖区',
  desktop: '打开电脑版',
  changePassword: '修改密码',
  desktopHint: '每日上报、隔离下达、统计报表等其他功能请在电脑版中使用。',
  signOut: '退出登录',
  signInSub: '手机版 · 信号弱、无网络也能登记',
  arrivals: '扫码登记待核实',
  quarantine: '居家隔离监测',
  tasks: '核查任务',
  conflicts: '编辑冲突',
  formOnServer: '这份表单已同步到平台，联网后可查看。',
  needsSignal: '这一步需要网络：请有信号后再操作。',
  dailyReport: '每日上报',
  backToList: '返回列表',
  reveal: {
    submit: '查看完整号码', warn: '查看完整号码将记入审计日志，请如实填写用途。', purpose: '查询用途',
    purposePlaceholder: '如：核对来人身份证', purposeMin: '至少 {{min}} 个字', cancel: '取消',
  },
  risk: { green: '绿码', yellow: '黄码', red: '红码' },
};

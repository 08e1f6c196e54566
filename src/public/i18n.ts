// The public pages' own tiny translation table (no i18next: every kilobyte counts on a weak 3G
// signal). Simplified Chinese first; English is typed against it so no key is missing.
import { createStore } from '../client/store.ts';

const zh = {
  'app.title': '网格防控 · 便民服务',
  'app.lang': 'EN',
  'app.langLabel': 'Switch to English',
  'app.home': '首页',
  'app.footer': '县联防联控指挥部 · 您的信息仅用于疫情防控',
  'app.notFound': '页面不存在',
  'app.backHome': '返回首页',
  'app.loading': '加载中…',
  'app.retry': '重试',

  'home.tip': '我要举报',
  'home.tipSub': '有奖举报，可匿名',
  'home.track': '查询举报进度',
  'home.trackSub': '凭查询码查看处理情况',
  'home.arrive': '扫码登记',
  'home.arriveSub': '外来返乡人员登记',
  'home.arriveHelp': '请扫描村口或小区门口张贴的“扫码登记”二维码，按提示填写信息，网格员核实后即完成登记。',
  'home.notices': '防疫通知',
  'home.noticesSub': '通知公告、政策解读',
  'home.latest': '最新通知',
  'home.more': '查看全部',

  'cat.gathering': '聚集',
  'cat.no_mask': '未戴口罩',
  'cat.unregistered_arrival': '外来人员未登记',
  'cat.quarantine_breach': '隔离人员外出',
  'cat.banquet': '违规办宴',
  'cat.other': '其他',

  'tip.title': '我要举报',
  'tip.intro': '发现聚集、未戴口罩、外来人员未登记等情况，请告诉我们。经核实属实的举报可获奖励。',
  'tip.category': '举报类型',
  'tip.region': '发生地点（至少选到乡镇/街道）',
  'tip.place': '具体位置（选填）',
  'tip.placeHint': '如：某某路口、某某小区3栋',
  'tip.description': '情况描述',
  'tip.descriptionHint': '请描述时间、人数、具体情况等（至少5个字）',
  'tip.photos': '照片（选填，最多{n}张）',
  'tip.addPhoto': '＋ 拍照或选择照片',
  'tip.removePhoto': '删除第{n}张照片',
  'tip.photoN': '第{n}张照片',
  'tip.preparing': '正在处理照片…',
  'tip.anonymous': '匿名举报（不留联系方式）',
  'tip.phone': '手机号码（便于核实和领取奖励）',
  'tip.submit': '提交举报',
  'tip.sending': '正在提交… {p}%',
  'tip.needCategory': '请选择举报类型',
  'tip.needTown': '请至少选择到乡镇（街道）',
  'tip.descLength': '描述需5–2000字',
  'tip.needPhone': '请填写手机号码，或选择匿名举报',
  'tip.done': '举报已提交',
  'tip.codeLabel': '您的查询码',
  'tip.copy': '复制查询码',
  'tip.copied': '已复制',
  'tip.saveAdvice': '请抄下或截图保存此查询码：凭它查询处理进度和领取奖励。查询码只显示这一次，丢失后无法找回。',
  'tip.trackNow': '查询处理进度',
  'tip.another': '再举报一条',

  'region.county': '县（市、区）',
  'region.town': '乡镇（街道）',
  'region.village': '村（社区）',
  'region.grid': '网格',
  'region.choose': '请选择',
  'region.optional': '（可不选）',

  'track.title': '查询举报进度',
  'track.code': '查询码',
  'track.codeHint': '16位，如 7K2M-9QXD-4HTR-B8WC',
  'track.submit': '查询',
  'track.badCode': '查询码格式不对，请核对（16位字母和数字）',
  'track.notFound': '没有找到这个查询码对应的举报，请核对后再试',
  'track.status': '当前状态',
  'track.category': '类型',
  'track.region': '地点',
  'track.number': '编号',
  'track.filedAt': '提交时间',
  'track.updatedAt': '更新时间',
  'track.reply': '处理答复',
  'track.outcome': '核查结果',
  'track.true': '属实',
  'track.false': '不属实',
  'track.reward': '奖励',
  'track.pending': '待处理',
  'track.another': '查询其他查询码',

  'step.received': '受理',
  'step.assessed': '分析研判',
  'step.routed': '流转交办',
  'step.handled': '处置',
  'step.supervised': '督办',
  'step.answered': '反馈',
  'step.evaluated': '评价',

  'reward.proposed': '已提议',
  'reward.approved': '已批准 ¥{amount}',
  'reward.rejected': '未通过',
  'reward.paid': '已发放 ¥{amount}',

  'arrive.title': '扫码登记',
  'arrive.place': '登记地点',
  'arrive.intro': '返乡、来访人员请如实登记，网格员将与您联系核实。',
  'arrive.invalid': '此二维码已失效，请向村里索取最新二维码',
  'arrive.invalidSub': '二维码可能已被更换。请联系村（社区）或网格员。',
  'arrive.name': '姓名',
  'arrive.idNumber': '身份证号码',
  'arrive.phone': '手机号码',
  'arrive.origin': '来自哪里',
  'arrive.originHint': '如：××省××市××区（县）',
  'arrive.arrivedOn': '到达日期',
  'arrive.address': '现住地址',
  'arrive.addressHint': '如：东河村3组12号',
  'arrive.grid': '所在网格（不清楚可不选）',
  'arrive.submit': '提交登记',
  'arrive.sending': '正在提交…',
  'arrive.required': '请填写此项',
  'arrive.badId': '身份证号码不正确，请核对',
  'arrive.badIdCheck': '身份证号码校验位不对，可能有一位输错了',
  'arrive.badPhone': '请填写11位手机号码',
  'arrive.futureDate': '到达日期不能晚于今天',
  'arrive.tooOld': '只能登记30天内到达的情况',
  'arrive.done': '登记成功，请等待网格员核实',
  'arrive.reference': '登记编号',
  'arrive.doneSub': '网格员核实时请出示此编号。本页不保存您的个人信息。',
  'arrive.privacy': '您的信息仅用于疫情防控，本手机不会保存您填写的内容。',

  'notices.title': '防疫通知',
  'notices.all': '全部',
  'notices.empty': '暂无通知',
  'notices.more': '加载更多',
  'notices.views': '{n} 次阅读',
  'notices.back': '返回通知列表',
  'notices.notFound': '通知不存在或已撤回',

  'topic.announcement': '通知公告',
  'topic.policy': '政策解读',
  'topic.prevention': '防控知识',
  'topic.health': '健康科普',
  'topic.story': '一线故事',
  'topic.other': '其他',

  'err.network': '网络不好，请稍后重试（已填写的内容仍保留）',
  'err.rate': '提交太频繁，请 {n} 分钟后再试',
  'err.server': '服务暂时不可用，请稍后重试',
  'err.invalid': '请检查标红的内容',
  'err.photoLarge': '{photo}太大，请换一张或重新拍摄',
  'err.photoType': '{photo}不是可识别的图片，请换一张',
  'err.photosLarge': '照片太大，请减少照片或重新拍摄',
  'err.reused': '这次提交可能已被收到。如需再次提交，请再点一次。',
  'err.phone': '手机号码不正确',
  'err.region': '请重新选择地点',

  // Every code the server can answer (shared/errors.ts), as a reader should see it.
  'code.VALIDATION_ERROR': "输入有误",
  'code.INVALID_JSON': "请求格式错误",
  'code.BAD_REQUEST': "请求有误",
  'code.UNAUTHENTICATED': "登录已失效，请重新登录",
  'code.CSRF_MISMATCH': "页面已过期，请刷新后重试",
  'code.FORBIDDEN': "无权执行此操作",
  'code.OUT_OF_SCOPE': "超出您的辖区范围",
  'code.PASSWORD_CHANGE_REQUIRED': "请先修改密码",
  'code.NOT_FOUND': "未找到",
  'code.CONFLICT': "数据冲突",
  'code.IDEMPOTENCY_KEY_REUSED': "重复提交且内容不同，请刷新后重试",
  'code.DUPLICATE': "数据重复",
  'code.COVERAGE_MISSING': "网格员或巡查队未到位",
  'code.ALREADY_REMOVED': "该卡口已撤除",
  'code.PAYLOAD_TOO_LARGE': "文件过大",
  'code.FILE_TOO_LARGE_UNPACKED': "文件解压后过大",
  'code.PART_TOO_LARGE_UNPACKED': "工作簿中的部件解压后过大",
  'code.FILE_TOO_MANY_PARTS': "工作簿部件过多",
  'code.SHARED_STRINGS_TOO_LARGE': "工作簿中的文字过多",
  'code.TEXT_TOO_LONG': "文字超出单元格上限",
  'code.CELL_TOO_LONG': "单元格内容过长",
  'code.ROW_TOO_LONG': "行过长",
  'code.TOO_MANY_COLUMNS': "列数过多",
  'code.TOO_MANY_ROWS': "行数过多",
  'code.FILE_DAMAGED': "文件已损坏",
  'code.FILE_TOO_COMPLEX': "文件过于复杂",
  'code.UNSUPPORTED_MEDIA_TYPE': "不支持的文件类型",
  'code.UNPROCESSABLE': "无法处理该请求",
  'code.TOO_MANY_REQUESTS': "操作过于频繁，请稍后再试",
  'code.INTERNAL': "服务器出错，已记录日志",
  'code.UNAVAILABLE': "服务暂不可用",
  'code.STORAGE_FULL': "服务器存储空间已满，本次内容未保存。请稍后重试，并告知系统管理员",
} as const;

type Dict = Record<keyof typeof zh, string>;

const en: Dict = {
  'app.title': 'Grid Control · Public Services',
  'app.lang': '中文',
  'app.langLabel': '切换到中文',
  'app.home': 'Home',
  'app.footer': 'County joint prevention HQ · your data is used for epidemic control only',
  'app.notFound': 'Page not found',
  'app.backHome': 'Back to home',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',

  'home.tip': 'Report a problem',
  'home.tipSub': 'Rewarded, may be anonymous',
  'home.track': 'Track my report',
  'home.trackSub': 'With your tracking code',
  'home.arrive': 'Arrival registration',
  'home.arriveSub': 'For people arriving',
  'home.arriveHelp': 'Scan the “arrival registration” QR code posted at the village or estate entrance and fill in the form; a grid worker will then verify it.',
  'home.notices': 'Notices',
  'home.noticesSub': 'Announcements, policies',
  'home.latest': 'Latest notices',
  'home.more': 'All notices',

  'cat.gathering': 'Gathering',
  'cat.no_mask': 'No mask',
  'cat.unregistered_arrival': 'Unregistered arrival',
  'cat.quarantine_breach': 'Quarantine breach',
  'cat.banquet': 'Banquet',
  'cat.other': 'Other',

  'tip.title': 'Report a problem',
  'tip.intro': 'Seen a gathering, people without masks or an unregistered arrival? Tell us. Reports found true may be rewarded.',
  'tip.category': 'Kind of problem',
  'tip.region': 'Where (at least the town)',
  'tip.place': 'Exact place (optional)',
  'tip.placeHint': 'e.g. a crossing, building 3 of an estate',
  'tip.description': 'What happened',
  'tip.descriptionHint': 'When, how many people, what exactly (at least 5 characters)',
  'tip.photos': 'Photos (optional, up to {n})',
  'tip.addPhoto': '+ Take or choose a photo',
  'tip.removePhoto': 'Remove photo {n}',
  'tip.photoN': 'Photo {n}',
  'tip.preparing': 'Preparing photos…',
  'tip.anonymous': 'Anonymous (no contact details)',
  'tip.phone': 'Mobile number (to verify and to receive a reward)',
  'tip.submit': 'Send report',
  'tip.sending': 'Sending… {p}%',
  'tip.needCategory': 'Choose the kind of problem',
  'tip.needTown': 'Choose at least the town',
  'tip.descLength': 'The description needs 5–2000 characters',
  'tip.needPhone': 'Give a mobile number, or report anonymously',
  'tip.done': 'Report sent',
  'tip.codeLabel': 'Your tracking code',
  'tip.copy': 'Copy code',
  'tip.copied': 'Copied',
  'tip.saveAdvice': 'Write down or screenshot this code: you need it to follow the report and to receive a reward. It is shown only once and cannot be recovered.',
  'tip.trackNow': 'Follow this report',
  'tip.another': 'Report another problem',

  'region.county': 'County',
  'region.town': 'Town / street',
  'region.village': 'Village / community',
  'region.grid': 'Grid',
  'region.choose': 'Choose',
  'region.optional': ' (optional)',

  'track.title': 'Track my report',
  'track.code': 'Tracking code',
  'track.codeHint': '16 characters, e.g. 7K2M-9QXD-4HTR-B8WC',
  'track.submit': 'Look up',
  'track.badCode': 'That is not a tracking code: 16 letters and digits',
  'track.notFound': 'No report has this tracking code; please check it',
  'track.status': 'Status',
  'track.category': 'Kind',
  'track.region': 'Place',
  'track.number': 'Number',
  'track.filedAt': 'Filed',
  'track.updatedAt': 'Updated',
  'track.reply': 'Reply',
  'track.outcome': 'Outcome',
  'track.true': 'Found true',
  'track.false': 'Not found true',
  'track.reward': 'Reward',
  'track.pending': 'Pending',
  'track.another': 'Look up another code',

  'step.received': 'Received',
  'step.assessed': 'Assessed',
  'step.routed': 'Routed',
  'step.handled': 'Handled',
  'step.supervised': 'Supervised',
  'step.answered': 'Answered',
  'step.evaluated': 'Evaluated',

  'reward.proposed': 'Proposed',
  'reward.approved': 'Approved ¥{amount}',
  'reward.rejected': 'Not approved',
  'reward.paid': 'Paid ¥{amount}',

  'arrive.title': 'Arrival registration',
  'arrive.place': 'Registering at',
  'arrive.intro': 'Please register truthfully; a grid worker will contact you to verify.',
  'arrive.invalid': 'This QR code is no longer valid; ask the village for the new one',
  'arrive.invalidSub': 'The code may have been replaced. Contact the village or your grid worker.',
  'arrive.name': 'Name',
  'arrive.idNumber': 'ID number',
  'arrive.phone': 'Mobile number',
  'arrive.origin': 'Arriving from',
  'arrive.originHint': 'province, city and district (county)',
  'arrive.arrivedOn': 'Arrival date',
  'arrive.address': 'Address here',
  'arrive.addressHint': 'e.g. No. 12, group 3, Donghe village',
  'arrive.grid': 'Grid (leave empty if unsure)',
  'arrive.submit': 'Register',
  'arrive.sending': 'Sending…',
  'arrive.required': 'Required',
  'arrive.badId': 'This ID number is not valid',
  'arrive.badIdCheck': 'The check digit is wrong: a character was probably mistyped',
  'arrive.badPhone': 'Enter an 11-digit mobile number',
  'arrive.futureDate': 'The arrival date cannot be after today',
  'arrive.tooOld': 'Only arrivals in the last 30 days can be registered',
  'arrive.done': 'Registered: a grid worker will verify it',
  'arrive.reference': 'Reference',
  'arrive.doneSub': 'Show this reference to the grid worker. This page keeps none of your personal data.',
  'arrive.privacy': 'Your data is used for epidemic control only; this phone keeps nothing you typed.',

  'notices.title': 'Notices',
  'notices.all': 'All',
  'notices.empty': 'No notices yet',
  'notices.more': 'Load more',
  'notices.views': '{n} views',
  'notices.back': 'Back to notices',
  'notices.notFound': 'This notice does not exist or was withdrawn',

  'topic.announcement': 'Announcements',
  'topic.policy': 'Policy',
  'topic.prevention': 'Prevention',
  'topic.health': 'Health',
  'topic.story': 'Stories',
  'topic.other': 'Other',

  'err.network': 'Poor connection: try again shortly (your entries are kept)',
  'err.rate': 'Too many submissions: try again in {n} minutes',
  'err.server': 'The service is unavailable: try again shortly',
  'err.invalid': 'Please check the fields marked in red',
  'err.photoLarge': '{photo} is too large: choose another or retake it',
  'err.photoType': '{photo} is not an image we can read: choose another',
  'err.photosLarge': 'The photos are too large: send fewer or retake them',
  'err.reused': 'This submission may already have arrived. Tap again to send it anyway.',
  'err.phone': 'This mobile number is not valid',
  'err.region': 'Choose the place again',

  'code.VALIDATION_ERROR': "Invalid input",
  'code.INVALID_JSON': "Malformed request",
  'code.BAD_REQUEST': "Bad request",
  'code.UNAUTHENTICATED': "Your session has ended; sign in again",
  'code.CSRF_MISMATCH': "This page is out of date; reload and retry",
  'code.FORBIDDEN': "Not allowed",
  'code.OUT_OF_SCOPE': "Outside your region",
  'code.PASSWORD_CHANGE_REQUIRED': "Change your password first",
  'code.NOT_FOUND': "Not found",
  'code.CONFLICT': "Conflict",
  'code.IDEMPOTENCY_KEY_REUSED': "Repeated submission with different content; reload and retry",
  'code.DUPLICATE': "Duplicate",
  'code.COVERAGE_MISSING': "Grid staff or a patrol team is not in place",
  'code.ALREADY_REMOVED': "This checkpoint has already been removed",
  'code.PAYLOAD_TOO_LARGE': "The file is too large",
  'code.FILE_TOO_LARGE_UNPACKED': "The file is too large unpacked",
  'code.PART_TOO_LARGE_UNPACKED': "A part of the workbook is too large unpacked",
  'code.FILE_TOO_MANY_PARTS': "Too many parts in the workbook",
  'code.SHARED_STRINGS_TOO_LARGE': "Too much text in the workbook",
  'code.TEXT_TOO_LONG': "A text longer than a cell holds",
  'code.CELL_TOO_LONG': "A cell is too long",
  'code.ROW_TOO_LONG': "A row is too long",
  'code.TOO_MANY_COLUMNS': "Too many columns",
  'code.TOO_MANY_ROWS': "Too many rows",
  'code.FILE_DAMAGED': "The file is damaged",
  'code.FILE_TOO_COMPLEX': "The file is too complex",
  'code.UNSUPPORTED_MEDIA_TYPE': "Unsupported file type",
  'code.UNPROCESSABLE': "Cannot be processed",
  'code.TOO_MANY_REQUESTS': "Too many requests; try again later",
  'code.INTERNAL': "Server error (logged)",
  'code.UNAVAILABLE': "Service unavailable",
  'code.STORAGE_FULL': "The server's storage is full, so this was not saved. Try again later and tell the system administrator",
};

export type Key = keyof typeof zh;
export type Lang = 'zh' | 'en';
const dicts: Record<Lang, Dict> = { zh, en };
const STORE_KEY = 'gg.public.lang';

function initial(): Lang {
  // Chinese first, as in the staff app: English only once the reader switches (kept on the phone).
  try {
    return localStorage.getItem(STORE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage off (private mode)
  }
}

const lang = createStore<Lang>(initial());

function applyToDocument(): void {
  document.documentElement.lang = lang.get() === 'zh' ? 'zh-CN' : 'en';
  document.title = dicts[lang.get()]['app.title'];
}
applyToDocument();

export function setLang(next: Lang): void {
  try {
    localStorage.setItem(STORE_KEY, next);
  } catch {
    // Not kept: the choice lasts for this page load.
  }
  lang.set(next);
  applyToDocument();
}

export function currentLang(): Lang {
  return lang.get();
}

/** The text of `key` with {name} placeholders filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  const text = dicts[lang.get()][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** The reader's text for an error code the server answered, or null for a code it does not know. */
export function codeText(code: string): string | null {
  const key = `code.${code}` as Key;
  return key in dicts[lang.get()] ? t(key) : null;
}

/** Re-renders the caller when the language changes; returns it. */
export const useLang = (): Lang => lang.use();

// Demo notices (宣传) for the demo county, the same for the same seed: 25 invented notices for
// the county, towns and villages in every topic, most published over the last 30 days with
// varied view counts, a few drafts, one withdrawn and one scheduled ahead.
import type { NoticeStatus, NoticeTopic } from '../../shared/notices.ts';
import type { Database } from '../db/connect.ts';
import type { NoticesTable } from '../modules/notices/notices.tables.ts';
import { newId } from '../platform/ids.ts';
import type { CommandDemoInput } from './command.ts';
import { insertRows } from './insert-rows.ts';
import { createRng } from './prng.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Level = 'county' | 'town' | 'village';

interface Template {
  level: Level;
  topic: NoticeTopic;
  title: string;
  body: string;
  /** Default: published. */
  status?: NoticeStatus | 'scheduled';
}

/** `{place}` is the region's name. */
const TEMPLATES: Template[] = [
  {
    level: 'county',
    topic: 'announcement',
    title: '关于进一步加强春节期间疫情防控工作的通告',
    body: `## 一、返乡人员报备

所有从县外返乡人员，须在**抵达后 12 小时内**向所在村（社区）报备，可扫描村口张贴的二维码自行登记。

## 二、倡导事项

- 倡导"就地过年"，非必要不出县
- 红事缓办、白事简办、宴会不办
- 减少走亲访友，聚餐不超过 10 人

## 三、健康监测

出现**发热、干咳、乏力**等症状的，请立即到就近发热门诊就诊，途中全程佩戴口罩，避免乘坐公共交通工具。

> 疫情防控，人人有责。感谢广大群众的理解与支持！`,
  },
  {
    level: 'county',
    topic: 'policy',
    title: '县外来（返）人员分类管控措施（第 5 版）',
    body: `根据省、市最新防控要求，现将县外来（返）人员管控措施调整如下：

1. **中高风险地区**来（返）人员：实行 7 天集中隔离医学观察，期间开展 3 次核酸检测；
2. **有本土病例所在设区市**来（返）人员：实行 3 天 2 检，落实 7 天健康监测；
3. **其他地区**来（返）人员：持 48 小时内核酸阴性证明，抵达后主动报备。

各乡镇、村（社区）要严格落实"来登去销"制度，做到**不漏一户、不漏一人**。

本措施自发布之日起施行，将根据疫情形势动态调整。`,
  },
  {
    level: 'county',
    topic: 'prevention',
    title: '做好个人防护，牢记"防疫三件套"',
    body: `### 防疫三件套

- **戴口罩**：进入超市、医院、公交车等公共场所，全程规范佩戴口罩
- **社交距离**：排队、付款、交谈时保持 1 米以上距离
- **个人卫生**：勤洗手、常通风、用公筷

### 防护五还要

1. 口罩还要继续戴
2. 社交距离还要留
3. 咳嗽喷嚏还要遮
4. 双手还要经常洗
5. 窗户还要尽量开`,
  },
  {
    level: 'county',
    topic: 'health',
    title: '新冠病毒疫苗加强免疫接种安排',
    body: `## 接种对象

完成全程接种满 **6 个月**的 18 周岁以上人群。

## 接种地点与时间

| 接种点 | 时间 |
| --- | --- |
| 县人民医院门诊楼三楼 | 每天 8:00-16:30 |
| 各乡镇卫生院 | 周一至周五 8:00-11:30 |

## 注意事项

- 携带身份证，接种前如实告知健康状况
- 接种后留观 **30 分钟**
- 接种当天保持接种部位清洁干燥

咨询电话：0571-6000 1234`,
  },
  {
    level: 'county',
    topic: 'announcement',
    title: '关于开展全员核酸检测的通告',
    body: `为尽快排查风险，经研究决定，于本周六、周日在全县范围内开展全员核酸检测。

**检测对象**：全县范围内所有居民（含外来人员），此前已完成检测的除外。

**检测方式**：以村（社区）为单位，按网格分时段有序检测，具体时间以村（社区）通知为准。

请大家：

- 提前准备好身份证或健康码
- 排队时保持 1 米间距，全程佩戴口罩
- 行动不便的老人由网格员上门采样

检测免费，请相互转告。`,
  },
  {
    level: 'county',
    topic: 'story',
    title: '守护村口的"红袖标"——记东岙村志愿服务队',
    body: `凌晨五点，天还没亮，东岙村卡口的灯已经亮了。

六十二岁的老党员**陈阿伯**已经在这里值守了 40 多天。"年纪大了，别的帮不上，守个卡口还行。"他笑着说。

在他的带动下，村里先后有 **36 名**村民报名参加志愿服务，分成 4 个班组轮流值守：

- 测体温、查验健康码
- 登记外来车辆和人员
- 给居家隔离户送菜送药

寒风中，一个个"红袖标"成为村里最温暖的风景。`,
  },
  {
    level: 'county',
    topic: 'other',
    title: '谨防借疫情实施诈骗',
    body: `近期，有不法分子冒充**疾控中心、卫健委**工作人员，以"核酸检测异常""需要退款""领取补贴"为由实施诈骗。

请广大群众牢记：

1. 疾控人员不会要求转账汇款
2. 不点击陌生短信中的链接
3. 不向陌生人透露银行卡号和验证码

如遇可疑情况，请拨打 **110** 或咨询当地派出所。`,
  },
  {
    level: 'county',
    topic: 'policy',
    title: '关于调整公共场所扫码测温要求的通知（征求意见稿）',
    body: `根据最新防控方案，拟对公共场所扫码测温要求作如下调整：

- 超市、农贸市场继续查验健康码
- 室外公园、广场不再设置测温点

本稿尚在征求意见，**请勿转发**。`,
    status: 'draft',
  },
  {
    level: 'town',
    topic: 'announcement',
    title: '{place}关于暂停集市贸易活动的通知',
    body: `为减少人员聚集，经镇疫情防控工作领导小组研究决定：

**自即日起，暂停{place}辖区内所有集市贸易活动**，恢复时间另行通知。

- 农贸市场正常营业，实行限流，进场须扫码测温
- 流动摊贩不得占道经营
- 各村（社区）加强巡查劝导

请广大群众和经营户理解支持。`,
  },
  {
    level: 'town',
    topic: 'prevention',
    title: '{place}农村聚集性活动管控指引',
    body: `### 红白喜事

- 婚事**延期**办理
- 丧事**简办**，控制在 20 人以内
- 寿宴、满月酒、乔迁宴等一律不办

### 其他聚集活动

1. 暂停庙会、祠堂祭祀等民俗活动
2. 棋牌室、老年活动室暂停开放
3. 村民家中不得聚众打牌、打麻将

确需举办的，须提前 **3 天**向村委会报备。`,
  },
  {
    level: 'town',
    topic: 'health',
    title: '{place}卫生院发热门诊开放时间调整',
    body: `{place}卫生院发热门诊实行 **24 小时接诊**。

就诊须知：

1. 全程佩戴医用外科口罩
2. 如实告知 14 天内旅居史
3. 自驾或步行前往，不乘坐公共交通

地址：镇卫生院东侧独立通道。`,
  },
  {
    level: 'town',
    topic: 'story',
    title: '{place}网格员的一天',
    body: `早上 7 点半，网格员小王已经骑着电动车出门了。

她负责的网格有 **126 户、413 人**，每天要完成：

- 上门走访重点人员，测体温
- 核对新到人员登记信息
- 在微信群里发布防疫提醒

"累是累，但看到大家都平平安安的，就觉得值。"`,
  },
  {
    level: 'town',
    topic: 'announcement',
    title: '{place}关于开展第二轮区域核酸检测的通知',
    body: `定于**本周三**开展第二轮区域核酸检测。

- 上午：各行政村
- 下午：集镇社区及企业

请以村为单位，按网格员通知的时间前往采样点。`,
    status: 'scheduled',
  },
  {
    level: 'town',
    topic: 'other',
    title: '{place}招募疫情防控志愿者',
    body: `现面向全镇招募疫情防控志愿者，主要从事卡口值守、信息登记、物资配送等工作。

**报名条件**：年满 18 周岁、身体健康、已完成疫苗接种。

报名方式：到所在村（社区）村委会登记。`,
  },
  {
    level: 'town',
    topic: 'policy',
    title: '{place}关于企业复工复产防疫要求的通知',
    body: `## 复工条件

1. 制定疫情防控方案和应急预案
2. 落实员工健康监测台账
3. 配备口罩、消毒液、测温枪等物资

## 日常管理

- 员工每日两次测温
- 食堂分餐、错峰就餐
- 外地返岗员工须报备

未落实防控措施的企业**不得复工**。`,
    status: 'withdrawn',
  },
  {
    level: 'town',
    topic: 'prevention',
    title: '{place}关于加强冷链食品管理的提醒',
    body: `购买进口冷链食品时：

- 查看**检验检疫证明**和核酸检测报告
- 处理生鲜时戴手套，生熟分开
- 烹饪时烧熟煮透`,
    status: 'draft',
  },
  {
    level: 'village',
    topic: 'policy',
    title: '{place}关于出租房屋"来登去销"的提醒',
    body: `各位房东：

根据县里要求，出租房屋实行**"来登去销"**管理：

1. 租客入住当天，房东带租客到村委会登记
2. 租客退租离开，房东及时告知网格员注销
3. 未按规定登记的，由村委会督促整改

房东是出租房屋疫情防控的**第一责任人**，请大家配合。`,
  },
  {
    level: 'village',
    topic: 'announcement',
    title: '{place}返乡人员请主动报备',
    body: `各位在外务工、求学的乡亲们：

返乡前请提前告知村委会，抵达后**当天**到村委会登记，或扫描村口二维码自行登记。

登记内容：

- 姓名、身份证号、联系电话
- 从哪里来、抵达时间
- 现居住地址

村委会电话：0571-6100 0000（24 小时）`,
  },
  {
    level: 'village',
    topic: 'prevention',
    title: '{place}村规民约·防疫篇',
    body: `经村民代表大会讨论通过：

1. 不串门、不聚集、不聚餐
2. 外出**戴口罩**，回家勤洗手
3. 家中有人从外地回来，**主动报告**
4. 红事缓办、白事简办
5. 不信谣、不传谣

全体村民共同遵守。`,
  },
  {
    level: 'village',
    topic: 'health',
    title: '{place}居家隔离户生活物资配送安排',
    body: `居家隔离期间，村里安排志愿者**每天上午 9 点**统一配送生活物资。

需要代购的，请在前一天晚上 8 点前把清单发给网格员。

- 蔬菜、米面油
- 常用药品
- 生活垃圾每日上门收集`,
  },
  {
    level: 'village',
    topic: 'story',
    title: '{place}：一场推迟的婚礼',
    body: `原定腊月十八的婚礼，新郎小李一家主动推迟了。

"酒席都订好了，**28 桌**，说不心疼是假的。"小李说，"可现在这个时候，大家的安全更重要。"

村委会为他们送上了一面锦旗：**移风易俗好青年**。`,
  },
  {
    level: 'village',
    topic: 'announcement',
    title: '{place}核酸检测采样点及时间安排',
    body: `本村采样点设在**村文化礼堂**。

| 网格 | 时间 |
| --- | --- |
| 第一网格 | 8:00-9:30 |
| 第二网格 | 9:30-11:00 |
| 其他 | 14:00-16:00 |

请带好身份证，排队保持间距。`,
  },
  {
    level: 'village',
    topic: 'other',
    title: '{place}关于规范丢弃废弃口罩的提示',
    body: `用过的口罩请**对折后装入塑料袋**，投入村里设置的"废弃口罩专用收集桶"，不要随地丢弃。

收集桶位置：村委会门口、文化礼堂、小卖部旁。`,
  },
  {
    level: 'village',
    topic: 'prevention',
    title: '{place}致全体村民的一封信',
    body: `亲爱的村民朋友们：

当前疫情防控形势依然严峻，请大家做到：

- **少出门**：非必要不外出
- **戴口罩**：外出必戴
- **勤报告**：有异常及时报告网格员

让我们齐心协力，守护好我们的家园！`,
  },
  {
    level: 'village',
    topic: 'health',
    title: '{place}老年人疫苗接种上门服务',
    body: `针对 60 岁以上行动不便的老人，村卫生室联合镇卫生院提供**上门接种**服务。

有需要的家庭请在本周五前向网格员登记。`,
    status: 'draft',
  },
];

function sourceOf(level: Level, name: string): string {
  if (level === 'county') return `${name}新冠肺炎疫情防控工作指挥部`;
  if (level === 'town') return name.endsWith('街道') ? `${name}办事处` : `${name}人民政府`;
  return name.endsWith('社区') ? `${name}居民委员会` : `${name}村民委员会`;
}

export async function seedDemoNotices(database: Database, input: CommandDemoInput): Promise<void> {
  const { territory, county } = input;
  if (territory.towns.length === 0 || territory.villages.length === 0) return;
  const rng = createRng(`${input.seed}/notices`);
  const now = Date.now();
  const rows: NoticesTable[] = TEMPLATES.map((tpl, i) => {
    const region = tpl.level === 'county' ? { id: county.id, name: county.name } : rng.pick(tpl.level === 'town' ? territory.towns : territory.villages);
    const status = tpl.status ?? 'published';
    // Spread over the last 30 days, older templates first, at office hours.
    const daysAgo = Math.max(0, 29 - i - rng.int(3));
    const at = now - daysAgo * DAY - rng.between(1, 8) * HOUR;
    const publishAt = status === 'scheduled' ? now + 2 * DAY : status === 'draft' ? null : at;
    const age = (now - at) / DAY;
    // Views: county notices are read most; older ones have had more time.
    const reach = tpl.level === 'county' ? 900 : tpl.level === 'town' ? 300 : 80;
    const views = status === 'published' || status === 'withdrawn' ? Math.round(reach * Math.min(1, age / 10) * (0.4 + rng.next())) + rng.int(20) : 0;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: '',
      region_id: region.id,
      title: tpl.title.replaceAll('{place}', region.name),
      source: sourceOf(tpl.level, region.name),
      topic: tpl.topic,
      body: tpl.body.replaceAll('{place}', region.name),
      status: status === 'scheduled' ? 'published' : status,
      publish_at: publishAt === null ? null : iso(publishAt),
      views,
      created_by: input.createdBy,
      created_at: iso(at - rng.between(1, 20) * HOUR),
      updated_at: iso(status === 'withdrawn' ? at + DAY : at),
      version: status === 'withdrawn' ? 2 : 1,
    };
  });
  // Ids are time-ordered and staff lists go by id: give them in the order the notices were written.
  rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const row of rows) row.id = newId();
  await database.db.transaction().execute((tx) => insertRows(tx, 'notices', rows));
}

// Invented names for the demo county: common surnames and given-name characters combined at
// random, invented place, compound and company names. No real person is meant; the few
// combinations that would name someone famous are redrawn.
import { type Rng, weighted } from './prng.ts';

// The most common surnames, roughly by frequency (weights are shares in per mille).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 72], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 22], ['吴', 20], ['周', 20],
  ['徐', 14], ['孙', 13], ['马', 12], ['朱', 11], ['胡', 11], ['郭', 10], ['何', 10], ['高', 9], ['林', 9], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 6], ['宋', 6], ['唐', 6], ['许', 5], ['韩', 5], ['冯', 5], ['邓', 5], ['曹', 5],
  ['彭', 5], ['曾', 4], ['肖', 4], ['田', 4], ['董', 4], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2], ['熊', 2],
  ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2],
];
const MALE_CHARS = '伟强磊军勇杰涛明超斌浩鹏辉刚健峰建国平志宏海亮俊飞波宇晨轩博文华林成龙荣兵东旭阳振家豪鑫'.split('');
const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀英玲桂兰萍红燕琳雪梅慧颖婷欣怡倩洁琴云莉佳悦晶蕾璐瑶丹彤妍雯'.split('');
const SHARED_CHARS = '子思雨一嘉永乐安春秋晓小新德瑞'.split('');
/** Combinations that would name a well-known person: drawn again. */
const FAMOUS = new Set(['王菲', '李娜', '刘翔', '姚明', '张杰', '杨幂', '李白', '杜甫', '周迅', '孙俪', '赵薇', '刘欢', '王杰', '陈红', '韩红', '高峰']);

const pickSurname = (() => {
  const draw = weighted(SURNAMES);
  return (rng: Rng) => draw(rng.next());
})();

export function personName(rng: Rng, gender: 'male' | 'female', surname = pickSurname(rng)): string {
  for (;;) {
    const pool = rng.chance(0.15) ? SHARED_CHARS : gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
    const given = rng.chance(0.3) ? rng.pick(pool) : `${rng.pick(pool)}${rng.pick(gender === 'male' ? MALE_CHARS : FEMALE_CHARS)}`;
    const name = `${surname}${given}`;
    if (!FAMOUS.has(name)) return name;
  }
}
export const surnameOf = (rng: Rng): string => pickSurname(rng);

const PLACE_CHARS = '青石桥龙白马新安金凤云松柳杨梅桃花竹溪河湖山岭坪塘湾岗坝源泉东西南北上下前后大高平长永兴和福丰宁康乐合同顺义仁德清华明光红黄双'.split('');

/** A two-character place name not in `taken`, then remembered there. */
export function placeName(rng: Rng, taken: Set<string>): string {
  for (let i = 0; ; i++) {
    const name = `${rng.pick(PLACE_CHARS)}${rng.pick(PLACE_CHARS)}`;
    if (name[0] !== name[1] && (!taken.has(name) || i > 50)) {
      taken.add(name);
      return name;
    }
  }
}

const COMPOUND_SUFFIXES = ['花园', '小区', '苑', '家园', '新村', '公寓', '华庭', '雅居'];
export const compoundName = (rng: Rng, taken: Set<string>): string => `${placeName(rng, taken)}${rng.pick(COMPOUND_SUFFIXES)}`;

const CN_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1–99 in Chinese numerals, as grids are named (第十二网格). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMBERS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (CN_NUMBERS[tens] ?? '')}十${ones ? (CN_NUMBERS[ones] ?? '') : ''}`;
}

const TRADES = ['建材', '机械', '纺织', '食品', '电子', '物流', '服装', '家具', '农业科技', '建筑工程', '包装', '汽车配件'];
const BRAND_CHARS = '宏达盛兴鑫源恒泰华润丰和瑞祥永安金辉'.split('');
export const employerName = (rng: Rng, countyName: string): string =>
  `${countyName}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${rng.pick(TRADES)}有限公司`;

/** Where returnees and floating people come from (cities, not people). */
export const ORIGINS = ['湖北省武汉市', '广东省深圳市', '广东省广州市', '上海市', '北京市', '浙江省杭州市', '江苏省苏州市', '福建省厦门市', '四川省成都市', '重庆市', '河南省郑州市', '湖南省长沙市', '安徽省合肥市', '江西省南昌市', '山东省青岛市', '天津市'] as const;

export const KEY_PERSON_REASONS = ['中高风险地区返回', '密切接触者', '次密切接触者', '境外返回人员', '居家隔离期满观察', '发热待排查'] as const;

export const TRAVEL_MODE_WEIGHTS = [['car', 40], ['train', 30], ['bus', 18], ['plane', 9], ['ship', 1], ['other', 2]] as const;

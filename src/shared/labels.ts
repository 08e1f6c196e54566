// Chinese names of the API's codes, for server-made documents (xlsx, printed forms) and the web.
import type { DWELLING_RELATIONS, PersonCategory, TRAVEL_MODES } from './households.ts';
import type { RegionLevel } from './regions.ts';

export const CATEGORY_LABELS_ZH: Record<PersonCategory, string> = {
  resident: '常住人口',
  floating: '流动人口',
  returnee: '返乡人员',
  migrant_worker: '外来务工人员',
  tenant: '租户',
  visitor: '访客',
};

export const LEVEL_LABELS_ZH: Record<RegionLevel, string> = {
  county: '县',
  town: '镇(街道)',
  village: '村(社区)',
  grid: '网格',
  microgrid: '微网格',
};

export const TRAVEL_MODE_LABELS_ZH: Record<(typeof TRAVEL_MODES)[number], string> = {
  train: '火车',
  plane: '飞机',
  bus: '客车',
  car: '自驾',
  ship: '轮船',
  other: '其他',
};

export const DWELLING_RELATION_LABELS_ZH: Record<(typeof DWELLING_RELATIONS)[number], string> = {
  owner: '户主/房主',
  family: '家庭成员',
  tenant: '租户',
  lodger: '借住',
};

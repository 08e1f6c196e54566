// The 'lists' namespace: the tools every list shares — the town → village → grid filter and the total.
export const zh = {
  level: { town: '镇/街道', village: '村/社区', grid: '网格' },
  allOf: '全部{{level}}',
  regionFilter: '按区域筛选',
  total: '共 {{n}} 条',
  totalCapped: '共 {{bound}}+ 条',
  /** The bound as staff read it: 10,000 is 1 万. */
  bound: '{{wan}} 万',
};

export const en: typeof zh = {
  level: { town: 'town', village: 'village', grid: 'grid' },
  allOf: 'All {{level}}s',
  regionFilter: 'Filter by area',
  total: '{{n}} in all',
  totalCapped: 'more than {{bound}}',
  bound: '{{wan}}0,000',
};

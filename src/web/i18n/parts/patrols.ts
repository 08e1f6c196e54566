// The 'patrols' namespace of the UI text (巡查日志): Chinese first; English has the same keys
// (typed). A part of its own: the phone app's patrol pages bring it along when they load.
import { CODE_WORDS_EN, CODE_WORDS_ZH } from '../../../shared/code-words.ts';
export const zh = {
  nav: '巡查日志', title: '巡查劝导日志', create: '记录巡查', created: '巡查已记录', detailTitle: '巡查详情',
  team: '巡查队', teamPick: '选择巡查队', noTeams: '本辖区暂无启用的巡查队', village: '村/社区', villagePick: '选择巡查的村/社区',
  day: '巡查日期', places: '巡查地点', placesPlaceholder: '如：村口广场、菜市场', note: '备注', by: '记录人',
  photos: '现场照片', photosHint: '拍照后自动上传，最多 {{max}} 张', photoAdd: '拍照或选择照片', photoRemove: '移除照片', photoCount: '{{count}} 张照片',
  figures: CODE_WORDS_ZH.patrolFigures,
  short: { gatheringsDispersed: '劝散', peopleDispersed: '人数', maskReminders: '提醒', banquetsFound: '宴请' },
  filterVillage: '按村/社区筛选', filterDay: '按日期筛选', chartTitle: '近 14 天劝散聚集与口罩提醒',
  chartTotals: '{{logs}} 次巡查 · 劝散 {{gatherings}} 处 · 提醒 {{reminders}} 人次', empty: '暂无巡查日志',
};

export const en: typeof zh = {
  nav: 'Patrol logs', title: 'Persuasion patrol logs', create: 'Log a patrol', created: 'Patrol logged', detailTitle: 'Patrol',
  team: 'Patrol team', teamPick: 'Choose a patrol team', noTeams: 'No active patrol team in your region', village: 'Village', villagePick: 'Choose the village patrolled',
  day: 'Day', places: 'Places', placesPlaceholder: 'e.g. village square, market', note: 'Note', by: 'Logged by',
  photos: 'Photos', photosHint: 'Uploaded as soon as taken; at most {{max}}', photoAdd: 'Take or choose a photo', photoRemove: 'Remove photo', photoCount: '{{count}} photo(s)',
  figures: CODE_WORDS_EN.patrolFigures,
  short: { gatheringsDispersed: 'Dispersed', peopleDispersed: 'People', maskReminders: 'Reminders', banquetsFound: 'Banquets' },
  filterVillage: 'Filter by village', filterDay: 'Filter by day', chartTitle: 'Gatherings dispersed and mask reminders, last 14 days',
  chartTotals: '{{logs}} patrols · {{gatherings}} dispersed · {{reminders}} reminders', empty: 'No patrol logs yet',
};

// The 'inspections' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '不定期督查',
  navRectifications: '整改任务',
  navTeams: '巡查队伍',
};
export const en: typeof zh = {
  nav: 'Inspections',
  navRectifications: 'Rectifications',
  navTeams: 'Patrol teams',
};

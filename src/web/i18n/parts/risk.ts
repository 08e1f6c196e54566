// The 'risk' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '风险赋码',
};
export const en: typeof zh = {
  nav: 'Risk colours',
};

// The 'quarantine' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '居家隔离',
};
export const en: typeof zh = {
  nav: 'Home quarantine',
};

// The 'tips' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '有奖举报',
  title: '有奖举报',
};

export const en: typeof zh = {
  nav: 'Tips',
  title: 'Tips',
};

// The 'notices' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '宣传发布',
  title: '宣传发布',
};

export const en: typeof zh = {
  nav: 'Notices',
  title: 'Notices',
};

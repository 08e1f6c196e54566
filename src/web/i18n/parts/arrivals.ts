// The 'arrivals' namespace of the UI text: Chinese first; English has the same keys (typed).
export const zh = {
  nav: '扫码登记',
  title: '扫码登记',
};

export const en: typeof zh = {
  nav: 'Arrivals',
  title: 'Arrivals',
};

// The command screen's colours: deep navy, cyan lines, warm accents for what needs attention.
export const SCREEN = {
  text: '#d6ecff',
  muted: '#7fa6c9',
  cyan: '#35d0ff',
  line: 'rgba(53, 208, 255, 0.25)',
  ok: '#3ddc97',
  warn: '#ffb443',
  bad: '#ff5b5b',
  gold: '#ffd666',
  categories: ['#35d0ff', '#3ddc97', '#ffd666', '#ff8f5b', '#b38cff', '#5b8cff'],
  /** Counts: deep blue to bright cyan. */
  mapRange: ['#0d2f5c', '#1565a8', '#1fa5d6', '#41e0c9', '#c9f77a'],
  /** Rates: red (nothing done) through amber to green (all done), like the paper wall charts. */
  rateRange: ['#8c1d2c', '#d2452f', '#f0a53a', '#9bd34f', '#2fd39a'],
} as const;

export const axisStyle = {
  axisLine: { lineStyle: { color: SCREEN.line } },
  axisTick: { show: false },
  axisLabel: { color: SCREEN.muted, fontSize: 11 },
  splitLine: { lineStyle: { color: 'rgba(53, 208, 255, 0.08)' } },
} as const;

export const tooltipStyle = {
  backgroundColor: 'rgba(4, 20, 46, 0.92)',
  borderColor: SCREEN.cyan,
  textStyle: { color: SCREEN.text, fontSize: 12 },
} as const;

/** Risk colours (风险赋码) on the dark screen: a region is coloured by its worst person. */
export const RISK_SCREEN = { green: '#2fd39a', yellow: '#ffc53d', red: '#ff4d4f' } as const;

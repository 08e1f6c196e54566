// Short numbers people read out on the phone instead of a 36-character id: a prefix per kind,
// the county day the record was made, and its place in that day — `JB-20261206-0042`.
// Prefixes are the pinyin initials staff already say: 举报 JB, 隔离 GL, 检查 JC, 整改 ZG, 核查 HC, 移交 YJ.
// No Node or DOM imports.
import { toHalfWidth } from './normalise.ts';

export const RECORD_NUMBER_PREFIXES = {
  tip: 'JB',
  quarantine: 'GL',
  inspection: 'JC',
  rectification: 'ZG',
  verification: 'HC',
  handover: 'YJ',
} as const;
export type NumberedKind = keyof typeof RECORD_NUMBER_PREFIXES;

/** Four digits a day; a day past 9,999 simply grows a digit (the order still reads right). */
export const SEQUENCE_DIGITS = 4;

/** `JB-20261206-0042` from the kind, the county day (YYYY-MM-DD) and the day's sequence. */
export function formatRecordNumber(kind: NumberedKind, day: string, seq: number): string {
  return `${RECORD_NUMBER_PREFIXES[kind]}-${day.replaceAll('-', '')}-${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** A search text as a fragment of a number (upper case, spaces dropped, full-width as ASCII); null when it cannot be one. */
export function numberQuery(q: string | undefined): string | null {
  if (!q) return null;
  const text = toHalfWidth(q).replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9-]{1,20}$/.test(text) ? text : null;
}

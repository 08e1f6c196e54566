// A dwelling's address as people read it, and the key its lists sort on. One formatter for the
// staff console, the phone app, the forms and the server: building, unit and room are stored as
// people typed them — "3" or "3幢", "2" or "2单元" — so the word is added only when missing
// (the demo once stored "1幢" and every screen printed "1幢幢"). No Node or DOM imports.
import { toHalfWidth } from './normalise.ts';

export interface DwellingParts {
  address: string;
  building?: string | null;
  unit?: string | null;
  room?: string | null;
}

export type AddressLanguage = 'zh' | 'en';

/** The words each part takes, and the spellings that already carry it (so none is doubled). */
const WORDS = {
  zh: {
    building: { wrap: (v: string) => `${v}幢`, has: /(幢|栋|楼|座|号楼)$/ },
    unit: { wrap: (v: string) => `${v}单元`, has: /单元$/ },
    room: { wrap: (v: string) => `${v}室`, has: /(室|房|号)$/ },
  },
  en: {
    building: { wrap: (v: string) => `Bldg ${v}`, has: /^(bldg|building)\b/i },
    unit: { wrap: (v: string) => `Unit ${v}`, has: /^unit\b/i },
    room: { wrap: (v: string) => `Room ${v}`, has: /^(room|rm)\b/i },
  },
} as const;

const clean = (v: string | null | undefined): string => (v ?? '').trim();

/** "3幢 2单元 501室" (zh) or "Bldg 3 Unit 2 Room 501" (en); empty when none is known. */
export function formatUnitLine(h: Omit<DwellingParts, 'address'>, lang: AddressLanguage = 'zh'): string {
  const words = WORDS[lang];
  return (['building', 'unit', 'room'] as const)
    .map((part) => {
      const value = clean(h[part]);
      if (!value) return '';
      // A Chinese word typed in stays as typed in both languages: "1幢" never reads "Bldg 1幢".
      if (words[part].has.test(value) || (lang === 'en' && WORDS.zh[part].has.test(value))) return value;
      return words[part].wrap(value);
    })
    .filter(Boolean)
    .join(' ');
}

/** The whole dwelling on one line: "新村路 8 号 2幢 1单元 302室". Forms store it in Chinese. */
export function formatDwelling(h: DwellingParts, lang: AddressLanguage = 'zh'): string {
  return [clean(h.address), formatUnitLine(h, lang)].filter(Boolean).join(' ');
}

// ------------------------------------------------------------------ natural order

/** Digit runs are padded to this width, so "101" sorts before "1001" compared as text. */
const DIGITS = 12;
/** Between parts: below every printable character, so "8号" sorts before "8号院". */
const PART_SEPARATOR = '\u0001';

function naturalPart(value: string | null | undefined): string {
  return toHalfWidth(clean(value))
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\d+/g, (run) => {
      const digits = run.replace(/^0+(?=\d)/, '');
      // Longer than the width (never a real house number): keep order by length first.
      return digits.length > DIGITS ? `${'9'.repeat(DIGITS)}${digits}` : digits.padStart(DIGITS, '0');
    });
}

/**
 * The key household lists sort on, computed on every write: compared as bytes (the C collation
 * on PostgreSQL, SQLite's default), it orders 1-1-101 before 1-1-1001 and 2幢 before 10幢 on
 * both databases, and pages with a plain index range.
 */
export function dwellingSortKey(h: DwellingParts): string {
  return [h.address, h.building, h.unit, h.room].map(naturalPart).join(PART_SEPARATOR);
}

/** The same order for lists sorted on the client (the phone's own copy of its grid). */
export function compareDwellings(a: DwellingParts, b: DwellingParts): number {
  const ka = dwellingSortKey(a);
  const kb = dwellingSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

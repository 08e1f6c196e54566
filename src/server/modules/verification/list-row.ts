// One row of a verification list read through its mapping. Upper-level data is dirty: a row
// with a malformed ID number or phone is kept, flagged, and still checked door to door; only a
// row with neither a name nor an ID number cannot become a task.
import { validateIdNumber, normaliseIdNumber } from '../../../shared/id-number.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import type { ListField } from '../../../shared/verification.ts';

export interface ListRow {
  name: string;
  /** Normalised; valid or not (see flags). */
  idNumber: string | null;
  idValid: boolean;
  phone: string | null;
  phoneValid: boolean;
  address: string | null;
  origin: string | null;
  arrivedOn: string | null;
  travel: string | null;
  note: string | null;
  /** Malformed fields: 'idNumber', 'phone'. */
  flags: string[];
}

const MAX_TEXT = 200;
const text = (cells: readonly string[], index: number | undefined): string | null => {
  if (index === undefined) return null;
  const v = (cells[index] ?? '').trim();
  return v === '' ? null : v.slice(0, MAX_TEXT);
};

/** An Excel day serial (45000) as YYYY-MM-DD; other text as it is. */
function dayText(value: string | null): string | null {
  if (value === null) return null;
  if (/^\d{5}(\.\d+)?$/.test(value)) {
    const serial = Number(value);
    if (serial > 20_000 && serial < 80_000) return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
  }
  return value;
}

/** The row, or null when it has neither a name nor an ID number (a blank or unusable row). */
export function parseListRow(cells: readonly string[], columns: Partial<Record<ListField, number>>, today: string): ListRow | null {
  const name = text(cells, columns.name);
  const rawId = text(cells, columns.idNumber);
  if (name === null && rawId === null) return null;
  const flags: string[] = [];
  let idNumber: string | null = null;
  let idValid = false;
  if (rawId !== null) {
    const check = validateIdNumber(rawId, today);
    idValid = check.ok;
    idNumber = check.ok ? check.value : normaliseIdNumber(rawId).slice(0, 40);
    if (!check.ok) flags.push('idNumber');
  }
  const rawPhone = text(cells, columns.phone);
  let phone: string | null = null;
  let phoneValid = false;
  if (rawPhone !== null) {
    const check = normaliseMobile(rawPhone);
    phoneValid = check.ok;
    phone = check.ok ? check.value : rawPhone.slice(0, 40);
    if (!check.ok) flags.push('phone');
  }
  return {
    name: name ?? '',
    idNumber,
    idValid,
    phone,
    phoneValid,
    address: text(cells, columns.address),
    origin: text(cells, columns.origin),
    arrivedOn: dayText(text(cells, columns.arrivedOn)),
    travel: text(cells, columns.travel),
    note: text(cells, columns.note),
    flags,
  };
}

/**
 * Who the row is, before hashing: the valid ID number; where it is invalid or missing, the
 * name and phone (the rule for one task per person).
 */
export const personKeyOf = (row: ListRow): string => (row.idValid && row.idNumber ? `id:${row.idNumber}` : `np:${row.name}|${row.phone ?? ''}`);

// One spreadsheet row of the people import → a checked, encrypted staging row, or every
// problem the row has (row, column, reason). Values are normalised the way the API normalises
// them; nothing that lost digits in Excel is ever accepted.
import { DWELLING_RELATIONS, HOUSEHOLD_LIMITS, PERSON_CATEGORIES, PERSON_LIMITS, type PersonCategory, TRAVEL_MODES } from '../../../shared/households.ts';
import { dwellingSortKey } from '../../../shared/address.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { arrivalIssues, categoryIssues, keyPersonIssues } from '../../../shared/person-rules.ts';
import { type ImportReasonCode, type ImportReasonParams, importReasonText } from '../../../shared/import-reasons.ts';
import { CATEGORY_LABELS_ZH, DWELLING_RELATION_LABELS_ZH, TRAVEL_MODE_LABELS_ZH } from '../../../shared/labels.ts';
import { normaliseMobile, toHalfWidth } from '../../../shared/normalise.ts';
import type { ImportPersonRowsTable } from './imports.tables.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import { newId } from '../../platform/ids.ts';
import type { ImportRejection } from './import-jobs.ts';
import type { PersonImportField } from './person-columns.ts';
import type { RawRow } from './row-source.ts';
import type { Cell, SheetColumn } from './sheet.ts';
import { fromBool } from '../../db/dialect.ts';

export interface RowRegion {
  id: number;
  path: string;
  level: string;
}
export interface RowContext {
  crypto: FieldCrypto;
  jobId: string;
  today: string;
  columns: Partial<Record<PersonImportField, SheetColumn>>;
  /** The region chosen for the import: used when a row names no grid code. */
  defaultRegion: RowRegion;
  /** A region code → the region (cached by the caller), or why it can't be used. */
  regionByCode(code: string): RowRegion | 'unknown' | 'outside';
}
export type RowResult = { ok: true; row: ImportPersonRowsTable } | { ok: false; rejections: ImportRejection[] } | { ok: 'blank' };

function synonyms<T extends string>(codes: readonly T[], zh: Record<T, string>, extra: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(code.toLowerCase(), code);
    map.set(zh[code], code);
  }
  for (const [word, code] of Object.entries(extra)) map.set(word, code);
  return map;
}
const CATEGORY_WORDS = synonyms(PERSON_CATEGORIES, CATEGORY_LABELS_ZH, {
  常住: 'resident', 户籍人口: 'resident', 本地人口: 'resident', 流动: 'floating', 返乡: 'returnee', 返乡人口: 'returnee',
  务工人员: 'migrant_worker', 外来务工: 'migrant_worker', 务工: 'migrant_worker', 租客: 'tenant', 租住人员: 'tenant', 来访: 'visitor', 来访人员: 'visitor', 'migrant worker': 'migrant_worker',
});
const TRAVEL_WORDS = synonyms(TRAVEL_MODES, TRAVEL_MODE_LABELS_ZH, { 高铁: 'train', 动车: 'train', 汽车: 'bus', 大巴: 'bus', 长途汽车: 'bus', 私家车: 'car', 自驾车: 'car', 船: 'ship' });
const DWELLING_WORDS = synonyms(DWELLING_RELATIONS, DWELLING_RELATION_LABELS_ZH, { 户主: 'owner', 房主: 'owner', 家属: 'family', 租客: 'tenant', 租住: 'tenant', 借住人员: 'lodger' });
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '无', '不是']);

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** The text columns and their longest values: the API's own limits. */
const TEXT_LIMITS = {
  address: HOUSEHOLD_LIMITS.address,
  building: HOUSEHOLD_LIMITS.building,
  unit: HOUSEHOLD_LIMITS.unit,
  room: HOUSEHOLD_LIMITS.room,
  landlordName: HOUSEHOLD_LIMITS.landlordName,
  name: PERSON_LIMITS.name,
  origin: PERSON_LIMITS.origin,
  employer: PERSON_LIMITS.employer,
  keyPersonReason: PERSON_LIMITS.keyPersonReason,
} as const satisfies Partial<Record<PersonImportField, number>>;

/** A day from what people type or Excel stores; null when it is not a real date. */
export function dayFromCell(cell: Cell): string | null {
  if (typeof cell === 'number') {
    // An unformatted date cell is Excel's serial day number.
    if (!Number.isInteger(cell) || cell < 1 || cell > 80_000) return null;
    return new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10);
  }
  if (cell === null) return null;
  const text = toHalfWidth(cell).trim();
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = m[2] ? [m[1], m[2], m[3]] : [m[1], m[4], m[5]];
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Digits typed in a cell that Excel may have turned into a number: refused when digits were lost. */
function digitsFromCell(cell: Cell): { ok: true; text: string } | { ok: false; shown: string } {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell >= 1e15) return { ok: false, shown: String(cell) };
    return { ok: true, text: String(cell) };
  }
  const text = toHalfWidth(String(cell)).trim();
  if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) return { ok: false, shown: text };
  return { ok: true, text };
}

export function parsePersonRow(raw: RawRow, ctx: RowContext): RowResult {
  const rejections: ImportRejection[] = [];
  const cell = (field: PersonImportField): Cell => {
    const col = ctx.columns[field];
    if (!col) return null;
    const v = raw.values[col.index] ?? null;
    return typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v;
  };
  let blank = true;
  for (const col of Object.values(ctx.columns)) {
    const v = col ? raw.values[col.index] : null;
    if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) {
      blank = false;
      break;
    }
  }
  if (blank) return { ok: 'blank' };

  const refused = new Set<PersonImportField>();
  const reject = (field: PersonImportField, code: ImportReasonCode, params?: ImportReasonParams) => {
    refused.add(field);
    rejections.push({
      row: raw.row,
      column: ctx.columns[field]?.label ?? field,
      message: importReasonText(code, params, 'en') ?? code,
      code,
      ...(params ? { params } : {}),
    });
  };
  const text = (field: keyof typeof TEXT_LIMITS, required = false): string | null => {
    const max = TEXT_LIMITS[field];
    const v = cell(field);
    if (v === null) {
      if (required) reject(field, 'required');
      return null;
    }
    const s = toHalfWidth(String(v)).replace(/\s+/g, ' ').trim();
    if (s.length > max) {
      reject(field, 'too_long', { max });
      return null;
    }
    return s;
  };
  const choice = <T extends string>(field: PersonImportField, words: Map<string, T>, code: ImportReasonCode, zh: Record<T, string>, required = false): T | null => {
    const v = cell(field);
    if (v === null) {
      if (required) reject(field, 'required');
      return null;
    }
    const word = toHalfWidth(String(v)).trim();
    const found = words.get(word) ?? words.get(word.toLowerCase());
    if (!found) reject(field, code, { allowed: Object.values<string>(zh).join('、') });
    return found ?? null;
  };
  const yesNo = (field: PersonImportField): boolean => {
    const v = cell(field);
    if (v === null) return false;
    const word = toHalfWidth(String(v)).trim().toLowerCase();
    if (YES.has(word)) return true;
    if (!NO.has(word)) reject(field, 'yes_no');
    return false;
  };

  // Where: the row's grid, or the import's.
  let region: RowRegion | null = ctx.defaultRegion;
  const codeCell = cell('regionCode');
  if (codeCell !== null) {
    const digits = digitsFromCell(codeCell);
    if (!digits.ok) {
      reject('regionCode', 'lost_digits', { shown: digits.shown });
      region = null;
    } else {
      const found = ctx.regionByCode(digits.text);
      if (found === 'unknown' || found === 'outside') {
        reject('regionCode', found === 'unknown' ? 'region_unknown' : 'region_outside');
        region = null;
      } else region = found;
    }
  }
  if (region && region.level !== 'grid' && region.level !== 'microgrid') {
    reject('regionCode', codeCell === null ? 'region_missing' : 'region_not_grid');
    region = null;
  }

  const address = text('address', true);
  const building = text('building');
  const unit = text('unit');
  const room = text('room');
  const isRental = yesNo('isRental');
  const landlordName = text('landlordName');
  let landlordPhone: { enc: string; hash: string } | null = null;
  const landlordCell = cell('landlordPhone');
  if (landlordCell !== null) {
    const digits = digitsFromCell(landlordCell);
    if (!digits.ok) reject('landlordPhone', 'lost_digits', { shown: digits.shown });
    else {
      const checked = normaliseMobile(digits.text);
      if (!checked.ok) reject('landlordPhone', checked.code, { length: checked.reason.match(/this has (\d+)/)?.[1] ?? '' });
      else landlordPhone = { enc: ctx.crypto.encrypt(checked.value), hash: ctx.crypto.index(checked.value) };
    }
  }

  const name = text('name', true);
  let identity: Pick<ImportPersonRowsTable, 'id_number_enc' | 'id_number_hash' | 'id_number_masked' | 'birth_date' | 'gender'> | null = null;
  const idCell = cell('idNumber');
  if (idCell !== null) {
    const digits = digitsFromCell(idCell);
    if (!digits.ok) reject('idNumber', 'lost_digits', { shown: digits.shown.slice(0, 8) });
    else {
      const checked = validateIdNumber(digits.text, ctx.today);
      if (!checked.ok) reject('idNumber', checked.code, { length: checked.reason.match(/this has (\d+)/)?.[1] ?? '' });
      else
        identity = {
          id_number_enc: ctx.crypto.encrypt(checked.value),
          id_number_hash: ctx.crypto.index(checked.value),
          id_number_masked: maskIdNumber(checked.value),
          birth_date: checked.birthDate,
          gender: checked.gender,
        };
    }
  }
  let phone: { enc: string; hash: string; masked: string } | null = null;
  const phoneCell = cell('phone');
  if (phoneCell !== null) {
    const digits = digitsFromCell(phoneCell);
    if (!digits.ok) reject('phone', 'lost_digits', { shown: digits.shown });
    else {
      const checked = normaliseMobile(digits.text);
      if (!checked.ok) reject('phone', checked.code, { length: checked.reason.match(/this has (\d+)/)?.[1] ?? '' });
      else phone = { enc: ctx.crypto.encrypt(checked.value), hash: ctx.crypto.index(checked.value), masked: maskPhone(checked.value) };
    }
  }
  const category = choice<PersonCategory>('category', CATEGORY_WORDS, 'category', CATEGORY_LABELS_ZH, true);
  const origin = text('origin');
  let arrivedOn: string | null = null;
  if (cell('arrivedOn') !== null) {
    arrivedOn = dayFromCell(cell('arrivedOn'));
    if (!arrivedOn) reject('arrivedOn', 'date');
    for (const problem of arrivalIssues({ arrivedOn }, ctx.today)) {
      reject(problem.path, problem.code);
      arrivedOn = null;
    }
  }
  const travelMode = choice('travelMode', TRAVEL_WORDS, 'travel_mode', TRAVEL_MODE_LABELS_ZH);
  const employer = text('employer');
  const dwellingRelation = choice('dwellingRelation', DWELLING_WORDS, 'dwelling_relation', DWELLING_RELATION_LABELS_ZH);
  const keyPerson = yesNo('keyPerson');
  const keyPersonReason = text('keyPersonReason');
  // The person rules the API applies; a field refused already (too long, not a date) is not refused twice.
  for (const problem of [...keyPersonIssues({ keyPerson, keyPersonReason }), ...categoryIssues({ category, origin, arrivedOn })]) {
    if (!refused.has(problem.path)) reject(problem.path, problem.code);
  }

  if (rejections.length || !region || !address || !name || !category) return { ok: false, rejections };
  return {
    ok: true,
    row: {
      job_id: ctx.jobId,
      row_no: raw.row,
      region_id: region.id,
      household_key: [region.id, address, building ?? '', unit ?? '', room ?? ''].join('\u001f'),
      new_household_id: newId(),
      address,
      building,
      unit,
      room,
      sort_key: dwellingSortKey({ address, building, unit, room }),
      is_rental: fromBool(isRental),
      landlord_name: landlordName,
      landlord_phone_enc: landlordPhone?.enc ?? null,
      landlord_phone_hash: landlordPhone?.hash ?? null,
      person_id: newId(),
      name,
      gender: identity?.gender ?? null,
      birth_date: identity?.birth_date ?? null,
      id_number_enc: identity?.id_number_enc ?? null,
      id_number_hash: identity?.id_number_hash ?? null,
      id_number_masked: identity?.id_number_masked ?? null,
      phone_enc: phone?.enc ?? null,
      phone_hash: phone?.hash ?? null,
      phone_masked: phone?.masked ?? null,
      category,
      origin,
      arrived_on: arrivedOn,
      travel_mode: travelMode,
      employer,
      dwelling_relation: dwellingRelation,
      key_person: fromBool(keyPerson),
      key_person_reason: keyPersonReason,
    },
  };
}

// Showing a record's field values in words (conflicts, merge): codes to labels, booleans to
// yes/no, numbers masked. Shared by the staff app (conflicts page, merge dialog) and the phone
// app (conflicts), each passing its own translation function.
import { CATEGORY_LABELS_ZH } from '../shared/labels.ts';
import { looksMasked } from '../shared/masking.ts';

/** A text key with its fallback, in the app's current language. */
export type Translate = (key: string, fallback?: string) => string;

const NUMBER_FIELDS = new Set(['idNumber', 'phone', 'landlordPhone']);

/** Masks a typed number the way the server does, so the screen never shows it in full. */
export function maskNumber(field: string, value: string): string {
  if (looksMasked(value)) return value;
  const v = value.replace(/[\s-]/g, '');
  if (field === 'idNumber') return v.length > 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '*'.repeat(v.length);
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '*'.repeat(v.length);
}

export function fieldLabel(t: Translate, field: string): string {
  return t(`householdEdit.fields.${field}`, field);
}

export function displayValue(t: Translate, language: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('householdEdit.merge.none');
  if (typeof value === 'boolean') return value ? t('householdEdit.yes') : t('householdEdit.no');
  const text = String(value);
  if (NUMBER_FIELDS.has(field)) return maskNumber(field, text);
  if (field === 'category') return language === 'en' ? t(`persons.categories.${text}`) : (CATEGORY_LABELS_ZH as Record<string, string>)[text] ?? text;
  if (field === 'travelMode') return t(`householdEdit.travelModes.${text}`, text);
  if (field === 'dwellingRelation') return t(`householdEdit.dwellingRelations.${text}`, text);
  return text;
}

// Turning an ApiError into text for the user, and its details into form-field errors.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../client/edit-values.ts';
import { catalogs, currentLanguage } from '../app/i18n.ts';
import { fieldPathText } from '../i18n/field-names.ts';
import { isApiError } from './api.ts';

/** i18next's t as the shared helpers take it (a key and its fallback). */
export const translateOf = (t: TFunction): Translate => (key, fallback) => t(key, fallback === undefined ? {} : { defaultValue: fallback });

/** The server speaks English; known detail messages have a translation. */
export function translateServerMessage(message: string): string {
  const table: Record<string, string> = catalogs[currentLanguage()].server;
  return table[message] ?? message;
}

/** The Chinese for a server sentence, or null where there is none (never English in a Chinese message). */
function serverMessageIn(message: string, language: string): string | null {
  if (language === 'en') return message;
  const table: Record<string, string> = catalogs['zh-CN'].server;
  return table[message] ?? null;
}

/** Codes whose translation says everything: the server's English sentence would only repeat it. */
const SELF_EXPLAINING = new Set(['NETWORK_ERROR', 'INTERNAL', 'STORAGE_FULL']);

/** One line for a toast or an alert: the code's meaning, then what the server said. */
export function errorText(err: unknown, t: (key: string, options?: { defaultValue: string }) => string, language: string): string {
  if (!isApiError(err)) return t('errors.unknown');
  const title = t(`errors.${err.code}`, { defaultValue: t('errors.unknown') });
  if (SELF_EXPLAINING.has(err.code) || !err.message) return title;
  // In English the server's own sentence says it best.
  if (language === 'en') return err.message;
  // In Chinese: the code's words, and the server's sentence only where it has a translation.
  const said = serverMessageIn(err.message, language);
  return said ? `${title}：${said}` : title;
}

export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err: unknown) => errorText(err, t, i18n.language);
}

/**
 * Puts each `details[].path` message onto the form field of that name. Returns the details it
 * could not place, so the caller can show those in an alert instead.
 */
function applyFieldErrors(form: FormInstance, err: unknown, known: readonly string[]): string[] {
  if (!isApiError(err)) return [];
  const leftover: string[] = [];
  const fields: { name: string; errors: string[] }[] = [];
  for (const detail of err.details) {
    const name = detail.path.split('.')[0] ?? '';
    if (known.includes(name)) fields.push({ name, errors: [translateServerMessage(detail.message)] });
    else leftover.push(`${fieldPathText(detail.path, currentLanguage())}: ${translateServerMessage(detail.message)}`);
  }
  if (fields.length) form.setFields(fields);
  return leftover;
}

/**
 * For a form's failed submit: field errors go onto the fields; the returned text (or null when
 * every detail found its field) goes into the form's alert.
 */
export function useFormErrors(): (form: FormInstance, err: unknown, fields: readonly string[]) => string | null {
  const errorText = useErrorText();
  return (form, err, fields) => {
    const leftover = applyFieldErrors(form, err, fields);
    const placedAll = isApiError(err) && err.details.length > 0 && leftover.length === 0;
    return placedAll ? null : errorText(err);
  };
}

// An API refusal as a form shows it: one line on top, and messages next to the fields that
// `details[].path` names (phone, idNumber, photos[1]…).
import { ApiError } from './api.ts';
import { fieldPathText } from './field-names.ts';
import { codeText, currentLang, t } from './i18n.ts';

export interface FormErrors {
  message: string | null;
  fields: Record<string, string>;
}

/** `photos[1]` → "第2张照片". */
function photoName(path: string): string | null {
  const m = /^photos\[(\d+)\]/.exec(path);
  return m ? t('tip.photoN', { n: Number(m[1]) + 1 }) : null;
}

/**
 * `fieldText(path, serverMessage)` gives the page's own wording for a field it knows (the
 * server speaks English), or null when the path is not one of its fields.
 */
export function formErrorsOf(err: unknown, fieldText: (path: string, serverMessage: string) => string | null): FormErrors {
  if (!(err instanceof ApiError)) return { message: t('err.server'), fields: {} };
  if (err.network) return { message: t('err.network'), fields: {} };
  if (err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    return { message: t('err.rate', { n: minutes }), fields: {} };
  }
  if (err.code === 'IDEMPOTENCY_KEY_REUSED') return { message: t('err.reused'), fields: {} };
  if (err.status >= 500) return { message: t('err.server'), fields: {} };
  const fields: Record<string, string> = {};
  const leftover: string[] = [];
  let photoMessage: string | null = null;
  for (const d of err.details) {
    const photo = photoName(d.path);
    if (photo) {
      const text = t(err.status === 415 ? 'err.photoType' : 'err.photoLarge', { photo });
      fields[d.path] = text;
      photoMessage ??= text;
      continue;
    }
    const text = fieldText(d.path, d.message);
    if (text !== null) fields[d.path] = text;
    else if (d.path === 'photos' && err.status === 413) photoMessage ??= t('err.photosLarge');
    else leftover.push(d.path);
  }
  if (photoMessage) return { message: photoMessage, fields };
  if (leftover.length === 0 && Object.keys(fields).length > 0) return { message: t('err.invalid'), fields };
  // The server speaks English: the reader gets the code's own text in their language, never the
  // server's sentence, and the names of the fields it refused, in their language too.
  const said = codeText(err.code) ?? t('err.server');
  const lang = currentLang();
  const named = leftover.map((path) => fieldPathText(path, lang === 'en' ? 'en' : 'zh-CN'));
  return { message: named.length ? `${said}${lang === 'en' ? ` (${named.join(', ')})` : `（${named.join('、')}）`}` : said, fields };
}

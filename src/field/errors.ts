// A failed request in the worker's words: the code's meaning, then what the server said (English
// server messages the dictionary knows are translated; field names stay on their fields).
import { ApiError } from './api.ts';
import { currentLang, serverText, t } from './i18n.ts';

export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.unknown');
  const title = t(`errors.${err.code}`, undefined, t('errors.unknown'));
  if (err.code === 'NETWORK_ERROR' || err.code === 'INTERNAL' || !err.message) return title;
  if (currentLang() === 'en') return err.message;
  return `${title}：${serverText(err.message)}`;
}

/** The details of a refusal by field (first path segment), for the form to show next to each. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const d of err.details) out[d.path.split('.')[0] ?? d.path] ??= serverText(d.message);
  return out;
}

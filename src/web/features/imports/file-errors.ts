// A refused spreadsheet in the reader's language: the refusal's code (shared/import-reasons.ts)
// with its parameters — from the job (errorCode, errorParams) or, refused at upload, from the
// answer's details ("file.max": "1024"). Anything else keeps the server's sentence. And a
// waiting import's place in the server's queue.
import { importReasonText } from '../../../shared/import-reasons.ts';
import { isApiError } from '../../lib/api.ts';

type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

/** A job's error, translated when it carries a code. */
export function jobErrorText(job: { error?: string | null; errorCode?: string; errorParams?: Record<string, string | number> }, lang: Lang): string | null {
  if (!job.error) return null;
  return (job.errorCode && importReasonText(job.errorCode, job.errorParams, lang)) || job.error;
}

/** An upload refused for its file (a limit passed), translated; null for any other error. */
export function uploadRefusalText(err: unknown, lang: Lang): string | null {
  if (!isApiError(err)) return null;
  const params: Record<string, string> = {};
  for (const d of err.details) if (d.path.startsWith('file.')) params[d.path.slice(5)] = d.message;
  return importReasonText(err.code, params, lang);
}

/** 排队中，前面还有 N 个 (imports run a few at a time on the server); plain 排队中 when the place is unknown. */
export function queuePlaceText(position: number | undefined, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (position === undefined) return t('personImport.status.queued');
  return position === 0 ? t('personImport.queueNext') : t('personImport.queueAhead', { count: position });
}

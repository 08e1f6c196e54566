// The quarantine module's refusals in the user's language: the server's detail messages are
// English; the known ones are put in Chinese here before the shared helpers place them on their
// fields (src/web/lib/errors.ts), so "personId: has an active order" reads as a sentence.
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../lib/api.ts';
import { fieldPathText } from '../../i18n/field-names.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

function localized(message: string, t: T): string {
  if (message === 'has an active order') return t('quarantine.server.activeOrder');
  if (message === 'must be an active staff account in your region') return t('quarantine.server.monitorScope');
  if (message === 'must be on or after startOn') return t('quarantine.server.endAfterStart');
  if (message === 'released') return t('quarantine.server.released');
  if (message === 'not found') return t('quarantine.server.notFound');
  if (message.startsWith('temperature is between')) return t('quarantine.server.temperature');
  const after = /^must be after (\d{4}-\d{2}-\d{2})$/.exec(message);
  if (after) return t('quarantine.server.endAfter', { date: after[1] });
  return message;
}

export function localizeError(err: unknown, t: T, english: boolean): unknown {
  if (english || !isApiError(err) || err.details.length === 0) return err;
  return new ApiError(err.status, err.code, err.message, err.details.map((d) => ({ ...d, message: localized(d.message, t) })), err.retryAfter);
}

/** The one-line text of an error; in Chinese the known detail messages are translated. */
export function useQuarantineErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return (err) => {
    // Orders outside one's region answer 404 like missing ones: say both in one sentence.
    if (isApiError(err) && err.status === 404 && err.details.length === 0) return t('quarantine.server.orderNotFound');
    if (i18n.language === 'en' || !isApiError(err) || err.details.length === 0) return errorText(err);
    const title = t(`errors.${err.code}`, { defaultValue: t('errors.unknown') });
    return `${title}：${err.details.map((d) => `${fieldPathText(d.path, i18n.language)}：${localized(d.message, t)}`).join('；')}`;
  };
}

/** useFormErrors with the module's messages translated; the field named by the server gets it. */
export function useQuarantineFormErrors(): (form: FormInstance, err: unknown, fields: readonly string[]) => string | null {
  const { t, i18n } = useTranslation();
  const formErrors = useFormErrors();
  const errorText = useQuarantineErrorText();
  return (form, err, fields) => {
    const problem = formErrors(form, localizeError(err, t, i18n.language === 'en'), fields);
    return problem === null ? null : errorText(err);
  };
}

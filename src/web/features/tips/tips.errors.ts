// The tips module's refusals in the user's language: the server's detail messages are English;
// the known ones are put in Chinese here before the shared helpers place them on their fields
// (src/web/lib/errors.ts), so "trackingCode: this is not the tracking code of this tip" reads as
// a sentence next to the code field.
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../lib/api.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

const KNOWN: Record<string, string> = {
  'this is not the tracking code of this tip': 'wrongCode',
  'you proposed this reward: another officer must decide it': 'ownProposal',
  'the proposer created or last changed your account, or you theirs: another officer must decide it': 'linkedAccounts',
  'a reward is only for a tip found true': 'notSubstantiated',
  'route to a town, village or grid': 'routeLevel',
  'outside your region': 'outsideRegion',
  'the tip is already with this region': 'sameRegion',
  'a tip cannot be grouped with itself': 'groupSelf',
  'already grouped': 'alreadyGrouped',
  'not grouped': 'notGrouped',
  'not found': 'notFound',
  stale: 'stale',
};

function localized(message: string, t: T): string {
  const key = KNOWN[message];
  if (key) return t(`tips.server.${key}`);
  const step = /^not possible while (\w+)$/.exec(message);
  if (step) return t('tips.server.wrongStep', { status: t(`tips.statuses.${step[1]}`, { defaultValue: step[1] }) });
  if (message.startsWith('reward ') || message === 'no reward has been proposed' || message.startsWith('the reward is ')) return t('tips.server.rewardState');
  return message;
}

function localizeError(err: unknown, t: T, english: boolean): unknown {
  if (english || !isApiError(err) || err.details.length === 0) return err;
  return new ApiError(err.status, err.code, err.message, err.details.map((d) => ({ ...d, message: localized(d.message, t) })), err.retryAfter);
}

/** The one-line text of an error; in Chinese the known detail messages are translated. */
export function useTipErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return (err) => {
    // Tips outside one's region answer 404 like missing ones: say both in one sentence.
    if (isApiError(err) && err.status === 404 && err.details.length === 0) return t('tips.server.tipNotFound');
    if (i18n.language === 'en' || !isApiError(err) || err.details.length === 0) return errorText(err);
    const title = t(`errors.${err.code}`, { defaultValue: t('errors.unknown') });
    return `${title}：${err.details.map((d) => localized(d.message, t)).join('；')}`;
  };
}

/** useFormErrors with the module's messages translated; the field named by the server gets it. */
export function useTipFormErrors(): (form: FormInstance, err: unknown, fields: readonly string[]) => string | null {
  const { t, i18n } = useTranslation();
  const formErrors = useFormErrors();
  const errorText = useTipErrorText();
  return (form, err, fields) => {
    const problem = formErrors(form, localizeError(err, t, i18n.language === 'en'), fields);
    return problem === null ? null : errorText(err);
  };
}

// A refusal in the worker's words: what kind of problem, and which field the server named.
import type { RefusedReason } from '../../client/offline/db.ts';
import { serverText, t } from '../i18n.ts';

export const refusalText = (message: string): string => (message.startsWith('already registered: ') ? t('field.alreadyRegistered') : serverText(message));

export function refusalDetail(d: { path: string; message: string }): string {
  return `${t(`field.${d.path.split('.')[0] ?? ''}`, undefined, d.path)}：${refusalText(d.message)}`;
}

export function fullRefusal(r: RefusedReason): string {
  const title = t(`errors.${r.code}`, undefined, t('errors.unknown'));
  const details = r.details.map(refusalDetail).join('；');
  return `${title}（${r.code}）${details ? `：${details}` : r.message ? `：${serverText(r.message)}` : ''}`;
}

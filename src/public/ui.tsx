// Small pieces every public page uses: a labelled field with its error, an alert line, dates.
import type { ReactNode } from 'react';
import { currentLang, t } from './i18n.ts';
import { DEFAULT_TIME_ZONE } from '../shared/time-zone.ts';
import { dayIn } from '../web/lib/countyTime.ts';

export function Field(props: { id: string; label: string; error?: string | undefined; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <div className="hint">{props.hint}</div>}
      {props.error && (
        <div className="field-error" role="alert" data-testid={`error-${props.id}`}>
          {props.error}
        </div>
      )}
    </div>
  );
}

export function Alert({ children, kind = 'error', testId }: { children: ReactNode; kind?: 'error' | 'info'; testId?: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <div className="loading" aria-busy="true">
      {t('app.loading')}
    </div>
  );
}

let countyZone = DEFAULT_TIME_ZONE;
/** The county's zone as GET /public/meta names it (GRIDGUARD_TIME_ZONE); the default until then. */
export const setCountyZone = (zone: string): void => {
  countyZone = zone;
};

/** The county's clock, whatever the phone is set to. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: countyZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: countyZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Today in the county as YYYY-MM-DD (the arrival date's default and its upper bound). */
export function chinaToday(): string {
  return dayIn(countyZone);
}

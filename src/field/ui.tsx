// The phone app's few building blocks (no component library: every kilobyte is a wait on 3G):
// buttons, labelled fields, a switch, a choice of options, cards, tags, notices and toasts.
// Tap targets are at least 44 px high; styles live in field.css.
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { createStore } from '../client/store.ts';
import { setLang, t, useLang } from './i18n.ts';

type Kind = 'primary' | 'default' | 'danger' | 'text';

export function Button({ kind = 'default', block, busy, className, children, disabled, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: Kind; block?: boolean; busy?: boolean }) {
  const cls = ['btn', `btn-${kind}`, block ? 'btn-block' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={cls} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

export function Field({ id, label, error, hint, children, required }: { id: string; label: ReactNode; error?: string | null; hint?: ReactNode; children: ReactNode; required?: boolean }) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? <div className="hint">{hint}</div> : null}
      {error ? (
        <div className="field-error" role="alert" data-testid={`error-${id}`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** An on/off switch that is a real checkbox (keyboard, screen readers), with a big tap area. */
export function Toggle({ checked, onChange, label, testId }: { checked: boolean; onChange: (v: boolean) => void; label: ReactNode; testId?: string }) {
  return (
    <label className="toggle">
      <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} aria-checked={checked} />
      <span className="toggle-track" aria-hidden="true" />
      <span>{label}</span>
    </label>
  );
}

/** One of a few options as a row of buttons (radio semantics). */
export function Choice<V extends string>({ value, options, onChange, name, testId, wrap }: {
  value: V | undefined;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  name: string;
  testId?: string;
  wrap?: boolean;
}) {
  return (
    <div className={wrap ? 'choice choice-wrap' : 'choice'} role="radiogroup" data-testid={testId}>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'choice-item on' : 'choice-item'}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function Card({ title, extra, children, testId, className }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={className ? `card ${className}` : 'card'} data-testid={testId}>
      {title || extra ? (
        <div className="card-head">
          <h2>{title}</h2>
          {extra}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Tag({ tone = 'grey', children, testId }: { tone?: 'grey' | 'blue' | 'red' | 'orange' | 'green'; children: ReactNode; testId?: string }) {
  return (
    <span className={`tag tag-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function Notice({ kind = 'info', children, testId }: { kind?: 'info' | 'warn' | 'error' | 'ok'; children: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** A select's options for regions (grids, villages): the id as the value, the name shown. */
export function RegionOptions({ regions }: { regions: readonly { id: number; name: string }[] }) {
  return (
    <>
      {regions.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </>
  );
}

/** 中文 / English: the same choice as the staff app's. */
export function LangSwitch() {
  const lang = useLang();
  return (
    <Button kind="text" onClick={() => void setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch" aria-label={t('lang.label')}>
      {lang === 'zh' ? 'English' : '中文'}
    </Button>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return (
    <div className="loading" aria-busy="true">
      {t('common.loading')}
    </div>
  );
}

// Toasts: one short line at the bottom of the screen for a few seconds.
const toasts = createStore<{ id: number; text: string; kind: 'ok' | 'warn' | 'error' }[]>([]);
let toastId = 0;
export function toast(text: string, kind: 'ok' | 'warn' | 'error' = 'ok'): void {
  const id = ++toastId;
  toasts.set([...toasts.get(), { id, text, kind }]);
  setTimeout(() => toasts.set(toasts.get().filter((x) => x.id !== id)), 3500);
}

export function Toasts() {
  const list = toasts.use();
  return (
    <div className="toasts" aria-live="polite">
      {list.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`} data-testid="toast">
          {x.text}
        </div>
      ))}
    </div>
  );
}

/** MM-DD HH:mm in the phone's own clock (the county's: phones in China run on China time). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// /p/enterprise: an enterprise bringing workers back (复工复产) signs in with the registration code
// its town gave it, types its returning workers in or uploads its own file, and sees each of its
// workers' check state — never anyone else's data, ID numbers masked. The code lives in this
// page's memory only (sent in request bodies, never in a URL or on the phone's storage).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { PublicEnterprise } from '../../shared/verification-checks.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
import { ApiError, newIdempotencyKey, post } from '../api.ts';
import { type FormErrors, formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import { Alert, chinaToday, Field, formatDateTime } from '../ui.tsx';

const FIELDS = ['name', 'idNumber', 'phone', 'origin', 'arrivedOn', 'address'] as const;
type Worker = Record<(typeof FIELDS)[number], string>;
const blank = (): Worker => ({ name: '', idNumber: '', phone: '', origin: '', arrivedOn: chinaToday(), address: '' });

/** Each worker's missing or malformed fields, as `workers.<i>.<field>` (the server's paths). */
function validate(workers: Worker[]): Record<string, string> {
  const out: Record<string, string> = {};
  workers.forEach((w, i) => {
    for (const f of FIELDS) if (!w[f].trim()) out[`workers.${i}.${f}`] = t('arrive.required');
    if (w.idNumber.trim() && !validateIdNumber(w.idNumber).ok) out[`workers.${i}.idNumber`] = t('arrive.badId');
    if (w.phone.trim() && !normaliseMobile(w.phone).ok) out[`workers.${i}.phone`] = t('arrive.badPhone');
    if (w.arrivedOn && w.arrivedOn > chinaToday()) out[`workers.${i}.arrivedOn`] = t('arrive.futureDate');
  });
  return out;
}

function SignIn({ onView }: { onView: (code: string, view: PublicEnterprise) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim() || sending) return;
    setSending(true);
    try {
      onView(code.trim(), await post<PublicEnterprise>('/enterprises/session', { code: code.trim() }, newIdempotencyKey()));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('ent.badCode') : formErrorsOf(err, () => null).message);
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate autoComplete="off" data-testid="ent-signin">
      <h1>{t('ent.title')}</h1>
      <p className="muted">{t('ent.intro')}</p>
      {error && <Alert testId="ent-error">{error}</Alert>}
      <Field id="ent-code" label={t('ent.code')}>
        <input id="ent-code" data-testid="ent-code" value={code} maxLength={40} autoCapitalize="characters" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <button type="submit" className="button primary" disabled={sending} data-testid="ent-signin-submit">
        {sending ? t('arrive.sending') : t('ent.signIn')}
      </button>
    </form>
  );
}

function WorkersForm({ code, onSent }: { code: string; onSent: () => void }) {
  const [workers, setWorkers] = useState<Worker[]>([blank()]);
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const [sending, setSending] = useState(false);
  const keyRef = useRef<string | null>(null);
  const set = (i: number, f: keyof Worker) => (e: { target: { value: string } }) => setWorkers((prev) => prev.map((w, j) => (j === i ? { ...w, [f]: e.target.value } : w)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const fields = validate(workers);
    if (Object.keys(fields).length) return setErrors({ message: t('err.invalid'), fields });
    setErrors({ message: null, fields: {} });
    setSending(true);
    keyRef.current ??= newIdempotencyKey();
    try {
      await post('/enterprises/workers', { code, workers: workers.map((w) => Object.fromEntries(FIELDS.map((f) => [f, w[f].trim()]))) }, keyRef.current);
      keyRef.current = null;
      setWorkers([blank()]);
      onSent();
    } catch (err) {
      if (!(err instanceof ApiError && err.network)) keyRef.current = null;
      setErrors(formErrorsOf(err, (path) => (path.startsWith('workers.') ? t('err.invalid') : null)));
    } finally {
      setSending(false);
    }
  };
  const label: Record<keyof Worker, string> = { name: t('arrive.name'), idNumber: t('arrive.idNumber'), phone: t('arrive.phone'), origin: t('arrive.origin'), arrivedOn: t('arrive.arrivedOn'), address: t('ent.address') };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate autoComplete="off" data-testid="ent-form">
      <h2>{t('ent.enter')}</h2>
      {errors.message && <Alert>{errors.message}</Alert>}
      {workers.map((w, i) => (
        <fieldset key={i} className="worker" data-testid="ent-worker">
          <legend>{t('ent.worker', { n: i + 1 })}</legend>
          {FIELDS.map((f) => (
            <Field key={f} id={`ent-${i}-${f}`} label={label[f]} error={errors.fields[`workers.${i}.${f}`]}>
              <input id={`ent-${i}-${f}`} data-testid={`ent-${i}-${f}`} type={f === 'arrivedOn' ? 'date' : f === 'phone' ? 'tel' : 'text'} max={f === 'arrivedOn' ? chinaToday() : undefined} value={w[f]} maxLength={f === 'address' ? 200 : 100} onChange={set(i, f)} />
            </Field>
          ))}
          {workers.length > 1 && (
            <button type="button" className="link" onClick={() => setWorkers((prev) => prev.filter((_, j) => j !== i))}>
              {t('ent.remove')}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" className="button" onClick={() => setWorkers((prev) => [...prev, blank()])} disabled={workers.length >= 200} data-testid="ent-add">
        {t('ent.add')}
      </button>
      <button type="submit" className="button primary" disabled={sending} data-testid="ent-submit">
        {sending ? t('arrive.sending') : t('ent.submit', { n: workers.length })}
      </button>
    </form>
  );
}

function UploadForm({ code, onSent }: { code: string; onSent: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || percent !== null) return;
    const form = new FormData();
    form.append('code', code);
    form.append('file', file);
    setError(null);
    setPercent(0);
    try {
      await post('/enterprises/upload', form, newIdempotencyKey(), (f) => setPercent(Math.round(f * 100)));
      setFile(null);
      onSent();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 422 ? `${t('ent.badFile')}（${err.message}）` : formErrorsOf(err, () => null).message);
    } finally {
      setPercent(null);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="ent-upload">
      <h2>{t('ent.upload')}</h2>
      <p className="muted">{t('ent.uploadHint')}</p>
      {error && <Alert testId="ent-upload-error">{error}</Alert>}
      <input type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="ent-file" />
      <button type="submit" className="button primary" disabled={!file || percent !== null} data-testid="ent-upload-submit">
        {percent !== null ? `${t('arrive.sending')} ${percent}%` : t('ent.uploadSubmit')}
      </button>
    </form>
  );
}

function View({ code, view, onRefresh }: { code: string; view: PublicEnterprise; onRefresh: () => void }) {
  const [sent, setSent] = useState(false);
  const running = view.lists.some((l) => l.status === 'queued' || l.status === 'running');
  // Dependencies left out on purpose: polls while a submission is being taken in
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(onRefresh, 2000);
    return () => clearTimeout(timer);
  }, [view]);
  const sentNow = () => (setSent(true), onRefresh());
  const failed = view.lists.find((l) => l.status === 'failed');
  return (
    <>
      <section className="card" data-testid="ent-view">
        <h1>{view.enterpriseName}</h1>
        <p className="muted">{t('ent.town', { town: view.townName, until: formatDateTime(view.expiresAt) })}</p>
        {sent && <Alert kind="info" testId="ent-sent">{running ? t('ent.taking') : t('ent.sent')}</Alert>}
        {failed && <Alert>{t('ent.failed', { reason: failed.error ?? '' })}</Alert>}
        <h2>{t('ent.workers', { n: view.workers.length })}</h2>
        {view.workers.length === 0 ? (
          <p className="muted">{t('ent.none')}</p>
        ) : (
          <ul className="plain-list" data-testid="ent-workers">
            {view.workers.map((w) => (
              <li key={w.number} data-testid="ent-worker-row">
                <strong>{w.name}</strong> <span className="muted">{w.idNumber ?? ''}</span>
                <span className={`badge status-${w.status}`}>{w.outcome ? t(`ent.outcome.${w.outcome}`) : t(`ent.status.${w.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button" onClick={onRefresh} data-testid="ent-refresh">
          {t('ent.refresh')}
        </button>
      </section>
      <WorkersForm code={code} onSent={sentNow} />
      <UploadForm code={code} onSent={sentNow} />
    </>
  );
}

export default function Enterprise() {
  useLang();
  const [session, setSession] = useState<{ code: string; view: PublicEnterprise } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    if (!session) return;
    try {
      setSession({ code: session.code, view: await post<PublicEnterprise>('/enterprises/session', { code: session.code }, newIdempotencyKey()) });
      setError(null);
    } catch (err) {
      setError(formErrorsOf(err, () => null).message);
    }
  };
  if (!session) return <SignIn onView={(code, view) => setSession({ code, view })} />;
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <View code={session.code} view={session.view} onRefresh={() => void refresh()} />
    </>
  );
}

// /p/arrive/:token: arrival self-registration (扫码登记) from a village's QR poster.
// Nothing typed here is stored on the phone (no localStorage, no autofill hints for the ID
// number): the phone may be borrowed or shared, and these are a stranger's personal data.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ARRIVAL_MAX_DAYS_BACK } from '../../shared/arrivals.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
import { ApiError, getJson, newIdempotencyKey, post } from '../api.ts';
import { type FormErrors, formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import type { PublicArrivalPlace } from '../types.ts';
import { Alert, chinaToday, Field, Loading } from '../ui.tsx';

interface Entries {
  name: string;
  idNumber: string;
  phone: string;
  origin: string;
  arrivedOn: string;
  address: string;
  gridId: string;
}
type Name = keyof Entries;

/** How far back an arrival may be; the contract's constant by type only (its module imports zod). */
const MAX_DAYS_BACK: typeof ARRIVAL_MAX_DAYS_BACK = 30;
function earliestArrival(): string {
  return new Date(Date.now() + 8 * 3_600_000 - MAX_DAYS_BACK * 86_400_000).toISOString().slice(0, 10);
}

const FIELD_TEXT: Record<string, () => string> = {
  name: () => t('arrive.required'),
  idNumber: () => t('arrive.badId'),
  phone: () => t('arrive.badPhone'),
  origin: () => t('arrive.required'),
  arrivedOn: () => t('arrive.tooOld'),
  address: () => t('arrive.required'),
  gridId: () => t('err.region'),
};

function validate(v: Entries): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['name', 'origin', 'address'] as const) if (!v[name].trim()) fields[name] = t('arrive.required');
  if (!v.idNumber.trim()) fields.idNumber = t('arrive.required');
  else {
    const id = validateIdNumber(v.idNumber);
    if (!id.ok) fields.idNumber = id.code === 'check_digit' ? t('arrive.badIdCheck') : t('arrive.badId');
  }
  if (!v.phone.trim()) fields.phone = t('arrive.required');
  else if (!normaliseMobile(v.phone).ok) fields.phone = t('arrive.badPhone');
  if (!v.arrivedOn) fields.arrivedOn = t('arrive.required');
  else if (v.arrivedOn > chinaToday()) fields.arrivedOn = t('arrive.futureDate');
  else if (v.arrivedOn < earliestArrival()) fields.arrivedOn = t('arrive.tooOld');
  return fields;
}

export default function Arrive({ token }: { token: string }) {
  useLang();
  const [place, setPlace] = useState<PublicArrivalPlace | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'invalid' | 'failed'>('loading');
  const [entries, setEntries] = useState<Entries>({ name: '', idNumber: '', phone: '', origin: '', arrivedOn: chinaToday(), address: '', gridId: '' });
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<{ reference: string; villageName: string } | null>(null);
  // Kept across retries of one submission; see TipNew.
  const keyRef = useRef<string | null>(null);

  const load = async () => {
    setState('loading');
    try {
      setPlace(await getJson<PublicArrivalPlace>(`/arrivals/codes/${encodeURIComponent(token)}`));
      setState('ready');
    } catch (err) {
      // A revoked, replaced or made-up token all read the same to the person holding the phone.
      setState(err instanceof ApiError && (err.status === 404 || err.status === 400 || err.status === 410) ? 'invalid' : 'failed');
    }
  };
  // Dependencies left out on purpose: loads once per token
  useEffect(() => {
    void load();
  }, [token]);

  const set = (name: Name) => (e: { target: { value: string } }) => {
    setEntries((prev) => ({ ...prev, [name]: e.target.value }));
    // The field's error goes as soon as it is changed.
    setErrors((prev) => {
      if (!(name in prev.fields)) return prev;
      const { [name]: _gone, ...fields } = prev.fields;
      return { message: prev.message, fields };
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const fields = validate(entries);
    if (Object.keys(fields).length > 0) {
      setErrors({ message: t('err.invalid'), fields });
      return;
    }
    setErrors({ message: null, fields: {} });
    setSending(true);
    keyRef.current ??= newIdempotencyKey();
    try {
      const body = {
        qrToken: token,
        name: entries.name.trim(),
        idNumber: entries.idNumber.trim(),
        phone: entries.phone.trim(),
        origin: entries.origin.trim(),
        arrivedOn: entries.arrivedOn,
        address: entries.address.trim(),
        ...(entries.gridId ? { gridId: Number(entries.gridId) } : {}),
      };
      const created = await post<{ reference: string; villageName: string }>('/arrivals', body, keyRef.current);
      setReceipt(created);
      // The receipt replaces the form; the typed data goes with it.
      setEntries({ name: '', idNumber: '', phone: '', origin: '', arrivedOn: chinaToday(), address: '', gridId: '' });
      window.scrollTo(0, 0);
    } catch (err) {
      if (!(err instanceof ApiError && err.network)) keyRef.current = null;
      if (err instanceof ApiError && err.status === 404 && err.details.some((d) => d.path === 'qrToken')) setState('invalid');
      setErrors(
        formErrorsOf(err, (path, message) => {
          if (path === 'qrToken') return null;
          if (path === 'arrivedOn' && message.includes('future')) return t('arrive.futureDate');
          return FIELD_TEXT[path]?.() ?? null;
        }),
      );
    } finally {
      setSending(false);
    }
  };

  if (state === 'loading') return <Loading />;
  if (state === 'invalid') {
    return (
      <section className="card center" data-testid="arrive-invalid">
        <div className="done-mark warn" aria-hidden="true">
          !
        </div>
        <h1>{t('arrive.invalid')}</h1>
        <p className="muted">{t('arrive.invalidSub')}</p>
      </section>
    );
  }
  if (state === 'failed' || !place) {
    return (
      <section className="card center">
        <Alert>{t('err.network')}</Alert>
        <button type="button" className="button" onClick={() => void load()}>
          {t('app.retry')}
        </button>
      </section>
    );
  }
  if (receipt) {
    return (
      <section className="card center" data-testid="arrive-done">
        <div className="done-mark" aria-hidden="true">
          ✓
        </div>
        <h1>{t('arrive.done')}</h1>
        <p className="muted">{receipt.villageName}</p>
        <p className="muted">{t('arrive.reference')}</p>
        <p className="tracking-code" data-testid="arrive-reference">
          {receipt.reference}
        </p>
        <Alert kind="info">{t('arrive.doneSub')}</Alert>
      </section>
    );
  }

  const err = (name: Name) => errors.fields[name];
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate autoComplete="off" data-testid="arrive-form">
      <h1>{t('arrive.title')}</h1>
      <p className="place-banner" data-testid="arrive-place">
        <small>{t('arrive.place')}</small>
        <strong>
          {place.countyName} {place.townName} {place.villageName}
        </strong>
      </p>
      <p className="muted">{t('arrive.intro')}</p>
      <Field id="arrive-name" label={t('arrive.name')} error={err('name')}>
        <input id="arrive-name" data-testid="arrive-name" value={entries.name} maxLength={60} onChange={set('name')} />
      </Field>
      <Field id="arrive-idNumber" label={t('arrive.idNumber')} error={err('idNumber')}>
        <input id="arrive-idNumber" data-testid="arrive-idNumber" value={entries.idNumber} maxLength={30} inputMode="text" autoCapitalize="characters" spellCheck={false} onChange={set('idNumber')} />
      </Field>
      <Field id="arrive-phone" label={t('arrive.phone')} error={err('phone')}>
        <input id="arrive-phone" data-testid="arrive-phone" type="tel" inputMode="tel" value={entries.phone} maxLength={30} onChange={set('phone')} />
      </Field>
      <Field id="arrive-origin" label={t('arrive.origin')} error={err('origin')}>
        <input id="arrive-origin" data-testid="arrive-origin" value={entries.origin} maxLength={100} placeholder={t('arrive.originHint')} onChange={set('origin')} />
      </Field>
      <Field id="arrive-arrivedOn" label={t('arrive.arrivedOn')} error={err('arrivedOn')}>
        <input id="arrive-arrivedOn" data-testid="arrive-arrivedOn" type="date" value={entries.arrivedOn} min={earliestArrival()} max={chinaToday()} onChange={set('arrivedOn')} />
      </Field>
      <Field id="arrive-address" label={t('arrive.address')} error={err('address')}>
        <input id="arrive-address" data-testid="arrive-address" value={entries.address} maxLength={200} placeholder={t('arrive.addressHint')} onChange={set('address')} />
      </Field>
      {place.grids.length > 0 && (
        <Field id="arrive-grid" label={t('arrive.grid')} error={err('gridId')}>
          <select id="arrive-grid" data-testid="arrive-grid" value={entries.gridId} onChange={set('gridId')}>
            <option value="">{t('region.choose')}</option>
            {place.grids.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <p className="hint">{t('arrive.privacy')}</p>
      {errors.message && <Alert testId="arrive-error">{errors.message}</Alert>}
      <button type="submit" className="button block" disabled={sending} data-testid="arrive-submit">
        {sending ? t('arrive.sending') : t('arrive.submit')}
      </button>
    </form>
  );
}

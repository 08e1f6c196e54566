// The day's health check of one person in home quarantine, made for the door: one big
// temperature field (one decimal, the number pad), symptoms, a note. A fever shows in red before
// saving; the server's answer (a fever alert raised) stays on screen after it. One
// Idempotency-Key per check, so a retry on a dropped connection records it once.
import { useState } from 'react';
import type { QuarantineCheck as Check, QuarantineDetail } from '../../shared/quarantine.ts';
import { en as quarantineEn, zh as quarantineZh } from '../../web/i18n/parts/quarantine.ts';
import { values } from '../../client/contract-values.ts';
import { api, ApiError, newIdempotencyKey } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useRunnerState } from '../sync.ts';
import { Button, Card, Field, Loading, Notice, shortTime } from '../ui.tsx';

addTexts('quarantine', quarantineZh, quarantineEn);

type Symptom = (typeof values.SYMPTOMS)[number];
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export default function QuarantineCheck({ id }: { id: string }) {
  const { online } = useRunnerState();
  const [round, setRound] = useState(0);
  const order = useResource(`order:${id}:${round}`, () => api<QuarantineDetail>(`/quarantines/${encodeURIComponent(id)}`));
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ temperature: number; alert: boolean } | null>(null);
  const value = Number(temperature.replace(',', '.'));
  const typed = temperature.trim() !== '' && Number.isFinite(value);
  const fever = typed && value >= values.FEVER_AT;
  const outOfRange = typed && (value < values.TEMPERATURE_MIN || value > values.TEMPERATURE_MAX);
  const o = order.data;
  const today = o?.checks.filter((c) => c.day === todayInChina()).length ?? 0;

  const save = async () => {
    if (!typed || outOfRange) return setProblem(t('quarantine.server.temperature'));
    setBusy(true);
    setProblem(null);
    try {
      const check = await api<Check & { alert: boolean }>(`/quarantines/${encodeURIComponent(id)}/checks`, {
        method: 'POST',
        body: { temperature: Math.round(value * 10) / 10, symptoms: symptoms.length ? symptoms : undefined, note: note.trim() || undefined },
        idempotencyKey: key,
      });
      setKey(newIdempotencyKey());
      setResult({ temperature: check.temperature, alert: check.alert });
      setTemperature('');
      setSymptoms([]);
      setNote('');
      setRound((n) => n + 1);
    } catch (err) {
      setProblem(err instanceof ApiError && err.details.some((d) => d.path === 'temperature') ? t('quarantine.server.temperature') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={o?.personName ?? t('quarantine.title')} back="/field/quarantine" testId="quarantine-detail">
      {order.error ? <Notice kind="error">{errorText(order.error)}</Notice> : null}
      {!o && !order.error ? <Loading /> : null}
      {o ? (
        <>
          <Card testId="quarantine-info">
            <dl className="facts">
              <dt>{t('quarantine.period')}</dt>
              <dd>
                {o.startOn} ~ {o.endOn}
              </dd>
              {o.place ? (
                <>
                  <dt>{t('quarantine.place')}</dt>
                  <dd>{o.place}</dd>
                </>
              ) : null}
            </dl>
            <p className={today ? 'ok-text' : 'danger'} data-testid={today ? 'quarantine-today-done' : 'quarantine-today-missing'}>
              {today ? t('quarantine.todayDone', { count: today }) : t('quarantine.todayMissing')}
            </p>
          </Card>
          {o.status !== 'active' ? (
            <Notice kind="info">{t('quarantine.releasedNote')}</Notice>
          ) : (
            <Card title={t('quarantine.checkTitle')}>
              <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate data-testid="quarantine-check-form">
                {problem ? <Notice kind="error">{problem}</Notice> : null}
                <Field id="temperature" label={t('quarantine.temperature')} hint={t('quarantine.temperatureHint', { min: values.TEMPERATURE_MIN.toFixed(1), max: values.TEMPERATURE_MAX.toFixed(1) })} required>
                  <input
                    id="temperature"
                    className={fever ? 'input big fever' : 'input big'}
                    inputMode="decimal"
                    placeholder="36.5"
                    maxLength={4}
                    value={temperature}
                    onChange={(e) => {
                      setTemperature(e.target.value);
                      setResult(null);
                    }}
                    data-testid="quarantine-temperature"
                  />
                </Field>
                {fever ? <Notice kind="error" testId="quarantine-fever-warning">{t('quarantine.feverWarning', { at: values.FEVER_AT })}</Notice> : null}
                <Field id="symptoms" label={t('quarantine.symptoms')}>
                  <div className="checks" data-testid="quarantine-symptoms">
                    {values.SYMPTOMS.map((s) => (
                      <label key={s} className="check">
                        <input type="checkbox" checked={symptoms.includes(s)} onChange={(e) => setSymptoms((l) => (e.target.checked ? [...l, s] : l.filter((x) => x !== s)))} />
                        {t(`quarantine.symptomNames.${s}`)}
                      </label>
                    ))}
                  </div>
                </Field>
                <Field id="check-note" label={t('quarantine.note')}>
                  <textarea id="check-note" className="input" rows={2} maxLength={500} placeholder={t('quarantine.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="quarantine-check-note" />
                </Field>
                <Button kind={fever ? 'danger' : 'primary'} type="submit" block busy={busy} disabled={!online} data-testid="quarantine-check-save">
                  {t('quarantine.saveCheck')}
                </Button>
                {!online ? <p className="muted small">{t('phone.needsSignal')}</p> : null}
                {result ? (
                  <Notice kind={result.alert ? 'error' : 'ok'} testId={result.alert ? 'quarantine-check-alert' : 'quarantine-check-ok'}>
                    {result.alert ? t('quarantine.alertRaised', { temp: result.temperature.toFixed(1) }) : t('quarantine.checkOk', { temp: result.temperature.toFixed(1) })}
                  </Notice>
                ) : null}
              </form>
            </Card>
          )}
          <Card title={t('quarantine.checks')} testId="quarantine-checks">
            {o.checks.length === 0 ? <p className="muted">{t('quarantine.noChecks')}</p> : null}
            {[...o.checks].reverse().map((c) => (
              <div key={c.id} className="member">
                <span>{shortTime(c.at)}</span>
                <strong className={c.fever ? 'danger' : undefined}>{c.temperature.toFixed(1)} ℃</strong>
              </div>
            ))}
          </Card>
        </>
      ) : null}
    </Screen>
  );
}

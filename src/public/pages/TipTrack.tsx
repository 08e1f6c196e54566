// /p/tips/track: a tip's progress by its tracking code (see tracking.ts for why the code is
// kept out of the address).
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, getJson } from '../api.ts';
import { formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import { navigate } from '../../client/router.tsx';
import { keepCode, keptCode } from '../tracking.ts';
import { normaliseTrackingCode, type PublicTipStatus, STEPS } from '../types.ts';
import { Alert, Field, formatDateTime } from '../ui.tsx';

function rewardText(reward: NonNullable<PublicTipStatus['reward']>): string {
  const amount = reward.amount === null ? '' : reward.amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return t(`reward.${reward.status}`, { amount });
}

function Timeline({ tip }: { tip: PublicTipStatus }) {
  const reached = new Map(tip.steps.map((s) => [s.status, s.at]));
  const currentIndex = STEPS.indexOf(tip.status);
  return (
    <ol className="timeline" data-testid="tip-timeline">
      {STEPS.map((step, i) => {
        const at = reached.get(step);
        const state = i < currentIndex || at ? 'done' : 'todo';
        return (
          <li key={step} className={`${state}${i === currentIndex ? ' current' : ''}`} data-testid={`step-${step}`}>
            <span className="dot" aria-hidden="true" />
            <span className="step-name">{t(`step.${step}`)}</span>
            <span className="step-at">{at ? formatDateTime(at) : i > currentIndex ? t('track.pending') : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}

export default function TipTrack({ codeFromPath }: { codeFromPath?: string }) {
  useLang();
  const [input, setInput] = useState('');
  const [tip, setTip] = useState<PublicTipStatus | null>(null);
  const [shownCode, setShownCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const lookUp = async (raw: string) => {
    const code = normaliseTrackingCode(raw);
    if (!code) {
      setError(t('track.badCode'));
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const found = await getJson<PublicTipStatus>(`/tips/${encodeURIComponent(code)}`);
      keepCode(code);
      setTip(found);
      setShownCode(code);
    } catch (err) {
      setTip(null);
      setError(err instanceof ApiError && err.status === 404 ? t('track.notFound') : formErrorsOf(err, () => null).message);
    } finally {
      setLoading(false);
    }
  };

  // Dependencies left out on purpose: runs once, on arrival
  useEffect(() => {
    if (codeFromPath !== undefined) {
      // Out of the address bar and history at once; this page comes back without it.
      keepCode(normaliseTrackingCode(codeFromPath) ?? codeFromPath);
      navigate('/p/tips/track', { replace: true });
      return;
    }
    const kept = keptCode();
    if (kept) {
      setInput(kept);
      void lookUp(kept);
    }
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void lookUp(input);
  };

  if (tip && shownCode) {
    return (
      <section className="card" data-testid="tip-status">
        <h1>{t('track.title')}</h1>
        <p className="tracking-code small">{shownCode}</p>
        <dl className="facts">
          <dt>{t('track.status')}</dt>
          <dd data-testid="tip-status-current">
            <strong>{t(`step.${tip.status}`)}</strong>
          </dd>
          <dt>{t('track.number')}</dt>
          <dd className="mono" data-testid="tip-number">{tip.number}</dd>
          <dt>{t('track.category')}</dt>
          <dd>{t(`cat.${tip.category}`)}</dd>
          <dt>{t('track.region')}</dt>
          <dd>{tip.regionName}</dd>
          <dt>{t('track.filedAt')}</dt>
          <dd>{formatDateTime(tip.filedAt)}</dd>
          <dt>{t('track.updatedAt')}</dt>
          <dd>{formatDateTime(tip.updatedAt)}</dd>
          {tip.substantiated !== null && (
            <>
              <dt>{t('track.outcome')}</dt>
              <dd data-testid="tip-outcome">{tip.substantiated ? t('track.true') : t('track.false')}</dd>
            </>
          )}
          {tip.reward && (
            <>
              <dt>{t('track.reward')}</dt>
              <dd data-testid="tip-reward">{rewardText(tip.reward)}</dd>
            </>
          )}
        </dl>
        {tip.reply && (
          <div className="reply" data-testid="tip-reply">
            <h2>{t('track.reply')}</h2>
            <p>{tip.reply}</p>
          </div>
        )}
        <Timeline tip={tip} />
        <button
          type="button"
          className="button secondary block"
          onClick={() => {
            setTip(null);
            setInput('');
          }}
        >
          {t('track.another')}
        </button>
      </section>
    );
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="track-form">
      <h1>{t('track.title')}</h1>
      <Field id="track-code" label={t('track.code')} hint={t('track.codeHint')}>
        <input
          id="track-code"
          data-testid="track-code"
          className="code-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={input}
          onChange={(e) => setInput(e.target.value)}
        />
      </Field>
      {error && <Alert testId="track-error">{error}</Alert>}
      <button type="submit" className="button block" disabled={loading} data-testid="track-submit">
        {loading ? t('app.loading') : t('track.submit')}
      </button>
    </form>
  );
}

// One arrival entry in full (the read is audited on the server: read once per opening) and what a
// verifier does with it: verify (a person record is made in the grid), link to the person already
// registered with that ID number, or reject with a reason. Each decision carries one
// Idempotency-Key, so a retry on a dropped connection decides once.
import { type ReactNode, useState } from 'react';
import type { ArrivalEntry } from '../../shared/arrivals.ts';
import type { PersonCategory } from '../../shared/households.ts';
import type { Region } from '../../shared/regions.ts';
import { PURPOSE_LIMITS } from '../../shared/reveal-limits.ts';
import { en as arrivalsEn, zh as arrivalsZh } from '../../web/i18n/parts/arrivals.ts';
import { values } from '../../client/contract-values.ts';
import { navigate } from '../../client/router.tsx';
import { api, ApiError, newIdempotencyKey, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useRunnerState } from '../sync.ts';
import { Button, Card, Field, Loading, Notice, RegionOptions, Tag, shortTime, toast } from '../ui.tsx';

addTexts('arrivals', arrivalsZh, arrivalsEn);

/** Refusals a verifier meets, in their words; anything else in the shared wording. */
function decisionError(err: unknown): string {
  if (err instanceof ApiError) {
    const path = err.details[0]?.path;
    if (err.code === 'DUPLICATE') return t('arrivals.errors.duplicate');
    if (err.code === 'CONFLICT') return t('arrivals.errors.conflict');
    if (err.code === 'UNPROCESSABLE' && (path === 'gridId' || path === 'householdId')) return t('arrivals.errors.gridId');
    if (err.code === 'UNPROCESSABLE' && path === 'personId') return t('arrivals.errors.personId');
  }
  return errorText(err);
}

/** A decision: one key per entry version, sent once; the page shows the entry's new state. */
function useDecision(e: ArrivalEntry, done: string, onDone: (entry: ArrivalEntry) => void) {
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (action: 'verify' | 'link' | 'reject', body: object) => {
    setBusy(true);
    setProblem(null);
    try {
      const entry = await api<ArrivalEntry>(`/arrivals/${encodeURIComponent(e.id)}/${action}`, { method: 'POST', body: { version: e.version, ...body }, idempotencyKey: `${key}-${action}` });
      toast(done);
      onDone(entry);
    } catch (err) {
      setProblem(decisionError(err));
    } finally {
      setBusy(false);
    }
  };
  return { decide, busy, problem };
}

function VerifyForm({ e, onDone }: { e: ArrivalEntry; onDone: (entry: ArrivalEntry) => void }) {
  const atVillage = e.regionId === e.villageId;
  const grids = useResource(atVillage ? `grids:${e.villageId}` : null, () => api<{ items: Region[] }>(withQuery('/regions', { parentId: e.villageId, limit: 500 })));
  const [gridId, setGridId] = useState<number | ''>('');
  const [category, setCategory] = useState<PersonCategory>('returnee');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const { decide, busy, problem } = useDecision(e, t('arrivals.verify.done'), onDone);
  const submit = () => {
    if (atVillage && gridId === '') return setMissing(true);
    void decide('verify', { gridId: gridId === '' ? undefined : gridId, category, note: note.trim() || undefined });
  };
  return (
    <form className="form" onSubmit={(ev) => (ev.preventDefault(), submit())} data-testid="arrival-verify-form" noValidate>
      {problem ? <Notice kind="error" testId="arrival-verify-error">{problem}</Notice> : null}
      {atVillage ? (
        <Field id="verify-grid" label={t('arrivals.verify.grid')} error={missing && gridId === '' ? t('validation.required') : null} required>
          <select id="verify-grid" className="input" value={gridId} onChange={(ev) => setGridId(ev.target.value ? Number(ev.target.value) : '')} data-testid="arrival-verify-grid">
            <option value="">{t('arrivals.verify.gridPlaceholder')}</option>
            <RegionOptions regions={(grids.data?.items ?? []).filter((g) => g.level === 'grid' && g.active)} />
          </select>
        </Field>
      ) : (
        <Field id="verify-grid" label={t('arrivals.verify.grid')}>
          <div>{e.regionName}</div>
        </Field>
      )}
      <Field id="verify-category" label={t('arrivals.verify.category')} required>
        <select id="verify-category" className="input" value={category} onChange={(ev) => setCategory(ev.target.value as PersonCategory)} data-testid="arrival-verify-category">
          {values.PERSON_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`persons.categories.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="verify-note" label={t('arrivals.verify.note')}>
        <textarea id="verify-note" className="input" rows={2} maxLength={500} value={note} onChange={(ev) => setNote(ev.target.value)} />
      </Field>
      <Button kind="primary" type="submit" block busy={busy} data-testid="arrival-verify-submit">
        {t('arrivals.verify.submit')}
      </Button>
    </form>
  );
}

function LinkBox({ e, personId, onDone }: { e: ArrivalEntry; personId: string; onDone: (entry: ArrivalEntry) => void }) {
  const { decide, busy, problem } = useDecision(e, t('arrivals.link.done'), onDone);
  return (
    <div className="form" data-testid="arrival-link">
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <p className="muted">{t('arrivals.link.text')}</p>
      <Button kind="primary" block busy={busy} onClick={() => void decide('link', { personId })} data-testid="arrival-link-submit">
        {t('arrivals.link.submit')}
      </Button>
    </div>
  );
}

function RejectForm({ e, onDone }: { e: ArrivalEntry; onDone: (entry: ArrivalEntry) => void }) {
  const [reason, setReason] = useState<string>(e.duplicate ? 'duplicate_entry' : '');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const [missing, setMissing] = useState(false);
  const { decide, busy, problem } = useDecision(e, t('arrivals.reject.done'), onDone);
  const ask = () => (reason ? setAsking(true) : setMissing(true));
  return (
    <div className="form" data-testid="arrival-reject-form">
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <Field id="reject-reason" label={t('arrivals.reject.reason')} error={missing && !reason ? t('validation.required') : null} required>
        <select id="reject-reason" className="input" value={reason} onChange={(ev) => setReason(ev.target.value)} data-testid="arrival-reject-reason">
          <option value="" />
          {values.ARRIVAL_REJECT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`arrivals.rejectReasons.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="reject-note" label={t('arrivals.reject.note')}>
        <textarea id="reject-note" className="input" rows={2} maxLength={500} value={note} onChange={(ev) => setNote(ev.target.value)} />
      </Field>
      {asking ? (
        <div className="confirm" role="alertdialog">
          <p>{t('arrivals.reject.confirm')}</p>
          <Button kind="danger" busy={busy} onClick={() => void decide('reject', { reason, note: note.trim() || undefined })} data-testid="arrival-reject-confirm">
            {t('arrivals.reject.submit')}
          </Button>
          <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
        </div>
      ) : (
        <Button kind="danger" block onClick={ask} data-testid="arrival-reject-submit">
          {t('arrivals.reject.submit')}
        </Button>
      )}
    </div>
  );
}

/**
 * 查看完整号码: the server shows full ID and phone numbers only with a purpose in the verifier's
 * own words, which goes into the audit entry of the read; the answer is shown, never stored.
 */
function RevealBox({ id, onRevealed }: { id: string; onRevealed: (entry: ArrivalEntry) => void }) {
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!asking) {
    return (
      <Button block onClick={() => setAsking(true)} data-testid="arrival-reveal">
        {t('phone.reveal.submit')}
      </Button>
    );
  }
  const submit = async () => {
    const trimmed = purpose.trim();
    if (trimmed.length < PURPOSE_LIMITS.min) return setProblem(t('phone.reveal.purposeMin', { min: PURPOSE_LIMITS.min }));
    setBusy(true);
    setProblem(null);
    try {
      onRevealed(await api<ArrivalEntry>(withQuery(`/arrivals/${encodeURIComponent(id)}`, { reveal: 'true', purpose: trimmed })));
      setAsking(false);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={(ev) => (ev.preventDefault(), void submit())} noValidate>
      <Notice kind="warn">{t('phone.reveal.warn')}</Notice>
      <Field id="reveal-purpose" label={t('phone.reveal.purpose')} error={problem} required>
        <input id="reveal-purpose" className="input" value={purpose} maxLength={PURPOSE_LIMITS.max} placeholder={t('phone.reveal.purposePlaceholder')} onChange={(ev) => setPurpose(ev.target.value)} data-testid="reveal-purpose" />
      </Field>
      <Button kind="primary" type="submit" block busy={busy} data-testid="reveal-submit">
        {t('phone.reveal.submit')}
      </Button>
      <Button type="button" block onClick={() => setAsking(false)}>
        {t('phone.reveal.cancel')}
      </Button>
    </form>
  );
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </>
);

export default function Arrival({ id }: { id: string }) {
  const { online } = useRunnerState();
  const [decided, setDecided] = useState<ArrivalEntry | null>(null);
  const [revealed, setRevealed] = useState<ArrivalEntry | null>(null);
  // Read once per opening (each read is audited); not again when the signal comes and goes.
  const detail = useResource(`arrival:${id}`, () => api<ArrivalEntry>(`/arrivals/${encodeURIComponent(id)}`));
  const base = decided ?? detail.data;
  // Full numbers, once revealed, stay shown on this page after a decision; masked otherwise.
  const e = base && revealed ? { ...base, idNumber: revealed.idNumber, phone: revealed.phone } : base;
  const statusTone = e?.status === 'pending' ? 'orange' : e?.status === 'rejected' ? 'grey' : 'green';
  return (
    <Screen title={e?.name ?? t('arrivals.detailTitle')} back="/field/arrivals">
      {detail.error ? <Notice kind="error">{errorText(detail.error)}</Notice> : null}
      {!e && !detail.error ? <Loading /> : null}
      {e ? (
        <>
          {revealed ? <p className="muted small">{t('arrivals.fullNumbersNote')}</p> : null}
          <Card testId="arrival-detail">
            <dl className="facts">
              <Row label={t('arrivals.fields.status')}>
                <Tag tone={statusTone}>{t(`arrivals.statuses.${e.status}`)}</Tag> {e.duplicate ? <Tag tone="red">{t('arrivals.duplicateTag')}</Tag> : null}
              </Row>
              <Row label={t('arrivals.fields.name')}>{e.name}</Row>
              <Row label={t('arrivals.fields.idNumber')}>
                <span className="mono" data-testid="arrival-id-number">{e.idNumber}</span>
              </Row>
              <Row label={t('arrivals.fields.phone')}>
                {revealed ? <a className="mono" href={`tel:${e.phone}`}>{e.phone}</a> : <span className="mono">{e.phone}</span>}
              </Row>
              <Row label={t('arrivals.fields.origin')}>{e.origin}</Row>
              <Row label={t('arrivals.fields.arrivedOn')}>{e.arrivedOn}</Row>
              <Row label={t('arrivals.fields.address')}>{e.address}</Row>
              <Row label={t('arrivals.fields.region')}>{e.regionId === e.villageId ? `${e.regionName}（${t('arrivals.villageOnly')}）` : e.regionName}</Row>
              <Row label={t('arrivals.fields.reference')}>
                <span className="mono">{e.reference}</span>
              </Row>
              <Row label={t('arrivals.fields.createdAt')}>{shortTime(e.createdAt)}</Row>
              {e.status !== 'pending' && e.decidedBy ? <Row label={t('arrivals.fields.decidedBy')}>{e.decidedBy}</Row> : null}
              {e.rejectReason ? <Row label={t('arrivals.fields.rejectReason')}>{t(`arrivals.rejectReasons.${e.rejectReason}`)}</Row> : null}
            </dl>
          </Card>
          {!revealed && online ? <RevealBox id={id} onRevealed={setRevealed} /> : null}
          {e.status !== 'pending' ? (
            <Button block onClick={() => navigate('/field/arrivals')}>
              {t('phone.backToList')}
            </Button>
          ) : !online ? (
            <Notice kind="warn" testId="arrival-offline">{t('arrivals.offline')}</Notice>
          ) : (
            <>
              {e.duplicate?.personId ? (
                <>
                  <Notice kind="warn">{t('arrivals.duplicateHere', { region: e.duplicate.regionName ?? '' })}</Notice>
                  <Card title={t('arrivals.link.title')}>
                    <LinkBox e={e} personId={e.duplicate.personId} onDone={setDecided} />
                  </Card>
                </>
              ) : e.duplicate ? (
                <Notice kind="warn">{t('arrivals.duplicateElsewhere')}</Notice>
              ) : (
                <Card title={t('arrivals.verify.title')}>
                  <VerifyForm e={e} onDone={setDecided} />
                </Card>
              )}
              <Card title={t('arrivals.reject.title')}>
                <RejectForm e={e} onDone={setDecided} />
              </Card>
            </>
          )}
        </>
      ) : null}
    </Screen>
  );
}

// One form on the phone: while its creation waits in the outbox, the queued copy (no signal
// needed, and the server is not asked for a form it does not have yet); once synced, the server's
// copy. A pending form is signed here: the drawn signature goes into the outbox after the form.
import { useRef, useState } from 'react';
import type { Form } from '../../shared/forms.ts';
import { en as formsEn, zh as formsZh } from '../../web/i18n/parts/forms.ts';
import { FORM_KIND, formEntries, localForm, queueSignature, SIGNATURE_KIND } from '../../client/offline/forms.ts';
import { useLive } from '../../client/offline/live.ts';
import { SIGNATURE_HEIGHT, useSignaturePad } from '../../client/signature-pad.ts';
import { Link } from '../../client/router.tsx';
import { API_BASE, api } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useDb, useRunner, useRunnerState } from '../sync.ts';
import { Button, Card, Loading, Notice, shortTime, Tag, toast } from '../ui.tsx';

addTexts('forms', formsZh, formsEn);

const ORDER: Record<Form['kind'], string[]> = {
  floating_registration: ['name', 'origin', 'arrivedOn', 'travelMode', 'residenceAddress', 'employer', 'reasonForStay', 'plannedStayUntil', 'remarks'],
  rental_responsibility: ['landlordName', 'address', 'tenants', 'termStart', 'termEnd', 'remarks'],
};
const subjectOf = (f: Form): string => String(f.fields.name ?? f.fields.landlordName ?? '');
const addressOf = (f: Form): string => String(f.fields.residenceAddress ?? f.fields.address ?? '');

function SignBox({ form }: { form: Form }) {
  const db = useDb();
  const runner = useRunner();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [signer, setSigner] = useState(subjectOf(form));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pad = useSignaturePad(canvas, busy);
  const confirm = async () => {
    const png = pad.toPng();
    if (!png) return setProblem(t('forms.signEmpty'));
    setBusy(true);
    setProblem(null);
    try {
      await queueSignature(db, form.id, { dataUrl: png, signedBy: signer.trim() || undefined }, addressOf(form));
      toast(runner.getState().online ? t('forms.signQueued') : t('forms.signQueuedOffline'));
      void runner.run(true);
    } catch {
      setProblem(t('field.saveFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('forms.sign')} testId="form-sign">
      <div className="form">
        {problem ? <Notice kind="error">{problem}</Notice> : null}
        <div className="field">
          <label htmlFor="signer">{t('forms.signer')}</label>
          <input id="signer" className="input" maxLength={60} value={signer} onChange={(e) => setSigner(e.target.value)} data-testid="signature-signer" />
        </div>
        <div className="pad">
          <canvas ref={canvas} style={{ height: SIGNATURE_HEIGHT }} aria-label={t('forms.signHint')} data-testid="signature-pad" />
          {pad.empty ? <div className="pad-hint">{t('forms.signHint')}</div> : null}
        </div>
        <div className="buttons">
          <Button onClick={pad.clear} disabled={busy || pad.empty} data-testid="signature-clear">
            {t('forms.clear')}
          </Button>
        </div>
        <Button kind="primary" block busy={busy} onClick={() => void confirm()} data-testid="signature-confirm">
          {t('forms.confirmSign')}
        </Button>
      </div>
    </Card>
  );
}

export default function FormView({ id }: { id: string }) {
  const me = useMe();
  const db = useDb();
  const { online } = useRunnerState();
  const entries = useLive(() => formEntries(db, id), [db, id]);
  const created = entries?.find((e) => e.kind === FORM_KIND && e.status !== 'synced');
  const signing = entries?.find((e) => e.kind === SIGNATURE_KIND && e.status !== 'synced');
  const syncedCount = entries?.filter((e) => e.status === 'synced').length ?? 0;
  // The server is asked only once it has the form (nothing of it waits on this phone), and again
  // after each change the outbox sent.
  const askServer = entries !== undefined && !created && online;
  const server = useResource(askServer ? `form:${id}:${syncedCount}` : null, () => api<Form>(`/forms/${encodeURIComponent(id)}`));
  const local = created ? localForm(created, me.region.id) : null;
  const f = local ?? server.data;
  const queued = signing?.body && typeof signing.body === 'object' ? (signing.body as { dataUrl?: string; signedBy?: string }) : null;
  const waiting = <Tag tone="blue" testId="form-unsynced">{t('forms.unsynced')}</Tag>;
  const value = (key: string): string => {
    if (!f) return '';
    if (key === 'tenants') return (Array.isArray(f.fields.tenants) ? (f.fields.tenants as { name: string }[]) : []).map((x) => x.name).join('、') || '—';
    if (key === 'travelMode' && typeof f.fields.travelMode === 'string') return t(`forms.travelModes.${f.fields.travelMode}`);
    const v = f.fields[key];
    return v === undefined || v === null || v === '' ? '—' : String(v);
  };
  const pending = f?.status === 'pending' && !signing;

  return (
    <Screen title={f ? t(`forms.kinds.${f.kind}`) : t('forms.title')} back={f ? `/field/h/${f.householdId}` : '/field'} testId="form-detail">
      {!f && !server.error && (askServer || entries === undefined || created) ? <Loading /> : null}
      {!f && entries && !created && !online ? <Notice kind="warn">{t('phone.formOnServer')}</Notice> : null}
      {server.error && !local ? <Notice kind="error">{errorText(server.error)}</Notice> : null}
      {created?.status === 'refused' ? (
        <Notice kind="error">
          {t('forms.createRefused')} <Link to="/field/sync">{t('forms.toSync')}</Link>
        </Notice>
      ) : null}
      {f ? (
        <>
          <Card>
            <div className="tags">
              <Tag tone={f.kind === 'floating_registration' ? 'blue' : 'grey'}>{t(`forms.kindsShort.${f.kind}`)}</Tag>
              <Tag tone={f.status === 'signed' ? 'green' : 'orange'} testId="form-status">{t(`forms.statuses.${f.status}`)}</Tag>
              {local ? waiting : null}
            </div>
            <dl className="facts">
              {ORDER[f.kind].map((key) => (
                <div key={key} className="contents">
                  <dt>{t(`forms.fields.${key}`)}</dt>
                  <dd>{value(key)}</dd>
                </div>
              ))}
            </dl>
          </Card>
          {signing ? (
            <Card title={t('forms.signedOnPhone')} extra={waiting} testId="form-signed-local">
              <dl className="facts">
                <dt>{t('forms.signedBy')}</dt>
                <dd>{queued?.signedBy ?? '—'}</dd>
                <dt>{t('forms.signedAt')}</dt>
                <dd>{shortTime(signing.createdAt)}</dd>
              </dl>
              {queued?.dataUrl ? <img className="signature" src={queued.dataUrl} alt={t('forms.signature')} /> : null}
              {signing.status === 'refused' ? (
                <Notice kind="error">
                  {t('forms.signRefused')} <Link to="/field/sync">{t('forms.toSync')}</Link>
                </Notice>
              ) : null}
            </Card>
          ) : pending ? (
            <SignBox form={f} />
          ) : f.status === 'signed' ? (
            <Card title={t('forms.signedOk')} testId="form-signed">
              <dl className="facts">
                <dt>{t('forms.signedBy')}</dt>
                <dd>{f.signedBy ?? '—'}</dd>
                <dt>{t('forms.signedAt')}</dt>
                <dd>{shortTime(f.signedAt)}</dd>
              </dl>
              {f.signatureType === 'application/pdf' ? null : (
                <img className="signature" src={`${API_BASE}/forms/${encodeURIComponent(f.id)}/${f.signatureMethod === 'scan' ? 'scan' : 'signature'}`} alt={t('forms.signature')} data-testid="form-signature-image" />
              )}
            </Card>
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}

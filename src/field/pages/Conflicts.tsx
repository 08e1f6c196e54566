// 编辑冲突 for a grid leader on the phone: two edits changed the same field to different values;
// the server kept its value and the proposed one waits here to be taken or dropped (numbers
// masked on both sides). One decision is one action with its own key: a double tap decides once.
import { useState } from 'react';
import type { EditConflict } from '../../shared/households.ts';
import { en as householdEditEn, zh as householdEditZh } from '../../web/i18n/parts/household-edit.ts';
import { displayValue, fieldLabel } from '../../client/edit-values.ts';
import { Link } from '../../client/router.tsx';
import { api, newIdempotencyKey } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, currentLang, t } from '../i18n.ts';
import { useRunnerState } from '../sync.ts';
import { Button, Card, Empty, Loading, Notice, shortTime, Tag, toast } from '../ui.tsx';

addTexts('householdEdit', householdEditZh, householdEditEn);

const tr = (key: string, fallback?: string) => t(key, undefined, fallback);

export default function Conflicts() {
  const { online } = useRunnerState();
  const list = useResource(online ? 'conflicts' : null, () => api<{ items: EditConflict[] }>('/edit-conflicts'));
  const [busy, setBusy] = useState<string | null>(null);
  const resolve = async (c: EditConflict, resolution: 'take' | 'keep') => {
    setBusy(c.id);
    try {
      await api(`/edit-conflicts/${encodeURIComponent(c.id)}/resolve`, { method: 'POST', body: { resolution }, idempotencyKey: newIdempotencyKey() });
      toast(t(resolution === 'take' ? 'householdEdit.taken' : 'householdEdit.kept'));
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  const value = (c: EditConflict, v: unknown) => displayValue(tr, currentLang(), c.field, v);
  const rows = list.data?.items ?? [];
  return (
    <Screen title={t('householdEdit.conflictsTitle')} back="/field">
      <p className="muted small">{t('householdEdit.conflictsIntro')}</p>
      {!online ? <Notice kind="warn">{t('phone.needsSignal')}</Notice> : null}
      {list.error ? <Notice kind="error">{errorText(list.error)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && rows.length === 0 ? <Empty>{t('householdEdit.conflictsEmpty')}</Empty> : null}
      {rows.map((c) => (
        <Card key={c.id} testId="conflict-row">
          <div className="tags">
            <Tag>{t(c.entity === 'person' ? 'householdEdit.entityPerson' : 'householdEdit.entityHousehold')}</Tag>
            {c.householdId ? <Link to={`/field/h/${c.householdId}`}>{c.label ?? '—'}</Link> : <span>{c.label ?? '—'}</span>}
            <strong>{fieldLabel(tr, c.field)}</strong>
          </div>
          <dl className="facts">
            <dt>{t('householdEdit.serverValue')}</dt>
            <dd className="mono" data-testid="conflict-current">{value(c, c.current)}</dd>
            <dt>{t('householdEdit.proposedValue')}</dt>
            <dd className="mono" data-testid="conflict-proposed">{value(c, c.proposed)}</dd>
          </dl>
          <p className="muted small">
            {c.userName ?? t('householdEdit.unknownUser')} · {shortTime(c.at)}
          </p>
          <div className="buttons">
            <Button kind="primary" busy={busy === c.id} disabled={!online} onClick={() => void resolve(c, 'take')} data-testid="conflict-take">
              {t('householdEdit.take')}
            </Button>
            <Button disabled={!online || busy === c.id} onClick={() => void resolve(c, 'keep')} data-testid="conflict-keep">
              {t('householdEdit.keep')}
            </Button>
          </div>
        </Card>
      ))}
    </Screen>
  );
}

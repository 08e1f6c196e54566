// 记录督查 on the phone (a patrol member at a village gate at night, thumb only): the four checklist
// items each 正常 / 有问题 / 不涉及 with a note; an item with a problem gets its findings (what is
// wrong, the deadline three days on by default). Completes the scheduled visit; one
// Idempotency-Key, so a retry on a dropped connection records it once. Then the result.
import { useMemo, useState } from 'react';
import type { InspectionDetail } from '../../shared/inspections.ts';
import { en as inspectionsEn, zh as inspectionsZh } from '../../web/i18n/parts/inspections.ts';
import { values } from '../../client/contract-values.ts';
import { api, ApiError, newIdempotencyKey } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, serverText, t } from '../i18n.ts';
import { Button, Card, Choice, Loading, Notice, shortTime, Tag, toast } from '../ui.tsx';
import { chinaDay } from './PatrolHome.tsx';

addTexts('inspections', inspectionsZh, inspectionsEn);

type Item = (typeof values.CHECKLIST_ITEMS)[number];
type Result = (typeof values.CHECK_RESULTS)[number];
interface Finding {
  key: number;
  item: Item;
  description: string;
  deadline: string;
}
let findingKey = 0;
const newFinding = (item: Item): Finding => ({ key: ++findingKey, item, description: '', deadline: chinaDay(3) });

function Done({ visit }: { visit: InspectionDetail }) {
  return (
    <>
      <Card title={t('inspections.detail.checklist')} testId="detail-checklist">
        {visit.checklist.map((c) => (
          <div key={c.item} className="member">
            <span>{t(`inspections.items.${c.item}`)}</span>
            <Tag tone={c.result === 'issue' ? 'red' : c.result === 'ok' ? 'green' : 'grey'}>{t(`inspections.results.${c.result}`)}</Tag>
          </div>
        ))}
      </Card>
      <Card title={t('inspections.detail.findings')}>
        {visit.findingList.length === 0 ? <p className="muted">{t('inspections.detail.noFindings')}</p> : null}
        {visit.findingList.map((f) => (
          <div key={f.id} className="entry" data-testid="detail-finding">
            <Tag>{t(`inspections.items.${f.item}`)}</Tag> {f.description}
          </div>
        ))}
      </Card>
    </>
  );
}

export default function InspectionRecord({ id }: { id: string }) {
  const [round, setRound] = useState(0);
  const visit = useResource(`inspection:${id}:${round}`, () => api<InspectionDetail>(`/inspections/${encodeURIComponent(id)}`));
  const [results, setResults] = useState<Partial<Record<Item, Result>>>({});
  const [notes, setNotes] = useState<Partial<Record<Item, string>>>({});
  const [findings, setFindings] = useState<Finding[]>([]);
  const [summary, setSummary] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const v = visit.data;

  const missing = useMemo(() => {
    const out: string[] = [];
    if (values.CHECKLIST_ITEMS.some((i) => !results[i])) out.push(t('inspections.record.needResult'));
    const issues = values.CHECKLIST_ITEMS.filter((i) => results[i] === 'issue');
    if (issues.some((i) => !findings.some((f) => f.item === i && f.description.trim()))) out.push(t('inspections.record.needFinding'));
    return out;
  }, [results, findings]);

  const setResult = (item: Item, r: Result) => {
    setResults((o) => ({ ...o, [item]: r }));
    // A problem needs a finding: open the first one at once.
    if (r === 'issue' && !findings.some((f) => f.item === item)) setFindings((l) => [...l, newFinding(item)]);
    if (r !== 'issue') setFindings((l) => l.filter((f) => f.item !== item));
  };
  const update = (k: number, patch: Partial<Finding>) => setFindings((l) => l.map((f) => (f.key === k ? { ...f, ...patch } : f)));

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api('/inspections', {
        method: 'POST',
        idempotencyKey: key,
        body: {
          inspectionId: id,
          checklist: values.CHECKLIST_ITEMS.map((item) => ({ item, result: results[item] ?? 'na', note: notes[item]?.trim() || undefined })),
          summary: summary.trim() || undefined,
          findings: findings.filter((f) => results[f.item] === 'issue' && f.description.trim()).map((f) => ({ item: f.item, description: f.description.trim(), deadline: f.deadline })),
        },
      });
      toast(t('inspections.record.submitted'));
      setRound((n) => n + 1);
    } catch (err) {
      setProblem([errorText(err), ...(err instanceof ApiError ? err.details.map((d) => `${d.path}: ${serverText(d.message)}`) : [])].join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={v?.status === 'done' ? t('inspections.detail.title') : t('inspections.record.title')} back="/field">
      {visit.error ? <Notice kind="error">{errorText(visit.error)}</Notice> : null}
      {!v && !visit.error ? <Loading /> : null}
      {v ? (
        <Card testId="record-visit">
          <div className="item-line">
            <strong className="ellipsis">{v.regionName}</strong>
            <Tag tone={v.status === 'done' ? 'green' : 'orange'} testId={`inspection-status-${v.status}`}>{t(`inspections.statuses.${v.status}`, undefined, v.status)}</Tag>
          </div>
          <div className="muted small">
            <span className="mono" data-testid="inspection-number">{v.number}</span> · {v.teamName} · {t('inspections.record.scheduled')} {shortTime(v.scheduledAt)}
          </div>
        </Card>
      ) : null}
      {v && v.status !== 'scheduled' ? <Done visit={v} /> : null}
      {v && v.status === 'scheduled' ? (
        <>
          {values.CHECKLIST_ITEMS.map((item) => (
            <Card key={item} title={t(`inspections.items.${item}`)} testId={`check-${item}`} className={results[item] ? `check-${results[item]}` : undefined}>
              <div className="form">
                <Choice name={`result-${item}`} value={results[item]} onChange={(r) => setResult(item, r)} options={values.CHECK_RESULTS.map((r) => ({ value: r, label: t(`inspections.results.${r}`) }))} testId={`check-${item}-result`} />
                <textarea className="input" rows={1} maxLength={1000} placeholder={t('inspections.record.notePlaceholder')} value={notes[item] ?? ''} onChange={(e) => setNotes((o) => ({ ...o, [item]: e.target.value }))} data-testid={`check-${item}-note`} />
                {results[item] === 'issue'
                  ? findings
                      .filter((f) => f.item === item)
                      .map((f, i, list) => (
                        <div key={f.key} className="finding" data-testid="finding">
                          <div className="item-line">
                            <strong className="danger">
                              {t('inspections.record.findings')} {i + 1}
                            </strong>
                            {list.length > 1 ? (
                              <Button kind="text" onClick={() => setFindings((l) => l.filter((x) => x.key !== f.key))} aria-label={t('inspections.record.findingRemove')}>
                                ×
                              </Button>
                            ) : null}
                          </div>
                          <textarea className="input" rows={2} maxLength={1000} placeholder={t('inspections.record.findingDescription')} value={f.description} onChange={(e) => update(f.key, { description: e.target.value })} data-testid="finding-description" />
                          <label className="inline small">
                            <span className="muted">{t('inspections.record.findingDeadline')}</span>
                            <input type="date" className="input" min={chinaDay()} value={f.deadline} onChange={(e) => update(f.key, { deadline: e.target.value || chinaDay(3) })} data-testid="finding-deadline" />
                          </label>
                        </div>
                      ))
                  : null}
                {results[item] === 'issue' ? (
                  <Button onClick={() => setFindings((l) => [...l, newFinding(item)])} data-testid={`check-${item}-add-finding`}>
                    {t('inspections.record.findingAdd')}
                  </Button>
                ) : null}
              </div>
            </Card>
          ))}
          <Card title={t('inspections.record.summary')}>
            <textarea className="input" rows={2} maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="record-summary" />
          </Card>
          {problem ? <Notice kind="error" testId="record-problem">{problem}</Notice> : null}
          <div className="sticky-foot">
            {missing.length ? (
              <div className="warn-text small" data-testid="record-missing">
                {missing.join('；')}
              </div>
            ) : null}
            <Button kind="primary" block busy={busy} disabled={missing.length > 0} onClick={() => void submit()} data-testid="record-submit">
              {t('inspections.record.submit')}
            </Button>
          </div>
        </>
      ) : null}
    </Screen>
  );
}

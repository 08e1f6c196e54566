// 记录督查: phone-first (a patrol member at a village gate at night, thumb only): the four checklist
// items each 正常 / 有问题 / 不涉及 with a note; an item with a problem gets its findings
// (description, optional owner, deadline three days on by default). Completes a scheduled visit
// (/inspections/:id/record) or records an ad-hoc one (/inspections/record: team + village).
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CHECKLIST_ITEMS, CHECK_RESULTS, type ChecklistItemKey, type InspectionRecordInput } from '../../../shared/inspections.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { isApiError } from '../../lib/api.ts';
import { translateServerMessage, useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { getRegion, regionKeys } from '../regions/regions.api.ts';
import { AccountSelect } from './AccountSelect.tsx';
import { getInspection, inspectionKeys, listTeams, recordInspection } from './inspections.api.ts';
import { InspectionStatusTag } from './InspectionTags.tsx';

type CheckResult = (typeof CHECK_RESULTS)[number];
interface Check {
  result?: CheckResult;
  note: string;
}
interface FindingDraft {
  key: string;
  item: ChecklistItemKey;
  description: string;
  ownerUserId: string | null;
  deadline: Dayjs;
}
const DEFAULT_DEADLINE_DAYS = 3;
const RESULT_COLORS: Record<CheckResult, string> = { ok: '#389e0d', issue: '#cf1322', na: '#8c8c8c' };

const newFinding = (item: ChecklistItemKey): FindingDraft => ({ key: crypto.randomUUID(), item, description: '', ownerUserId: null, deadline: dayjs().add(DEFAULT_DEADLINE_DAYS, 'day') });

function ChecklistCard({ item, check, findings, mayPickOwner, onCheck, onFindings }: {
  item: ChecklistItemKey;
  check: Check;
  findings: FindingDraft[];
  mayPickOwner: boolean;
  onCheck: (c: Check) => void;
  onFindings: (f: FindingDraft[]) => void;
}) {
  const { t } = useTranslation();
  const update = (key: string, patch: Partial<FindingDraft>) => onFindings(findings.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const color = check.result ? RESULT_COLORS[check.result] : '#d9d9d9';
  return (
    <Card size="small" style={{ borderInlineStart: `4px solid ${color}` }} data-testid={`check-${item}`}>
      <div style={{ fontWeight: 600, fontSize: 16, marginBottom: 8 }}>{t(`inspections.items.${item}`)}</div>
      <Radio.Group
        value={check.result}
        onChange={(e) => {
          const result = e.target.value as CheckResult;
          onCheck({ ...check, result });
          // A problem needs a finding: open the first one at once.
          if (result === 'issue' && findings.length === 0) onFindings([newFinding(item)]);
          if (result !== 'issue' && findings.length) onFindings([]);
        }}
        optionType="button"
        buttonStyle="solid"
        size="large"
        style={{ display: 'flex', width: '100%' }}
        data-testid={`check-${item}-result`}
      >
        {CHECK_RESULTS.map((r) => (
          <Radio.Button key={r} value={r} style={{ flex: 1, textAlign: 'center', paddingInline: 4 }} data-testid={`check-${item}-${r}`}>{t(`inspections.results.${r}`)}</Radio.Button>
        ))}
      </Radio.Group>
      <Input.TextArea value={check.note} onChange={(e) => onCheck({ ...check, note: e.target.value })} maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('inspections.record.notePlaceholder')} style={{ marginTop: 8 }} data-testid={`check-${item}-note`} />
      {check.result === 'issue' ? (
        <div style={{ marginTop: 10, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {findings.map((f, i) => (
            <div key={f.key} style={{ background: '#fff2f0', border: '1px solid #ffccc7', borderRadius: 8, padding: 8, display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="finding">
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <span style={{ fontWeight: 600, color: '#cf1322' }}>{t('inspections.record.findings')} {i + 1}</span>
                {findings.length > 1 ? <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('inspections.record.findingRemove')} onClick={() => onFindings(findings.filter((x) => x.key !== f.key))} /> : null}
              </div>
              <Input.TextArea value={f.description} onChange={(e) => update(f.key, { description: e.target.value })} maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('inspections.record.findingDescription')} status={f.description.trim() ? undefined : 'warning'} data-testid="finding-description" />
              {mayPickOwner ? (
                <AccountSelect value={f.ownerUserId} onChange={(ownerUserId) => update(f.key, { ownerUserId })} placeholder={t('inspections.record.findingOwner')} testId="finding-owner" />
              ) : null}
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span className="gg-muted" style={{ flex: 'none' }}>{t('inspections.record.findingDeadline')}</span>
                <DatePicker value={f.deadline} onChange={(d) => update(f.key, { deadline: d ?? newFinding(item).deadline })} allowClear={false} inputReadOnly format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ flex: 1 }} data-testid="finding-deadline" />
              </div>
            </div>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => onFindings([...findings, newFinding(item)])} block data-testid={`check-${item}-add-finding`}>{t('inspections.record.findingAdd')}</Button>
        </div>
      ) : null}
    </Card>
  );
}

export function RecordInspection() {
  const me = useMe();
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [checks, setChecks] = useState<Record<ChecklistItemKey, Check>>(() => Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, { note: '' }])) as Record<ChecklistItemKey, Check>);
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [summary, setSummary] = useState('');
  const [teamId, setTeamId] = useState<string | undefined>();
  const [villageId, setVillageId] = useState<number | undefined>();
  // An ad-hoc visit is often written up just after: when it took place (default now).
  const [at, setAt] = useState<Dayjs | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  // Owners are picked from the account list, which only account managers may read; others leave it to the default (the village secretary).
  const mayPickOwner = can(me.user.role, 'users');

  const scheduled = useQuery({ queryKey: inspectionKeys.detail(id ?? ''), queryFn: () => getInspection(id ?? ''), enabled: Boolean(id) });
  const teams = useQuery({ queryKey: inspectionKeys.teams({}), queryFn: () => listTeams({}), enabled: !id });
  const team = teams.data?.items.find((x) => x.id === teamId);
  const teamRegion = useQuery({ queryKey: regionKeys.detail(team?.regionId ?? 0), queryFn: () => getRegion(team?.regionId ?? 0), enabled: Boolean(team) });
  const villageTeam = teamRegion.data?.level === 'village';

  // One team only: it is chosen already.
  useEffect(() => {
    const items = teams.data?.items ?? [];
    if (!id && items.length === 1 && !teamId) setTeamId(items[0]?.id);
  }, [id, teams.data, teamId]);

  const missing = useMemo(() => {
    const out: string[] = [];
    if (!id && !teamId) out.push(t('inspections.record.teamPick'));
    if (!id && team && !villageTeam && !villageId) out.push(t('inspections.record.villagePick'));
    if (CHECKLIST_ITEMS.some((i) => !checks[i].result)) out.push(t('inspections.record.needResult'));
    const issueItems = CHECKLIST_ITEMS.filter((i) => checks[i].result === 'issue');
    if (issueItems.some((i) => !findings.some((f) => f.item === i && f.description.trim()))) out.push(t('inspections.record.needFinding'));
    return out;
  }, [id, teamId, team, villageTeam, villageId, checks, findings, t]);

  const save = useMutation({
    mutationFn: () => {
      const input: InspectionRecordInput = {
        ...(id ? { inspectionId: id } : { teamId, regionId: villageTeam ? team?.regionId : villageId, at: at ? at.toISOString() : undefined }),
        checklist: CHECKLIST_ITEMS.map((item) => ({ item, result: checks[item].result ?? 'na', note: checks[item].note.trim() || undefined })),
        summary: summary.trim() || undefined,
        findings: findings
          .filter((f) => checks[f.item].result === 'issue' && f.description.trim())
          .map((f) => ({ item: f.item, description: f.description.trim(), ownerUserId: f.ownerUserId ?? undefined, deadline: f.deadline.format('YYYY-MM-DD') })),
      };
      return recordInspection(input, key);
    },
    onSuccess: (done) => {
      renew();
      void message.success(t('inspections.record.submitted'));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void navigate(`/inspections/${done.id}`, { replace: true });
    },
    onError: (err) => setProblem([errorText(err), ...(isApiError(err) ? err.details.map((d) => `${d.path}: ${translateServerMessage(d.message)}`) : [])]),
  });

  const visit = scheduled.data;
  if (id && scheduled.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  return (
    <div className="gg-page" style={{ maxWidth: 720 }}>
      <Link to="/inspections"><ArrowLeftOutlined /> {t('inspections.detail.back')}</Link>
      <div className="gg-page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={2}>{id ? t('inspections.record.title') : t('inspections.record.titleAdHoc')}</Typography.Title>
      </div>
      {scheduled.isError ? <Alert type="error" showIcon title={errorText(scheduled.error)} style={{ marginBottom: 12 }} /> : null}
      {visit ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="record-visit">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong style={{ fontSize: 16 }} className="gg-ellipsis">{visit.regionName}</strong>
            <InspectionStatusTag status={visit.status} />
          </div>
          <div className="gg-muted">{visit.teamName} · {t('inspections.record.scheduled')} {formatDateTime(visit.scheduledAt)}</div>
          {visit.status === 'done' || visit.status === 'cancelled' ? <Alert type="info" showIcon title={t('inspections.record.alreadyDone')} action={<Link to={`/inspections/${visit.id}`}>{t('inspections.detail.title')}</Link>} style={{ marginTop: 8 }} /> : null}
        </Card>
      ) : null}
      {!id ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <label className="gg-muted">{t('inspections.record.team')}</label>
            <Select value={teamId} onChange={(v: string) => { setTeamId(v); setVillageId(undefined); }} size="large" loading={teams.isPending} placeholder={t('inspections.record.teamPick')} options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.regionName}）` }))} data-testid="record-team" />
            {team && !villageTeam ? (
              <>
                <label className="gg-muted">{t('inspections.record.village')}</label>
                <RegionSelect level="village" value={villageId} onChange={setVillageId} placeholder={t('inspections.record.villagePick')} data-testid="record-village" />
              </>
            ) : null}
            <label className="gg-muted">{t('inspections.record.at')}</label>
            <DatePicker
              value={at}
              onChange={setAt}
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              inputReadOnly
              placeholder={t('inspections.record.atNow')}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              size="large"
              data-testid="record-at"
            />
          </div>
        </Card>
      ) : null}
      <div className="gg-card-list">
        {CHECKLIST_ITEMS.map((item) => (
          <ChecklistCard
            key={item}
            item={item}
            check={checks[item]}
            findings={findings.filter((f) => f.item === item)}
            mayPickOwner={mayPickOwner}
            onCheck={(c) => setChecks((prev) => ({ ...prev, [item]: c }))}
            onFindings={(list) => setFindings((prev) => [...prev.filter((f) => f.item !== item), ...list])}
          />
        ))}
        <Card size="small">
          <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('inspections.record.summary')}</div>
          <Input.TextArea value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="record-summary" />
        </Card>
      </div>
      {problem ? <Alert type="error" showIcon title={problem[0]} description={problem.length > 1 ? problem.slice(1).join('；') : undefined} style={{ marginTop: 12 }} data-testid="record-problem" /> : null}
      <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', marginTop: 12, borderTop: '1px solid #f0f0f0', zIndex: 2 }}>
        {missing.length ? <div style={{ color: '#d46b08', fontSize: 13, marginBottom: 6 }} data-testid="record-missing">{missing.join('；')}</div> : null}
        <Button type="primary" size="large" block disabled={missing.length > 0 || (visit ? visit.status === 'done' || visit.status === 'cancelled' : false)} loading={save.isPending} onClick={() => save.mutate()} data-testid="record-submit">
          {t('inspections.record.submit')}
        </Button>
      </div>
    </div>
  );
}

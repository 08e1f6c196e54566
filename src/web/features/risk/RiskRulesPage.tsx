// 风险赋码: the county's rules (edited by the county HQ; saving starts the recompute of everyone,
// followed with a progress bar), the region's colour counts with a chart by child region, and
// the red and yellow people with the reasons.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskRuleInput } from '../../../shared/risk.ts';
import { RISK_RULE_EDITORS } from '../../../shared/risk.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { newIdempotencyKey } from '../../lib/api.ts';
import { RISK_EVENTS, getRiskJob, getRiskRules, putRiskRules, riskKeys, startRecompute } from './risk.api.ts';
import { RiskPersonList } from './RiskPersonList.tsx';
import { RiskRulesEditor } from './RiskRulesEditor.tsx';
import { RiskSummaryPanel } from './RiskSummaryPanel.tsx';

function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: riskKeys.job(jobId),
    queryFn: () => getRiskJob(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'queued' && q.state.data.status !== 'running' ? false : 700),
  });
  const status = job.data?.status;
  useEffect(() => {
    // Finished: the counts and the list are new.
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: ['risk', 'summary'] }).then(() => queryClient.invalidateQueries({ queryKey: ['risk', 'persons'] }));
  }, [status, queryClient]);
  if (!job.data) return null;
  const j = job.data;
  const percent = Math.round(j.progress / 10);
  return (
    <div data-testid="risk-job" data-status={j.status}>
    <Card style={{ marginBottom: 16 }}>
      {j.status === 'failed' ? <Alert type="error" showIcon title={t('risk.failed', { error: j.error ?? '' })} /> : null}
      {j.status === 'superseded' ? <Alert type="warning" showIcon title={t('risk.superseded')} /> : null}
      {j.status === 'done' ? <div data-testid="risk-job-done"><Alert type="success" showIcon title={t('risk.done', { changed: j.changed })} /></div> : null}
      {j.status === 'queued' || j.status === 'running' ? <div className="gg-muted">{t('risk.progress', { processed: j.processed.toLocaleString(), total: j.total.toLocaleString() })}</div> : null}
      <div data-testid="risk-progress"><Progress percent={percent} status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} /></div>
    </Card>
    </div>
  );
}

export default function RiskRulesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const editable = RISK_RULE_EDITORS.includes(me.user.role) && me.region.level === 'county';
  const [jobId, setJobId] = useState<string | null>(null);
  // Counts and lists follow live changes; the rules being edited are left alone.
  useLiveRefresh(RISK_EVENTS, ['risk', 'summary']);
  useLiveRefresh(RISK_EVENTS, ['risk', 'persons']);

  const rules = useQuery({ queryKey: riskKeys.rules, queryFn: getRiskRules });
  const save = useMutation({
    mutationFn: (input: RiskRuleInput[]) => putRiskRules({ rules: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(riskKeys.rules, saved);
      setJobId(saved.jobId);
    },
  });

  // The daily recompute keeps colours current; this is for "now" (e.g. after a bulk correction).
  const recompute = useMutation({ mutationFn: () => startRecompute(newIdempotencyKey()), onSuccess: (job) => setJobId(job.id) });

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('risk.title')}</Typography.Title>
        {editable ? (
          <Button icon={<SyncOutlined />} loading={recompute.isPending} onClick={() => recompute.mutate()} data-testid="risk-recompute">
            {t('risk.recompute')}
          </Button>
        ) : null}
      </div>
      {recompute.isError ? <Alert type="error" showIcon title={errorText(recompute.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">{t('risk.intro')}</Typography.Paragraph>
      {rules.isError ? <Alert type="error" showIcon title={errorText(rules.error)} style={{ marginBottom: 16 }} /> : null}
      {rules.data ? (
        <RiskRulesEditor rules={rules.data.rules} editable={editable} saving={save.isPending} error={save.error} onSave={(r) => save.mutate(r)} mobile={mobile} />
      ) : (
        <Card style={{ marginBottom: 16 }}><Skeleton active /></Card>
      )}
      {jobId ? <JobProgress jobId={jobId} /> : null}
      <RiskSummaryPanel regionId={me.region.id} mobile={mobile} />
      <RiskPersonList regionId={me.region.id} mobile={mobile} />
    </div>
  );
}

// The import job while it runs (progress) and when it is over (figures and rejected rows).
import { Alert, Progress, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueuePlace } from '../imports/QueuePlace.tsx';
import { jobErrorText, langOf } from '../imports/file-errors.ts';
import type { ImportJob } from './import.api.ts';

export function ImportResult({ job, error }: { job: ImportJob | undefined; error: string | null }) {
  const { t, i18n } = useTranslation();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!job) return <Progress percent={0} status="active" />;
  const total = job.total ?? 0;
  const processed = job.processed ?? 0;
  const percent = job.status === 'done' ? 100 : total > 0 ? Math.floor((processed / total) * 100) : 0;
  const running = job.status === 'queued' || job.status === 'running';
  // A row can fail on several columns: count rows, list every problem.
  const rejectedRows = new Set(job.rejected.map((r) => r.row)).size;
  return (
    <div data-testid="import-result">
      <div style={{ marginBottom: 8 }}>{job.status === 'queued' ? <QueuePlace position={job.queuePosition} /> : t(`importer.${job.status}`)}</div>
      <Progress percent={percent} status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'} />
      {job.error ? <Alert type="error" showIcon title={jobErrorText(job, langOf(i18n.language))} style={{ marginTop: 12 }} /> : null}
      {running ? null : (
        <>
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', margin: '16px 0' }}>
            <Statistic title={t('importer.total')} value={total} />
            <Statistic title={t('importer.imported')} value={job.imported ?? 0} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={t('importer.rejectedCount')} value={rejectedRows} styles={{ content: { color: rejectedRows ? '#cf1322' : undefined } }} />
          </div>
          {job.status === 'done' && (job.imported ?? 0) === 0 ? <Alert type="warning" showIcon title={t('importer.noneImported')} style={{ marginBottom: 12 }} /> : null}
          {job.rejected.length ? (
            <Table
              size="small"
              rowKey={(r) => `${r.row}:${r.column ?? ''}:${r.message}`}
              dataSource={job.rejected}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              title={() => t('importer.rejected')}
              columns={[
                { title: t('importer.row'), dataIndex: 'row', width: 80 },
                { title: t('importer.column'), dataIndex: 'column', width: 120, render: (v: string | null | undefined) => v ?? '—' },
                { title: t('importer.message'), dataIndex: 'message' },
              ]}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

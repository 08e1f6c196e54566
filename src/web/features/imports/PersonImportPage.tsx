// 人员批量导入: download the template, choose the grid, the file and the mode, watch the upload
// and then the job (reading → checking → writing) as progress bars, read the refused rows in
// the user's language and download them as a workbook to correct; rerun an interrupted import.
import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Progress, Radio, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { importReasonText } from '../../../shared/import-reasons.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { SpreadsheetDrop } from '../../lib/SpreadsheetDrop.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { QueuePlace } from './QueuePlace.tsx';
import { jobErrorText, langOf, uploadRefusalText } from './file-errors.ts';
import {
  type ImportJob,
  type ImportMode,
  PERSON_TEMPLATE_URL,
  getImport,
  importKeys,
  listMyImports,
  rejectedRowsUrl,
  rerunImport,
  uploadPersons,
} from './imports.api.ts';

const PEOPLE_LEVELS = ['grid', 'microgrid', 'village', 'town', 'county'] as const;

export default function PersonImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const openJob = (id: string | null) => setParams(id ? { job: id } : {});

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('personImport.title')}</Typography.Title>
        <Link to="/households">{t('personImport.back')}</Link>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
          {jobId ? <JobView id={jobId} onAgain={() => openJob(null)} /> : <UploadForm defaultRegion={me.region.level === 'grid' || me.region.level === 'microgrid' ? me.region.id : undefined} onStarted={openJob} />}
        </Card>
        <RecentImports current={jobId} onOpen={openJob} />
      </div>
    </div>
  );
}

function UploadForm({ defaultRegion, onStarted }: { defaultRegion?: number; onStarted: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [regionId, setRegionId] = useState<number | undefined>(defaultRegion);
  const [mode, setMode] = useState<ImportMode>('valid-rows');
  const [sent, setSent] = useState(0);
  const { key, renew } = useIdempotencyKey();
  const upload = useMutation({
    mutationFn: () => {
      if (!file || !regionId) throw new Error('incomplete');
      return uploadPersons({ file, regionId, mode }, key, setSent);
    },
    onSuccess: ({ id }) => {
      renew();
      void queryClient.invalidateQueries({ queryKey: importKeys.recent });
      onStarted(id);
    },
  });
  return (
    <Form layout="vertical" onFinish={() => upload.mutate()}>
      <Steps
        orientation="vertical"
        size="small"
        current={-1}
        items={[
          {
            title: t('personImport.step1'),
            content: (
              <Space orientation="vertical" style={{ margin: '4px 0 12px' }}>
                <span className="gg-muted">{t('personImport.step1Desc')}</span>
                <Button icon={<DownloadOutlined />} href={PERSON_TEMPLATE_URL} download data-testid="person-import-template">
                  {t('personImport.template')}
                </Button>
              </Space>
            ),
          },
          {
            title: t('personImport.step2'),
            content: (
              <div style={{ margin: '4px 0 12px' }}>
                <Form.Item label={t('personImport.region')} extra={t('personImport.regionHelp')} required>
                  <RegionSelect value={regionId} onChange={setRegionId} level={PEOPLE_LEVELS} data-testid="person-import-region" />
                </Form.Item>
                <SpreadsheetDrop file={file} onFile={setFile} text={t('personImport.chooseFile')} hint={t('personImport.fileHint')} />
              </div>
            ),
          },
          {
            title: t('personImport.step3'),
            content: (
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value === 'all-or-nothing' ? 'all-or-nothing' : 'valid-rows')} style={{ margin: '4px 0 12px' }}>
                <Space orientation="vertical">
                  <Radio value="valid-rows">{t('personImport.validRows')}</Radio>
                  <Radio value="all-or-nothing">{t('personImport.allOrNothing')}</Radio>
                </Space>
              </Radio.Group>
            ),
          },
        ]}
      />
      {upload.isPending ? <Progress percent={Math.floor(sent * 100)} status="active" format={(p) => t('personImport.uploading', { percent: p })} /> : null}
      {upload.isError ? (
        <Alert type="error" showIcon title={uploadRefusalText(upload.error, langOf(i18n.language)) ?? errorText(upload.error)} style={{ marginBottom: 12 }} data-testid="person-import-upload-error" />
      ) : null}
      <Button type="primary" htmlType="submit" disabled={!file || !regionId} loading={upload.isPending} data-testid="person-import-start">
        {t('personImport.start')}
      </Button>
    </Form>
  );
}

const finished = (job: ImportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

function JobView({ id, onAgain }: { id: string; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const job = useQuery({
    queryKey: importKeys.job(id),
    queryFn: () => getImport(id),
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
  });
  const rerun = useMutation({
    mutationFn: () => rerunImport(id, key),
    onSuccess: () => {
      renew();
      void queryClient.invalidateQueries({ queryKey: importKeys.job(id) });
    },
  });
  useEffect(() => {
    if (finished(job.data)) {
      void queryClient.invalidateQueries({ queryKey: importKeys.recent });
      if (job.data?.imported) void queryClient.invalidateQueries({ queryKey: ['households'] });
    }
  }, [job.data, queryClient]);

  if (job.isError) return <Alert type="error" showIcon title={errorText(job.error)} />;
  const data = job.data;
  if (!data) return <Progress percent={0} status="active" />;
  const running = !finished(data);
  const lang = langOf(i18n.language);
  const reason = (r: ImportJob['rejected'][number]) => (r.code && importReasonText(r.code, r.params, lang)) || r.message;
  const rejectedRows = data.rejectedCount;
  return (
    <div data-testid="person-import-job">
      <Space style={{ marginBottom: 8 }} wrap>
        <StatusTag job={data} />
        {data.fileName ? <span className="gg-muted">{data.fileName}</span> : null}
      </Space>
      <Progress
        percent={Math.floor(data.progress / 10)}
        status={data.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
        data-testid="person-import-progress"
      />
      {running ? (
        <div className="gg-muted" style={{ marginTop: 4 }}>
          {data.status === 'queued' ? <QueuePlace position={data.queuePosition} /> : data.phase ? t(`personImport.phase.${data.phase}`) : t('personImport.status.queued')} ·{' '}
          {t('personImport.processedRows', { count: data.processed })}
        </div>
      ) : null}
      {data.error ? (
        <Alert
          type="error"
          showIcon
          title={jobErrorText(data, lang)}
          style={{ marginTop: 12 }}
          data-testid="person-import-error"
          action={
            // A file refused for what it holds fails the same way again: no rerun offered.
            data.errorCode ? undefined : (
              <Button size="small" icon={<RedoOutlined />} loading={rerun.isPending} onClick={() => rerun.mutate()} data-testid="person-import-rerun">
                {t('personImport.rerun')}
              </Button>
            )
          }
        />
      ) : null}
      {rerun.isError ? <Alert type="error" showIcon title={errorText(rerun.error)} style={{ marginTop: 12 }} /> : null}
      {data.status === 'done' ? (
        <>
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', margin: '16px 0' }}>
            <Statistic title={t('personImport.total')} value={data.total} />
            <Statistic title={t('personImport.imported')} value={data.imported} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={t('personImport.rejectedRows')} value={new Set(data.rejected.map((r) => r.row)).size} styles={{ content: { color: rejectedRows ? '#cf1322' : undefined } }} />
          </div>
          {data.imported === 0 && data.total > 0 ? (
            <Alert type="warning" showIcon title={data.mode === 'all-or-nothing' && rejectedRows ? t('personImport.nothingAllOrNothing') : t('personImport.noneImported')} style={{ marginBottom: 12 }} />
          ) : null}
          {rejectedRows ? (
            <>
              <Space style={{ marginBottom: 8 }} wrap>
                <Button icon={<DownloadOutlined />} href={rejectedRowsUrl(data.id)} download data-testid="person-import-rejected-download">
                  {t('personImport.downloadRejected')}
                </Button>
                {data.rejectedCount > data.rejected.length ? <span className="gg-muted">{t('personImport.firstShown', { shown: data.rejected.length, count: data.rejectedCount })}</span> : null}
              </Space>
              <Table
                size="small"
                rowKey={(r) => `${r.row}:${r.column}:${r.code ?? r.message}`}
                dataSource={data.rejected}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('personImport.row'), dataIndex: 'row', width: 70 },
                  { title: t('personImport.column'), dataIndex: 'column', width: 140 },
                  { title: t('personImport.reason'), key: 'reason', render: (_v, r) => reason(r) },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}
      {running ? null : (
        <Button onClick={onAgain} style={{ marginTop: 16 }} data-testid="person-import-again">
          {t('personImport.again')}
        </Button>
      )}
    </div>
  );
}

function StatusTag({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const color = { queued: 'default', running: 'processing', done: job.rejectedCount ? 'warning' : 'success', failed: 'error' }[job.status];
  return <Tag color={color}>{t(`personImport.status.${job.status}`)}</Tag>;
}

function RecentImports({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const recent = useQuery({
    queryKey: importKeys.recent,
    queryFn: listMyImports,
    refetchInterval: (query) => (query.state.data?.items.some((j) => !finished(j)) ? 2000 : false),
  });
  return (
    <Card title={t('personImport.recent')} size="small">
      {recent.data?.items.length ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {recent.data.items.map((job) => (
            <button
              key={job.id}
              type="button"
              className="gg-link-row"
              onClick={() => onOpen(job.id)}
              style={{ textAlign: 'left', background: job.id === current ? '#e6f4ff' : 'transparent', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, cursor: 'pointer' }}
            >
              <Space wrap size={4}>
                <StatusTag job={job} />
                <span>{job.fileName ?? '—'}</span>
              </Space>
              <div className="gg-muted" style={{ fontSize: 12 }}>
                {formatDateTime(job.createdAt)} · {t('personImport.summary', { imported: job.imported, total: job.total })}
              </div>
            </button>
          ))}
        </div>
      ) : (
        <span className="gg-muted">{t('personImport.noRecent')}</span>
      )}
    </Card>
  );
}

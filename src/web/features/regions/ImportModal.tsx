// Import regions from an .xlsx: download the template, pick file and mode, watch the job, then
// read the result and every rejected row.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Radio, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { langOf, uploadRefusalText } from '../imports/file-errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { ImportResult } from './ImportResult.tsx';
import { getImportJob, IMPORT_TEMPLATE_URL, type ImportMode, startImport } from './import.api.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called once when a job finishes having imported something. */
  onImported: () => void;
}

export function ImportModal({ open, onClose, onImported }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('valid-rows');
  const [jobId, setJobId] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return startImport(file, mode, key);
    },
    onSuccess: ({ id }) => {
      renew();
      setJobId(id);
    },
  });

  const job = useQuery({
    queryKey: ['regions', 'import', jobId],
    queryFn: () => getImportJob(jobId ?? ''),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && ['done', 'failed'].includes(query.state.data.status) ? false : 1000),
  });
  const finished = job.data?.status === 'done' || job.data?.status === 'failed';

  useEffect(() => {
    if (job.data?.status === 'done' && (job.data.imported ?? 0) > 0) onImported();
  }, [job.data?.status, job.data?.imported, onImported]);

  const reset = () => {
    setFile(null);
    setJobId(null);
    upload.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('importer.title')}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        jobId === null ? (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>
              {t('importer.start')}
            </Button>
          </Space>
        ) : (
          <Space>
            {finished ? <Button onClick={reset}>{t('importer.again')}</Button> : null}
            <Button type="primary" onClick={close}>{t('common.close')}</Button>
          </Space>
        )
      }
    >
      {jobId === null ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>1. {t('importer.step1')}</Typography.Text>
            <div className="gg-muted" style={{ margin: '4px 0 8px' }}>{t('importer.step1Desc')}</div>
            <Button icon={<DownloadOutlined />} href={IMPORT_TEMPLATE_URL} download>
              {t('importer.template')}
            </Button>
          </div>
          <div>
            <Typography.Text strong>2. {t('importer.step2')}</Typography.Text>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              style={{ marginTop: 8 }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('importer.chooseFile')}</p>
            </Upload.Dragger>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value === 'all-or-nothing' ? 'all-or-nothing' : 'valid-rows')} style={{ marginTop: 12 }}>
              <Space orientation="vertical">
                <Radio value="valid-rows">{t('importer.validRows')}</Radio>
                <Radio value="all-or-nothing">{t('importer.allOrNothing')}</Radio>
              </Space>
            </Radio.Group>
          </div>
          {upload.isError ? <Alert type="error" showIcon title={uploadRefusalText(upload.error, langOf(i18n.language)) ?? errorText(upload.error)} /> : null}
        </Space>
      ) : (
        <ImportResult job={job.data} error={job.isError ? errorText(job.error) : null} />
      )}
    </Modal>
  );
}

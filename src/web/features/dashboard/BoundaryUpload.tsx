// For admins: upload the child regions' boundaries as a GeoJSON FeatureCollection; the answer
// lists each feature and the region it matched, or the features that stopped the import.
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryImportResult } from '../../../shared/stats.ts';
import { isApiError } from '../../lib/api.ts';
import { dashboardKeys, importBoundaries } from './dashboard.api.ts';

export function BoundaryUpload({ regionId, regionName }: { regionId: number; regionName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({ mutationFn: (collection: unknown) => importBoundaries(regionId, collection, crypto.randomUUID()) });
  // The map is read again when the dialog closes: redrawn at once, it would unmount this
  // dialog (it lives in the "no boundaries" note) before the result was read.
  const close = () => {
    setOpen(false);
    if (upload.isSuccess) void queryClient.invalidateQueries({ queryKey: dashboardKeys.map(regionId) });
    upload.reset();
    setFileError(null);
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileError(null);
    upload.reset();
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setFileError(t('dashboard.badFile'));
      return;
    }
    upload.mutate(parsed);
  };

  const error = upload.error;
  const result: BoundaryImportResult | undefined = upload.data;
  return (
    <>
      <Button size="small" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="boundary-upload">
        {t('dashboard.upload')}
      </Button>
      <Modal open={open} title={`${t('dashboard.uploadTitle')} · ${regionName}`} onCancel={close} footer={null} width={640} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('dashboard.uploadHelp')}</Typography.Paragraph>
        <input ref={input} type="file" accept=".geojson,.json,application/geo+json,application/json" hidden onChange={(e) => void pick(e)} />
        <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
          {t('dashboard.chooseFile')}
        </Button>
        {fileError ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={fileError} /> : null}
        {error ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message={t('dashboard.failed')}
            description={
              isApiError(error) && error.details.length > 0 ? (
                <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>
                  {error.details.map((d) => (
                    <li key={`${d.path}${d.message}`}>
                      <code>{d.path}</code> {d.message}
                    </li>
                  ))}
                </ul>
              ) : (
                error.message
              )
            }
          />
        ) : null}
        {result ? (
          <>
            <Alert style={{ marginTop: 12 }} type="success" showIcon message={t('dashboard.saved', { count: result.saved })} />
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="index"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={result.features}
              columns={[
                { title: t('dashboard.feature'), dataIndex: 'index', width: 72 },
                { title: t('dashboard.region'), dataIndex: 'name' },
                { title: t('territory.code'), dataIndex: 'code' },
                { title: '', dataIndex: 'matchedBy', render: (v: 'code' | 'name') => t(`dashboard.matchedBy.${v}`) },
              ]}
            />
          </>
        ) : null}
      </Modal>
    </>
  );
}

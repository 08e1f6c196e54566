// 导入核查名单: the file as the upper level sent it (and its source) → the server reads its headers
// and suggests (or remembers, per source) which column is which of GridGuard's fields, with the
// first rows masked → the user checks that mapping, names the list, its kind, region and deadline
// → the upload (a bar for the bytes) starts the take-in, whose own bar the list's page shows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LIST_FIELDS, LIST_KINDS, type ListField, type ListKind, type ListMapping, defaultDeadlineHours, MAX_DEADLINE_HOURS } from '../../../shared/verification.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { SpreadsheetDrop } from '../../lib/SpreadsheetDrop.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { type ListPreview, createList, listLists, previewList, verificationKeys } from './verification.api.ts';

const LIST_LEVELS = ['county', 'town'] as const;

interface About {
  name: string;
  kind: ListKind;
  regionId: number;
  deadlineHours?: number;
  replacesListId?: string;
}

function MappingTable({ preview, mapping, onChange }: { preview: ListPreview; mapping: ListMapping; onChange: (m: ListMapping) => void }) {
  const { t } = useTranslation();
  const first = preview.rows[0] ?? {};
  const set = (field: ListField, header: string | undefined) => {
    const next: ListMapping = { ...mapping };
    // One column serves one field: taking it here frees it elsewhere.
    for (const f of LIST_FIELDS) if (header !== undefined && next[f] === header) delete next[f];
    if (header === undefined) delete next[field];
    else next[field] = header;
    onChange(next);
  };
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="vupload-mapping"
      dataSource={LIST_FIELDS.map((field) => ({ field }))}
      columns={[
        { title: t('verification.ourField'), dataIndex: 'field', render: (f: ListField) => <strong>{t(`verification.fields.${f}`)}</strong> },
        {
          title: t('verification.theirColumn'),
          key: 'header',
          render: (_: unknown, { field }) => (
            <Select<string>
              allowClear
              style={{ width: 200 }}
              value={mapping[field]}
              placeholder={t('verification.notInFile')}
              onChange={(v) => set(field, v)}
              options={preview.headers.map((h) => ({ value: h, label: h }))}
              data-testid={`vupload-map-${field}`}
            />
          ),
        },
        { title: preview.rows.length ? '1' : '', key: 'sample', render: (_: unknown, { field }) => <span className="gg-muted">{mapping[field] ? (first[mapping[field] as string] ?? '') : ''}</span> },
      ]}
    />
  );
}

export function UploadPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<About>();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [mapping, setMapping] = useState<ListMapping>({});
  const [sent, setSent] = useState(0);
  const { key, renew } = useIdempotencyKey();
  const kind = Form.useWatch('kind', form) ?? 'contact';
  const earlier = useQuery({ queryKey: verificationKeys.lists(), queryFn: () => listLists() });

  const preview = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      setSent(0);
      return previewList(file, source.trim() || undefined, setSent);
    },
    onSuccess: (answer) => {
      setMapping(answer.mapping);
      if (!form.getFieldValue('name') && file) form.setFieldValue('name', file.name.replace(/\.(xlsx|csv|txt)$/i, ''));
    },
  });
  const start = useMutation({
    mutationFn: (about: About) => {
      if (!file) throw new Error('no file');
      setSent(0);
      return createList({ file, source: source.trim() || undefined, mapping, ...about }, key, setSent);
    },
    onSuccess: ({ id }) => {
      renew();
      void queryClient.invalidateQueries({ queryKey: verificationKeys.all });
      void navigate(`/verification/lists/${id}`);
    },
  });
  const hasKey = Boolean(mapping.name || mapping.idNumber);
  const shown = preview.data;

  const previewColumns = (shown?.headers ?? []).map((h) => ({ title: h, dataIndex: h, key: h, render: (v: string | undefined) => v ?? '' }));
  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('verification.uploadTitle')}</Typography.Title>
        <Link to="/verification">{t('verification.back')}</Link>
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <Steps
          orientation="vertical"
          size="small"
          current={-1}
          items={[
            {
              title: t('verification.step1'),
              content: (
                <div style={{ margin: '4px 0 12px' }}>
                  <p className="gg-muted">{t('verification.step1Desc')}</p>
                  <SpreadsheetDrop
                    file={file}
                    onFile={(f) => {
                      setFile(f);
                      preview.reset();
                    }}
                    text={t('verification.chooseFile')}
                    hint={t('verification.fileHint')}
                    testId="vupload-file"
                  />
                  <Form layout="vertical" style={{ marginTop: 12, maxWidth: 420 }}>
                    <Form.Item label={t('verification.source')} extra={t('verification.sourceHint')} style={{ marginBottom: 8 }}>
                      <Input value={source} maxLength={100} onChange={(e) => setSource(e.target.value)} placeholder={t('verification.sourcePlaceholder')} data-testid="vupload-source" />
                    </Form.Item>
                  </Form>
                  <Button onClick={() => preview.mutate()} disabled={!file} loading={preview.isPending} data-testid="vupload-preview">
                    {t('verification.readHeaders')}
                  </Button>
                  {preview.isPending ? <Progress percent={Math.floor(sent * 100)} status="active" format={(p) => t('verification.reading', { percent: p })} /> : null}
                  {preview.isError ? <Alert type="error" showIcon title={errorText(preview.error)} style={{ marginTop: 12 }} data-testid="vupload-preview-error" /> : null}
                </div>
              ),
            },
            {
              title: t('verification.step2'),
              content: shown ? (
                <div style={{ margin: '4px 0 12px' }} data-testid="vupload-step2">
                  <Space wrap style={{ marginBottom: 8 }}>
                    <span className="gg-muted">{t('verification.step2Desc')}</span>
                    <Tag color={shown.mappingFrom === 'remembered' ? 'blue' : 'default'} data-testid="vupload-mapping-from">{t(`verification.mappingFrom.${shown.mappingFrom}`)}</Tag>
                  </Space>
                  <MappingTable preview={shown} mapping={mapping} onChange={setMapping} />
                  {hasKey ? null : <Alert type="warning" showIcon title={t('verification.needKeyColumn')} style={{ marginTop: 8 }} />}
                  <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>{t('verification.firstRows')}</Typography.Text>
                  <Table size="small" rowKey={(_, i) => String(i)} pagination={false} scroll={{ x: 'max-content' }} dataSource={shown.rows} columns={previewColumns} data-testid="vupload-rows" />
                </div>
              ) : null,
            },
            {
              title: t('verification.step3'),
              content: shown ? (
                <Form<About>
                  form={form}
                  layout="vertical"
                  style={{ maxWidth: 520, margin: '4px 0 12px' }}
                  initialValues={{ kind: 'contact', regionId: me.region.level === 'county' || me.region.level === 'town' ? me.region.id : undefined }}
                  onFinish={(v) => start.mutate(v)}
                >
                  <Form.Item name="name" label={t('verification.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                    <Input maxLength={100} placeholder={t('verification.namePlaceholder')} data-testid="vupload-name" />
                  </Form.Item>
                  <Form.Item name="kind" label={t('verification.kind')} rules={[{ required: true }]}>
                    <Select<ListKind> options={LIST_KINDS.map((k) => ({ value: k, label: t(`verification.kinds.${k}`) }))} data-testid="vupload-kind" />
                  </Form.Item>
                  <Form.Item name="regionId" label={t('verification.region')} extra={t('verification.regionHelp')} rules={[{ required: true, message: t('validation.required') }]}>
                    <RegionSelect level={LIST_LEVELS} data-testid="vupload-region" />
                  </Form.Item>
                  <Form.Item name="deadlineHours" label={t('verification.deadline')} extra={t('verification.deadlineHelp')}>
                    <InputNumber min={1} max={MAX_DEADLINE_HOURS} precision={0} placeholder={String(defaultDeadlineHours(kind))} style={{ width: 160 }} data-testid="vupload-deadline" />
                  </Form.Item>
                  <Form.Item name="replacesListId" label={t('verification.replaces')} extra={t('verification.replacesHelp')}>
                    <Select<string>
                      allowClear
                      placeholder={t('verification.replacesNone')}
                      options={(earlier.data?.items ?? []).filter((l) => l.status === 'done').map((l) => ({ value: l.id, label: l.name }))}
                      data-testid="vupload-replaces"
                    />
                  </Form.Item>
                  {start.isPending ? <Progress percent={Math.floor(sent * 100)} status="active" format={(p) => t('verification.uploading', { percent: p })} /> : null}
                  {start.isError ? <Alert type="error" showIcon title={errorText(start.error)} style={{ marginBottom: 12 }} data-testid="vupload-error" /> : null}
                  <Button type="primary" htmlType="submit" disabled={!hasKey} loading={start.isPending} data-testid="vupload-start">
                    {t('verification.start')}
                  </Button>
                </Form>
              ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}

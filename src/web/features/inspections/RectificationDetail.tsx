// A rectification task: the finding, its village, owner, deadline and escalation; once closed,
// what was done and the evidence photos. The close drawer needs both a description and at least
// one photo, and its button says which is still missing.
import { RecordNumber } from '../../lib/RecordNumber.tsx';
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Image, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MAX_EVIDENCE_PHOTOS, type Rectification } from '../../../shared/inspections.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { isApiError } from '../../lib/api.ts';
import { countyDay } from '../../lib/countyTime.ts';
import { translateServerMessage, useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { type EvidencePhoto, EvidencePhotoPicker } from './EvidencePhotos.tsx';
import { closeRectification, evidencePhotoUrl, getRectification, inspectionKeys } from './inspections.api.ts';
import { Deadline, EscalationTag, RectificationStatusTags } from './InspectionTags.tsx';

export function RectificationDetail() {
  const me = useMe();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [closing, setClosing] = useState(false);
  const task = useQuery({ queryKey: inspectionKeys.rectification(id), queryFn: () => getRectification(id) });
  const mayClose = can(me.user.role, 'rectifications.close');
  const mayInspections = can(me.user.role, 'inspections');
  const r = task.data;
  const dash = '—';

  return (
    <div className="gg-page">
      <Link to="/rectifications"><ArrowLeftOutlined /> {t('inspections.rect.back')}</Link>
      <div className="gg-page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={2}>{r ? `${r.regionName} · ${t(`inspections.items.${r.item}`)}` : t('inspections.rect.title')}</Typography.Title>
        {r && r.status === 'open' && mayClose ? (
          <Button type="primary" size={mobile ? 'large' : 'middle'} icon={<CheckOutlined />} onClick={() => setClosing(true)} data-testid="rect-close">{t('inspections.rect.close')}</Button>
        ) : null}
      </div>
      {task.isError ? <Alert type="error" showIcon title={errorText(task.error)} /> : !r ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : (
        <div className="gg-card-list" data-testid="rect-detail">
          {r.overdue && r.status === 'open' ? <Alert type="error" showIcon title={`${t('inspections.rect.overdue')} · ${t('inspections.rect.deadline')} ${countyDay(r.deadline)}`} /> : null}
          <Card size="small">
            <div style={{ fontSize: 15, marginBottom: 12, overflowWrap: 'anywhere' }} data-testid="rect-description">{r.description}</div>
            <Descriptions size="small" column={mobile ? 1 : 3}>
              <Descriptions.Item label={t('common.number')}><RecordNumber value={r.number} copyable testId="rect-number" /></Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.status')}><RectificationStatusTags task={r} /></Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.deadline')}><Deadline task={r} /></Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.owner')}>{r.ownerName ?? dash}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.village')}>{r.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.item')}><Tag>{t(`inspections.items.${r.item}`)}</Tag></Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.escalation')}>{r.escalationLevel > 0 ? <Space size={4} wrap><EscalationTag task={r} /><span className="gg-muted">{formatDateTime(r.escalatedAt)}</span></Space> : t('inspections.rect.notEscalated')}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.created')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.rect.inspection')}>{mayInspections ? <Link to={`/inspections/${r.inspectionId}`}>{t('inspections.detail.title')}</Link> : dash}</Descriptions.Item>
            </Descriptions>
          </Card>
          {r.status === 'closed' ? (
            <Card size="small" title={t('inspections.rect.evidence')} data-testid="rect-evidence">
              <Descriptions size="small" column={mobile ? 1 : 2} style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('inspections.rect.closedAt')}>{formatDateTime(r.closedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('inspections.rect.closedBy')}>{r.closedBy ?? dash}</Descriptions.Item>
                <Descriptions.Item label={t('inspections.rect.evidenceText')} span={mobile ? 1 : 2}><span style={{ overflowWrap: 'anywhere' }}>{r.evidenceText ?? dash}</span></Descriptions.Item>
              </Descriptions>
              <Image.PreviewGroup>
                <Space wrap>
                  {r.evidencePhotos.map((sha) => <Image key={sha} src={evidencePhotoUrl(sha)} width={mobile ? 96 : 128} height={mobile ? 96 : 128} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="rect-evidence-photo" />)}
                </Space>
              </Image.PreviewGroup>
            </Card>
          ) : null}
        </div>
      )}
      {r ? <CloseDrawer task={r} open={closing} onClose={() => setClosing(false)} /> : null}
    </div>
  );
}

function CloseDrawer({ task, open, onClose }: { task: Rectification; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<EvidencePhoto[]>([]);
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setText('');
    setPhotos([]);
    setProblem(null);
  }, [open]);

  const missing = [text.trim() ? null : t('inspections.rect.missingText'), photos.length ? null : t('inspections.rect.missingPhoto'), uploading ? t('inspections.rect.uploading') : null].filter((x): x is string => Boolean(x));

  const save = useMutation({
    mutationFn: () => closeRectification(task.id, { evidenceText: text.trim(), photos: photos.map((p) => p.sha256) }, key),
    onSuccess: (closed) => {
      renew();
      void message.success(t('inspections.rect.closed'));
      queryClient.setQueryData(inspectionKeys.rectification(task.id), closed);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      onClose();
    },
    onError: (err) => setProblem([errorText(err), ...(isApiError(err) ? err.details.map((d) => `${d.path}: ${translateServerMessage(d.message)}`) : [])].join('；')),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 520}
      title={t('inspections.rect.closeTitle')}
      destroyOnHidden
      footer={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          {missing.length ? <div style={{ color: '#d46b08', fontSize: 13 }} data-testid="rect-close-missing">{missing.join('；')}</div> : null}
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" size={mobile ? 'large' : 'middle'} disabled={missing.length > 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="rect-close-save">{t('inspections.rect.close')}</Button>
          </Space>
        </div>
      }
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="rect-close-problem" /> : null}
      <div style={{ marginBottom: 12, overflowWrap: 'anywhere' }}>
        <div className="gg-muted">{task.regionName} · {t(`inspections.items.${task.item}`)}</div>
        <div>{task.description}</div>
      </div>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('inspections.rect.evidenceText')}</div>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('inspections.rect.closeTextPlaceholder')} data-testid="rect-close-text" />
      <div style={{ fontWeight: 600, margin: '16px 0 6px' }}>{t('inspections.rect.evidencePhotos')}</div>
      <EvidencePhotoPicker photos={photos} onChange={setPhotos} uploading={uploading} onUploading={(d) => setUploading((n) => n + d)} />
      <div className="gg-muted" style={{ fontSize: 12, marginTop: 6 }}>{t('inspections.rect.photosHint', { max: MAX_EVIDENCE_PHOTOS })}</div>
    </Drawer>
  );
}

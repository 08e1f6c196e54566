// One form: its content, its status, and — while pending — a signature pad and a scan upload;
// once signed, the signature (or scan) with who signed and when. Print opens the A4 view.
// On the field app's phone, a form or signature still in the outbox is shown from the queued
// copy with a 待同步 tag (no signal needed); once the outbox has sent it, the server's copy.
import { ArrowLeftOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Form } from '../../../shared/forms.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useFieldDb, useLive } from '../field/field.sync.ts';
import { FormEditDrawer } from './FormEditDrawer.tsx';
import { formKeys, getForm, signatureUrl } from './forms.api.ts';
import { FORM_KIND, formEntries, localForm, SIGNATURE_KIND } from './forms.offline.ts';
import { KindTag, StatusTag, tenantsOf } from './formView.tsx';
import { SignCard } from './SignCard.tsx';

const ORDER: Record<Form['kind'], string[]> = {
  floating_registration: ['name', 'origin', 'arrivedOn', 'travelMode', 'residenceAddress', 'employer', 'reasonForStay', 'plannedStayUntil', 'remarks'],
  rental_responsibility: ['landlordName', 'address', 'tenants', 'termStart', 'termEnd', 'dutiesVersion', 'remarks'],
};

export default function FormDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const onPhone = can(me.user.role, 'field');
  const db = useFieldDb();
  const entries = useLive(() => (onPhone ? formEntries(db, id) : Promise.resolve([])), [db, id, onPhone]);
  const form = useQuery({
    queryKey: formKeys.detail(id),
    queryFn: () => getForm(id),
    // With no signal the read fails at once (no paused spinner) and the queued copy is shown.
    networkMode: onPhone ? 'always' : 'online',
    retry: onPhone ? false : undefined,
  });
  const maySign = can(me.user.role, 'forms.sign');
  const created = entries?.find((e) => e.kind === FORM_KIND && e.status !== 'synced');
  const signing = entries?.find((e) => e.kind === SIGNATURE_KIND && e.status !== 'synced');
  // When the outbox has sent something about this form, read the server's copy again.
  const syncedCount = entries?.filter((e) => e.status === 'synced').length ?? 0;
  const { refetch } = form;
  useEffect(() => {
    if (syncedCount > 0) void refetch();
  }, [syncedCount, refetch]);

  const local = created && (!form.data || form.isError) ? localForm(created, me.region.id) : null;
  if (form.isPending && !local) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  // Just sent: the server's copy is on its way.
  if (form.isError && !local && form.isFetching) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (form.isError && !local) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(form.error)} action={<Link to={onPhone ? '/field' : '/forms'}>{t('forms.back')}</Link>} />
      </div>
    );
  }
  const f = local ?? form.data;
  if (!f) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const queuedSignature = signing?.body && typeof signing.body === 'object' ? (signing.body as { dataUrl?: string; signedBy?: string }) : null;
  const value = (key: string): string => {
    if (key === 'tenants') return tenantsOf(f).map((x) => x.name).join('、') || '—';
    if (key === 'travelMode' && typeof f.fields.travelMode === 'string') return t(`forms.travelModes.${f.fields.travelMode}`);
    const v = f.fields[key];
    return v === undefined || v === null || v === '' ? '—' : String(v);
  };
  const pending = f.status === 'pending' && !signing;
  // The signature was just sent; until the server's copy arrives, no second pad.
  const justSigned = pending && form.isFetching && !!entries?.some((e) => e.kind === SIGNATURE_KIND && e.status === 'synced');
  const waiting = <Tag color="blue" data-testid="form-unsynced">{t('forms.unsynced')}</Tag>;

  return (
    <div className="gg-page" data-testid="form-detail">
      <div className="gg-page-title">
        <Space size={8} style={{ minWidth: 0 }}>
          <Link to={onPhone ? `/field/h/${f.householdId}` : '/forms'} aria-label={t('forms.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} ellipsis style={{ minWidth: 0 }}>{t(`forms.kinds.${f.kind}`)}</Typography.Title>
        </Space>
        <Space wrap>
          {pending && maySign && !local ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="form-edit">{t('forms.edit')}</Button> : null}
          {local ? null : <Link to={`/forms/${f.id}/print`}><Button type={pending ? 'default' : 'primary'} icon={<PrinterOutlined />} data-testid="form-print">{t('forms.print')}</Button></Link>}
        </Space>
      </div>
      {created?.status === 'refused' ? (
        <Alert type="error" showIcon title={t('forms.createRefused')} action={<Link to="/field/sync">{t('forms.toSync')}</Link>} style={{ marginBottom: 16 }} />
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Card title={<Space wrap><KindTag form={f} /><StatusTag form={f} />{local ? waiting : null}</Space>} styles={{ body: { padding: mobile ? 12 : 24 } }}>
          <Descriptions column={mobile ? 1 : 2} size="small">
            {ORDER[f.kind].map((key) => (
              <Descriptions.Item key={key} label={t(`forms.fields.${key}`)}>{value(key)}</Descriptions.Item>
            ))}
            <Descriptions.Item label={t('forms.createdAt')}>{formatDateTime(f.createdAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        {signing ? (
          <Card title={<Space wrap>{t('forms.signedOnPhone')}{waiting}</Space>} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="form-signed-local">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('forms.signedBy')}>{queuedSignature?.signedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('forms.signedAt')}>{formatDateTime(signing.createdAt)}</Descriptions.Item>
            </Descriptions>
            {queuedSignature?.dataUrl ? (
              <img src={queuedSignature.dataUrl} alt={t('forms.signature')} style={{ maxWidth: '100%', maxHeight: 240, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }} />
            ) : null}
            {signing.status === 'refused' ? <Alert type="error" showIcon title={t('forms.signRefused')} action={<Link to="/field/sync">{t('forms.toSync')}</Link>} style={{ marginTop: 12 }} /> : null}
          </Card>
        ) : justSigned ? (
          <Spin style={{ display: 'block', margin: '32px auto' }} />
        ) : pending ? (
          maySign ? <SignCard form={f} /> : null
        ) : (
          <Card title={t('forms.signedOk')} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="form-signed">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('forms.signedBy')}>{f.signedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('forms.signedAt')}>{formatDateTime(f.signedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('forms.signMethod')}>{f.signatureMethod ? t(`forms.methods.${f.signatureMethod}`) : '—'}</Descriptions.Item>
            </Descriptions>
            {f.signatureType === 'application/pdf' ? (
              <a href={signatureUrl(f)} target="_blank" rel="noreferrer">{t('forms.viewScan')}</a>
            ) : (
              <img src={signatureUrl(f)} alt={t('forms.signature')} style={{ maxWidth: '100%', maxHeight: 240, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }} data-testid="form-signature-image" />
            )}
          </Card>
        )}
      </div>
      {pending && maySign && !local ? <FormEditDrawer form={f} open={editing} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

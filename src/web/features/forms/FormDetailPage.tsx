// One form: its content, its status, and — while pending — a signature pad and a scan upload;
// once signed, the signature (or scan) with who signed and when. Print opens the A4 view.
// (The phone app at /field shows a form still in its outbox from the queued copy.)
import { ArrowLeftOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Form } from '../../../shared/forms.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { FormEditDrawer } from './FormEditDrawer.tsx';
import { formKeys, getForm, signatureUrl } from './forms.api.ts';
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
  const form = useQuery({ queryKey: formKeys.detail(id), queryFn: () => getForm(id) });
  const maySign = can(me.user.role, 'forms.sign');
  if (form.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (form.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(form.error)} action={<Link to="/forms">{t('forms.back')}</Link>} />
      </div>
    );
  }
  const f = form.data;
  const value = (key: string): string => {
    if (key === 'tenants') return tenantsOf(f).map((x) => x.name).join('、') || '—';
    if (key === 'travelMode' && typeof f.fields.travelMode === 'string') return t(`forms.travelModes.${f.fields.travelMode}`);
    const v = f.fields[key];
    return v === undefined || v === null || v === '' ? '—' : String(v);
  };
  const pending = f.status === 'pending';

  return (
    <div className="gg-page" data-testid="form-detail">
      <div className="gg-page-title">
        <Space size={8} style={{ minWidth: 0 }}>
          <Link to="/forms" aria-label={t('forms.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} ellipsis style={{ minWidth: 0 }}>{t(`forms.kinds.${f.kind}`)}</Typography.Title>
        </Space>
        <Space wrap>
          {pending && maySign ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="form-edit">{t('forms.edit')}</Button> : null}
          <Link to={`/forms/${f.id}/print`}><Button type={pending ? 'default' : 'primary'} icon={<PrinterOutlined />} data-testid="form-print">{t('forms.print')}</Button></Link>
        </Space>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Card title={<Space wrap><KindTag form={f} /><StatusTag form={f} /></Space>} styles={{ body: { padding: mobile ? 12 : 24 } }}>
          <Descriptions column={mobile ? 1 : 2} size="small">
            {ORDER[f.kind].map((key) => (
              <Descriptions.Item key={key} label={t(`forms.fields.${key}`)}>{value(key)}</Descriptions.Item>
            ))}
            <Descriptions.Item label={t('forms.createdAt')}>{formatDateTime(f.createdAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        {pending ? (
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
      {pending && maySign ? <FormEditDrawer form={f} open={editing} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

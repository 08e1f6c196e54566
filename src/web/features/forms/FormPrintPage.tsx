// The print view: the form laid out as the county's paper form on an A4 sheet, headed with the
// county's name, the signature in its box. ID and phone numbers are masked until a registrar
// says why they are needed (the purpose is audited with the read); then the sheet carries them.
import { ArrowLeftOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DUTY_COUNT, type FormPrint } from '../../../shared/forms.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { PurposeModal } from '../../lib/PurposeModal.tsx';
import { usePublicMeta } from '../auth/usePublicMeta.ts';
import { formKeys, getFormPrint, signatureUrl } from './forms.api.ts';
import './forms-print.css';
import { DEFAULT_TIME_ZONE } from '../../../shared/time-zone.ts';

/** The calendar day of an instant in the county's zone. */
function dayOf(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export default function FormPrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const meta = usePublicMeta();
  const me = useMe();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState(false);
  // Read once (each read is audited); the full numbers replace it only after a purpose is given.
  const print = useQuery({ queryKey: formKeys.print(id), queryFn: () => getFormPrint(id), staleTime: Infinity, refetchOnWindowFocus: false, gcTime: 0 });

  if (print.isPending || meta.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (print.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(print.error)} action={<Link to={`/forms/${id}`}>{t('forms.back')}</Link>} />
      </div>
    );
  }
  const county = meta.data?.countyName ?? '';
  const zone = meta.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const data = print.data;
  return (
    <div className="gg-page gg-print-page" data-testid="form-print-view">
      <div className="gg-print-toolbar">
        <Link to={`/forms/${id}`}><Button icon={<ArrowLeftOutlined />}>{t('forms.back')}</Button></Link>
        <Space>
          {can(me.user.role, 'households.register') && !revealed ? (
            <Button icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="print-reveal">{t('forms.printReveal')}</Button>
          ) : null}
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">{t('forms.printButton')}</Button>
        </Space>
      </div>
      {revealed ? null : <Alert className="gg-print-note-screen" type="info" showIcon title={t('forms.printMasked')} style={{ marginBottom: 12 }} data-testid="print-masked-note" />}
      <PurposeModal
        open={asking}
        title={t('forms.printRevealTitle')}
        onClose={() => setAsking(false)}
        reveal={(purpose) => getFormPrint(id, purpose)}
        onRevealed={(full) => {
          queryClient.setQueryData(formKeys.print(id), full);
          setRevealed(true);
        }}
      />
      <div className="gg-print-scroll">
        <article className="gg-print-sheet" data-testid="print-sheet">
          <h1>{t('forms.printHeading', { county, kind: t(`forms.kinds.${data.form.kind}`) })}</h1>
          {data.form.kind === 'floating_registration' ? <Registration data={data} zone={zone} /> : <Letter data={data} zone={zone} />}
        </article>
      </div>
    </div>
  );
}

function Signature({ data }: { data: FormPrint }) {
  const { t } = useTranslation();
  const f = data.form;
  if (f.status !== 'signed') return null;
  if (f.signatureType === 'application/pdf') return <span>{f.signedBy}（{t('forms.methods.scan')}）</span>;
  return <img src={signatureUrl(f)} alt={t('forms.signature')} data-testid="print-signature" />;
}

function Meta({ data, zone }: { data: FormPrint; zone: string }) {
  const { t } = useTranslation();
  return (
    <div className="gg-print-meta">
      <span>{t('forms.printRegion')}：{data.regionName}</span>
      <span>{t('forms.printNo')}：{data.form.id.slice(-12).toUpperCase()}</span>
      <span>{t('forms.printDate')}：{dayOf(data.form.createdAt, zone)}</span>
    </div>
  );
}

function Registration({ data, zone }: { data: FormPrint; zone: string }) {
  const { t } = useTranslation();
  const f = data.form.fields as Record<string, string | undefined>;
  const p = data.person;
  const v = (x: string | null | undefined) => x ?? '';
  return (
    <>
      <Meta data={data} zone={zone} />
      <table className="gg-print-table">
        <tbody>
          <tr>
            <th>{t('forms.fields.name')}</th><td>{v(f.name)}</td>
            <th>{t('forms.gender')}</th><td>{p?.gender ? t(`forms.genders.${p.gender}`) : ''}</td>
          </tr>
          <tr>
            <th>{t('forms.idNumber')}</th><td className="gg-mono">{v(p?.idNumber)}</td>
            <th>{t('forms.birthDate')}</th><td>{v(p?.birthDate)}</td>
          </tr>
          <tr>
            <th>{t('forms.phone')}</th><td className="gg-mono">{v(p?.phone)}</td>
            <th>{t('forms.fields.travelMode')}</th><td>{f.travelMode ? t(`forms.travelModes.${f.travelMode}`) : ''}</td>
          </tr>
          <tr>
            <th>{t('forms.fields.origin')}</th><td>{v(f.origin)}</td>
            <th>{t('forms.fields.arrivedOn')}</th><td>{v(f.arrivedOn)}</td>
          </tr>
          <tr><th>{t('forms.fields.residenceAddress')}</th><td colSpan={3}>{v(f.residenceAddress)}</td></tr>
          <tr>
            <th>{t('forms.fields.employer')}</th><td>{v(f.employer)}</td>
            <th>{t('forms.fields.plannedStayUntil')}</th><td>{v(f.plannedStayUntil)}</td>
          </tr>
          <tr><th>{t('forms.fields.reasonForStay')}</th><td colSpan={3}>{v(f.reasonForStay)}</td></tr>
          <tr><th>{t('forms.fields.remarks')}</th><td colSpan={3} className="gg-print-tall">{v(f.remarks)}</td></tr>
          <tr><td colSpan={4} className="gg-print-note">{t('forms.declaration')}</td></tr>
          <tr>
            <th>{t('forms.printSignature')}</th><td className="gg-print-signbox" data-testid="print-signbox"><Signature data={data} /></td>
            <th>{t('forms.printSignDate')}</th><td>{dayOf(data.form.signedAt, zone)}</td>
          </tr>
          <tr>
            <th>{t('forms.printOfficer')}</th><td data-testid="print-officer">{v(data.registeredBy)}</td>
            <th>{t('forms.printGridSign')}</th><td className="gg-print-signbox" />
          </tr>
        </tbody>
      </table>
    </>
  );
}

function Letter({ data, zone }: { data: FormPrint; zone: string }) {
  const { t } = useTranslation();
  const f = data.form.fields as Record<string, string | undefined>;
  const version = (f.dutiesVersion ?? '2026.1') as keyof typeof DUTY_COUNT;
  const dutyKey = `v${version.replace('.', '_')}`;
  const duties = Array.from({ length: DUTY_COUNT[version] ?? 0 }, (_, i) => t(`forms.duties.${dutyKey}.d${i + 1}`));
  return (
    <>
      <Meta data={data} zone={zone} />
      <table className="gg-print-table">
        <tbody>
          <tr>
            <th>{t('forms.fields.landlordName')}</th><td>{f.landlordName ?? ''}</td>
            <th>{t('forms.landlordPhone')}</th><td className="gg-mono">{data.landlordPhone ?? ''}</td>
          </tr>
          <tr><th>{t('forms.fields.address')}</th><td colSpan={3}>{f.address ?? ''}</td></tr>
        </tbody>
      </table>
      <table className="gg-print-table" style={{ marginTop: -1 }}>
        <tbody>
          <tr>
            <th style={{ width: '12mm' }}>#</th><th style={{ width: '32mm' }}>{t('forms.tenantName')}</th><th style={{ width: 'auto' }}>{t('forms.idNumber')}</th><th style={{ width: '40mm' }}>{t('forms.phone')}</th>
          </tr>
          {data.tenants.map((x, i) => (
            <tr key={i}>
              <td style={{ textAlign: 'center' }}>{i + 1}</td><td>{x.name}</td><td className="gg-mono">{x.idNumber ?? ''}</td><td className="gg-mono">{x.phone ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="gg-print-para">{t('forms.letterIntro')}</p>
      <ol className="gg-print-duties">
        {duties.map((d, i) => <li key={i}>{d}</li>)}
      </ol>
      <p className="gg-print-para">{t('forms.letterTerm', { start: f.termStart ?? '', end: f.termEnd ?? '' })}</p>
      <p className="gg-print-para">{t('forms.letterClose')}</p>
      <div className="gg-print-signs">
        <div>
          <div className="gg-print-signline" data-testid="print-signbox">{t('forms.printLandlordSign')}：<Signature data={data} /></div>
          <div>{t('forms.printSignDate')}：{dayOf(data.form.signedAt, zone)}</div>
        </div>
        <div>
          <div className="gg-print-signline">{t('forms.printGridSign')}：</div>
          <div>{t('forms.printSignDate')}：</div>
        </div>
      </div>
    </>
  );
}

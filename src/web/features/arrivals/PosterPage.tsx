// 扫码登记 poster: one A4 page per village — the big title, the village and town, the QR code of
// the village's token, the steps for the person arriving, and that the data serves epidemic
// control only. A revoked code's poster says so on screen (and should not be printed).
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorText } from '../../lib/errors.ts';
import { getRegion, regionKeys } from '../regions/regions.api.ts';
import { arrivalKeys, getCode, qrUrl } from './arrivals.api.ts';
import './arrivals-print.css';

export function PosterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const code = useQuery({ queryKey: arrivalKeys.code(id), queryFn: () => getCode(id) });
  const c = code.data;
  const region = useQuery({ queryKey: regionKeys.detail(c?.regionId ?? 0), queryFn: () => getRegion(c?.regionId ?? 0), enabled: Boolean(c), staleTime: 5 * 60_000 });
  if (code.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (code.isError || !c) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(code.error)} action={<Link to="/arrivals?tab=codes">{t('arrivals.poster.back')}</Link>} />
      </div>
    );
  }
  const town = region.data?.path.find((r) => r.level === 'town')?.name ?? '';
  return (
    <div className="gg-page gg-print-page" data-testid="arrival-poster">
      <div className="gg-ap-toolbar">
        <Link to="/arrivals?tab=codes"><Button icon={<ArrowLeftOutlined />}>{t('arrivals.poster.back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={c.status !== 'active'} data-testid="arrival-poster-print">{t('arrivals.poster.print')}</Button>
      </div>
      {c.status !== 'active' ? <Alert type="error" showIcon title={t('arrivals.poster.revokedWarning')} style={{ marginBottom: 12 }} className="gg-ap-toolbar" data-testid="arrival-poster-revoked" /> : null}
      <div className="gg-ap-scroll">
        <article className="gg-ap-sheet" data-testid="arrival-poster-sheet">
          <h1 className="gg-ap-title">{t('arrivals.poster.title')}</h1>
          <div className="gg-ap-subtitle">{t('arrivals.poster.subtitle')}</div>
          <div className="gg-ap-place" data-testid="arrival-poster-place">{[town, c.regionName].filter(Boolean).join(' · ')}</div>
          <div className="gg-ap-qr">
            <img src={qrUrl(c.id)} alt={c.url} data-testid="arrival-poster-qr" />
          </div>
          <div className="gg-ap-url">{t('arrivals.poster.urlNote')}{c.url}</div>
          <section className="gg-ap-steps">
            <h2>{t('arrivals.poster.stepsTitle')}</h2>
            <ol>
              <li>{t('arrivals.poster.step1')}</li>
              <li>{t('arrivals.poster.step2')}</li>
              <li>{t('arrivals.poster.step3')}</li>
              <li>{t('arrivals.poster.step4')}</li>
            </ol>
          </section>
          <footer className="gg-ap-privacy">
            <strong>{t('arrivals.poster.privacy')}</strong>
            <span>{t('arrivals.poster.issuedBy', { village: c.regionName })}</span>
          </footer>
        </article>
      </div>
    </div>
  );
}

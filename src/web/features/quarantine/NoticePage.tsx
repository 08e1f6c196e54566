// 居家隔离告知书: the notice handed to the household, on an A4 sheet (print CSS): the county and
// town, the person, place and period, the rules, the person's responsible people (五包一) by
// role and name, the monitor and their work phone (when we may know it), signature lines for
// the household and the grid worker. Read once: the order read is audited.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { catalogs, currentLanguage } from '../../app/i18n.ts';
import { daysBetween } from '../../lib/countyTime.ts';
import { usePublicMeta } from '../auth/usePublicMeta.ts';
import { getRegion, regionKeys } from '../regions/regions.api.ts';
import { useCountyDays } from './useCountyDays.ts';
import { getOrder, getStaff, quarantineKeys } from './quarantine.api.ts';
import { useQuarantineErrorText } from './quarantine.errors.ts';
import './quarantine-print.css';

/** The monitor's work phone: mine from the session, another's only for roles that read accounts. */
function useMonitorPhone(monitorUserId: string | null): string | null {
  const me = useMe();
  const self = monitorUserId === me.user.id;
  const staff = useQuery({
    queryKey: ['quarantines', 'monitor', monitorUserId ?? ''],
    queryFn: () => getStaff(monitorUserId ?? ''),
    enabled: Boolean(monitorUserId) && !self && can(me.user.role, 'users'),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!monitorUserId) return null;
  return self ? me.user.phone : (staff.data?.phone ?? null);
}

export function NoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useQuarantineErrorText();
  const meta = usePublicMeta();
  const { today } = useCountyDays();
  const detail = useQuery({ queryKey: quarantineKeys.detail(id), queryFn: () => getOrder(id), staleTime: Infinity });
  const order = detail.data;
  const region = useQuery({ queryKey: regionKeys.detail(order?.regionId ?? 0), queryFn: () => getRegion(order?.regionId ?? 0), enabled: Boolean(order), staleTime: 5 * 60_000 });
  const phone = useMonitorPhone(order?.monitorUserId ?? null);

  if (detail.isPending || meta.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (detail.isError || !order) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(detail.error)} action={<Link to={`/quarantine/${id}`}>{t('quarantine.notice.back')}</Link>} />
      </div>
    );
  }
  const county = meta.data?.countyName ?? '';
  const town = region.data?.path.find((r) => r.level === 'town')?.name ?? '';
  const days = daysBetween(order.startOn, order.endOn) + 1;
  const rules = catalogs[currentLanguage()].quarantine.notice.rules;
  const blank = <span className="gg-qn-blank" />;
  return (
    <div className="gg-page gg-print-page" data-testid="quarantine-notice">
      <div className="gg-print-toolbar gg-qn-toolbar">
        <Link to={`/quarantine/${id}`}><Button icon={<ArrowLeftOutlined />}>{t('quarantine.notice.back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="quarantine-print">{t('quarantine.notice.print')}</Button>
      </div>
      <div className="gg-qn-scroll">
        <article className="gg-qn-sheet" data-testid="quarantine-notice-sheet">
          <h1>{t('quarantine.notice.heading', { county })}</h1>
          <div className="gg-qn-meta">
            <span>{t('quarantine.notice.region')}：{[town, order.regionName].filter(Boolean).join(' ')}</span>
            <span>{t('quarantine.notice.no')}：{order.id.slice(-12).toUpperCase()}</span>
          </div>
          <p className="gg-qn-to">{t('quarantine.notice.to', { name: order.personName })}</p>
          <p className="gg-qn-para">{t('quarantine.notice.intro', { county, start: order.startOn, end: order.endOn, days })}</p>
          <table className="gg-qn-table">
            <tbody>
              <tr><th>{t('quarantine.person')}</th><td data-testid="quarantine-notice-person">{order.personName}</td></tr>
              <tr><th>{t('quarantine.notice.place')}</th><td>{order.place ?? blank}</td></tr>
              <tr><th>{t('quarantine.notice.period')}</th><td data-testid="quarantine-notice-period">{t('quarantine.notice.periodText', { start: order.startOn, end: order.endOn, days })}</td></tr>
              <tr><th>{t('quarantine.notice.reason')}</th><td>{order.reason}</td></tr>
              {order.responsible.length ? (
                <tr>
                  <th>{t('responsibility.notice')}</th>
                  <td data-testid="quarantine-notice-responsible">
                    {order.responsible.map((m) => (
                      <span key={m.id} className="gg-qn-pair">{t(`responsibility.roles.${m.role}`)}：{m.name}</span>
                    ))}
                  </td>
                </tr>
              ) : null}
              <tr>
                <th>{t('quarantine.notice.monitor')}</th>
                <td>
                  <span className="gg-qn-pair">{order.monitorName ?? blank}</span>
                  <span className="gg-qn-pair">{t('quarantine.notice.phone')}：{phone ? <span className="gg-mono">{phone}</span> : blank}</span>
                </td>
              </tr>
            </tbody>
          </table>
          <p className="gg-qn-rules-title">{t('quarantine.notice.rulesTitle')}</p>
          <ol className="gg-qn-rules">
            {rules.map((rule, i) => <li key={i}>{rule}</li>)}
          </ol>
          <p className="gg-qn-para">{t('quarantine.notice.ack')}</p>
          <div className="gg-qn-signs">
            <div>
              <div className="gg-qn-signline">{t('quarantine.notice.householdSign')}：</div>
              <div>{t('quarantine.notice.date')}：<span className="gg-qn-datefill">{t('quarantine.notice.dateFill')}</span></div>
            </div>
            <div>
              <div className="gg-qn-signline">{t('quarantine.notice.gridSign')}：</div>
              <div>{t('quarantine.notice.date')}：<span className="gg-qn-datefill">{t('quarantine.notice.dateFill')}</span></div>
            </div>
          </div>
          <div className="gg-qn-issuer">
            <div>{t('quarantine.notice.issuedBy', { county, town })}</div>
            <div>{today}</div>
          </div>
        </article>
      </div>
    </div>
  );
}

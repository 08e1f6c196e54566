// 离开辖区 and its 协查函: when and where a person left; for a neighbouring county, the letter to
// send it, on an A4 sheet to print (the 居家隔离告知书's print CSS: on paper only the sheet).
// The letter is made by the server as it was sent; reading it is audited there.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { departureKeys, getDeparture } from './departures.api.ts';
import '../quarantine/quarantine-print.css';

/** The letter's lines as the server wrote them: title, addressee, paragraphs, then issuer and date. */
function NoticeSheet({ text }: { text: string }) {
  const lines = text.split('\n');
  const [title = '', to = '', ...rest] = lines;
  const closing = rest.slice(-2);
  const body = rest.slice(0, -2);
  return (
    <article className="gg-qn-sheet" data-testid="departure-notice-sheet">
      <h1>{title}</h1>
      <p className="gg-qn-to">{to}</p>
      {body.map((line, i) => <p key={i} className="gg-qn-para">{line}</p>)}
      <div className="gg-qn-issuer">{closing.map((line, i) => <div key={i}>{line}</div>)}</div>
    </article>
  );
}

export default function DeparturePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  // Read once: each read of the letter is an audited read on the server.
  const departure = useQuery({ queryKey: departureKeys.of(id), queryFn: () => getDeparture(id), staleTime: Infinity, retry: false });
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>{t('departures.back')}</Button>;

  if (departure.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (departure.isError) {
    const missing = isApiError(departure.error) && departure.error.status === 404;
    return (
      <div className="gg-page">
        <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('departures.notFound') : errorText(departure.error)} action={back} data-testid="departure-missing" />
      </div>
    );
  }
  const d = departure.data;
  return (
    <div className="gg-page gg-print-page" data-testid="departure-page">
      <div className="gg-print-toolbar gg-qn-toolbar">
        {back}
        {d.notice ? <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="departure-print">{t('departures.print')}</Button> : null}
      </div>
      <div className="gg-qn-toolbar" style={{ display: 'block' }}>
        <Card size="small" styles={{ body: { padding: mobile ? 12 : 16 } }} style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>{t('departures.page')}</Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('departures.leftOn')}><span data-testid="departure-left-on-value">{d.leftOn}</span></Descriptions.Item>
            <Descriptions.Item label={t('departures.place')}><span data-testid="departure-place-value">{d.leftTo || '—'}</span></Descriptions.Item>
            {d.neighbour ? <Descriptions.Item label={t('departures.county')}>{`${d.neighbour.name}（${d.neighbour.code}）`}</Descriptions.Item> : null}
          </Descriptions>
          <Alert type={d.notice ? 'info' : 'warning'} showIcon title={d.notice ? t('departures.noticeHelp') : t('departures.noNotice')} />
        </Card>
      </div>
      {d.notice ? (
        <div className="gg-qn-scroll">
          <NoticeSheet text={d.notice} />
        </div>
      ) : null}
    </div>
  );
}

// A report's status tag and its history: filed, corrected, sent back — oldest first.
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORT_FIGURES, type DailyReport } from '../../../shared/reports.ts';
import { formatDateTime } from '../../lib/format.ts';

type Revision = NonNullable<DailyReport['history']>[number];

/** 已按时上报 / 迟报 / 已退回, as a tag. */
export function ReportStatusTag({ report }: { report: Pick<DailyReport, 'status' | 'onTime'> }) {
  const { t } = useTranslation();
  if (report.status === 'returned') return <Tag color="red" data-testid="report-status-tag">{t('reports.status.returned')}</Tag>;
  return report.onTime ? (
    <Tag color="green" data-testid="report-status-tag">{t('reports.status.onTime')}</Tag>
  ) : (
    <Tag color="orange" data-testid="report-status-tag">{t('reports.status.late')}</Tag>
  );
}

const COLOR: Record<Revision['kind'], string> = { filed: 'green', corrected: 'blue', returned: 'red' };

/** "走访 12 · 新到 3 …" or 零报告: what a revision said. */
function FiguresLine({ revision }: { revision: Revision }) {
  const { t } = useTranslation();
  if (revision.zero) return <Tag>{t('reports.zero')}</Tag>;
  const parts = REPORT_FIGURES.filter((f) => revision.figures[f] !== undefined).map((f) => `${t(`reports.figuresShort.${f}`)} ${revision.figures[f]}`);
  // Each "走访 2" stays on one line; the list wraps between them.
  return (
    <span className="gg-muted" style={{ fontSize: 12, display: 'flex', flexWrap: 'wrap', columnGap: 8 }}>
      {parts.map((p) => <span key={p} style={{ whiteSpace: 'nowrap' }}>{p}</span>)}
    </span>
  );
}

export function ReportHistory({ history }: { history: Revision[] | undefined }) {
  const { t } = useTranslation();
  if (!history?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noHistory')} />;
  return (
    <Timeline
      data-testid="report-history"
      items={history.map((r, i) => ({
        key: `${r.version}-${r.kind}-${r.at}`,
        color: COLOR[r.kind],
        content: (
          <div data-testid="report-history-entry">
            <div>
              <strong>{t(`reports.kinds.${r.kind === 'filed' && i > 0 ? 'refiled' : r.kind}`)}</strong>
              <span className="gg-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>{formatDateTime(r.at)}</span>
            </div>
            {r.by ? <div className="gg-muted" style={{ fontSize: 12 }}>{t('reports.by', { name: r.by })}</div> : null}
            {r.kind === 'returned' ? (
              <Typography.Text type="danger">{t('reports.returnReasonLine', { reason: r.reason ?? '' })}</Typography.Text>
            ) : (
              <FiguresLine revision={r} />
            )}
            {r.kind !== 'returned' && r.note ? <div style={{ fontSize: 12 }}>{t('reports.noteLine', { note: r.note })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

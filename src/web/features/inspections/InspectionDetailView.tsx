// An inspection: when, where, by which team; the checklist with each result and note; the
// findings, each linked to the rectification task it became.
import { RecordNumber } from '../../lib/RecordNumber.tsx';
import { ArrowLeftOutlined, AuditOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ChecklistEntry } from '../../../shared/inspections.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { getInspection, inspectionKeys } from './inspections.api.ts';
import { InspectionStatusTag } from './InspectionTags.tsx';

const RESULT_TAG: Record<ChecklistEntry['result'], string> = { ok: 'success', issue: 'error', na: 'default' };

export function InspectionDetailView() {
  const me = useMe();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const detail = useQuery({ queryKey: inspectionKeys.detail(id), queryFn: () => getInspection(id) });
  const mayRecord = can(me.user.role, 'inspections.record');
  const mayRectify = can(me.user.role, 'rectifications');
  const x = detail.data;

  return (
    <div className="gg-page">
      <Link to="/inspections"><ArrowLeftOutlined /> {t('inspections.detail.back')}</Link>
      <div className="gg-page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={2}>{x ? `${t('inspections.detail.title')} · ${x.regionName}` : t('inspections.detail.title')}</Typography.Title>
        {x && (x.status === 'scheduled' || x.status === 'missed') && mayRecord ? (
          <Button type="primary" size={mobile ? 'large' : 'middle'} icon={<AuditOutlined />} onClick={() => void navigate(`/inspections/${x.id}/record`)} data-testid="detail-record">{t('inspections.list.start')}</Button>
        ) : null}
      </div>
      {detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : !x ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : (
        <div className="gg-card-list" data-testid="inspection-detail">
          <Card size="small">
            <Descriptions size="small" column={mobile ? 1 : 3}>
              <Descriptions.Item label={t('common.number')}><RecordNumber value={x.number} copyable testId="inspection-number" /></Descriptions.Item>
              <Descriptions.Item label={t('inspections.list.status')}><InspectionStatusTag status={x.status} /></Descriptions.Item>
              <Descriptions.Item label={t('inspections.list.village')}>{x.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.list.team')}>{x.teamName}{x.scheduleId ? null : <Tag style={{ marginInlineStart: 6 }}>{t('inspections.list.adHoc')}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.record.scheduled')}>{formatDateTime(x.scheduledAt)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.record.at')}>{formatDateTime(x.doneAt)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.list.doneBy')}>{x.doneBy ?? '—'}</Descriptions.Item>
              {x.summary ? <Descriptions.Item label={t('inspections.list.summary')} span={mobile ? 1 : 3}>{x.summary}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          {x.status === 'done' ? (
            <>
              <Card size="small" title={t('inspections.detail.checklist')}>
                <div className="gg-card-list" data-testid="detail-checklist">
                  {x.checklist.map((c) => (
                    <div key={c.item} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', justifyContent: 'space-between', borderBottom: '1px solid #f5f5f5', paddingBottom: 6 }}>
                      <div style={{ minWidth: 0 }}>
                        <div style={{ fontWeight: 600 }}>{t(`inspections.items.${c.item}`)}</div>
                        {c.note ? <div className="gg-muted" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{c.note}</div> : null}
                      </div>
                      <Tag color={RESULT_TAG[c.result]} style={{ marginInlineEnd: 0, flex: 'none' }}>{t(`inspections.results.${c.result}`)}</Tag>
                    </div>
                  ))}
                </div>
              </Card>
              <Card size="small" title={t('inspections.detail.findings')}>
                {x.findingList.length ? (
                  <div className="gg-card-list" data-testid="detail-findings">
                    {x.findingList.map((f) => (
                      <div key={f.id} style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', background: '#fff7e6', borderRadius: 6, padding: 8 }} data-testid="detail-finding">
                        <div style={{ minWidth: 0 }}>
                          <Tag color="orange">{t(`inspections.items.${f.item}`)}</Tag>
                          <span style={{ overflowWrap: 'anywhere' }}>{f.description}</span>
                        </div>
                        {mayRectify ? <Link to={`/rectifications/${f.rectificationId}`} style={{ flex: 'none' }} data-testid="detail-finding-task">{t('inspections.detail.task')} <RightOutlined /></Link> : null}
                      </div>
                    ))}
                  </div>
                ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.detail.noFindings')} />}
              </Card>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}

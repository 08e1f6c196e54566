// 生成督查计划: a planner picks a team, a period (at most 31 days) and visits per village; the
// server draws random hours of day and night; the page shows the schedule on a day × hour chart
// and per village, with the earlier schedules (view, cancel). The schedule is confidential.
import { ArrowLeftOutlined, MoonOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Popconfirm, Row, Select, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_SCHEDULE_DAYS, MAX_VISITS_PER_VILLAGE, type Inspection, type Schedule } from '../../../shared/inspections.ts';
import { countyTime, isNightHour } from '../../lib/countyTime.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { allInspectionsOf, cancelSchedule, createSchedule, inspectionKeys, listSchedules, listTeams } from './inspections.api.ts';
import { ConfidentialNote, InspectionStatusTag } from './InspectionTags.tsx';
import { ScheduleChart } from './ScheduleChart.tsx';

interface Values {
  teamId: string;
  period: [Dayjs, Dayjs];
  visitsPerVillage: number;
}
const FIELDS = ['teamId', 'period', 'visitsPerVillage'] as const;

function ScheduleView({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const visits = useQuery({ queryKey: [...inspectionKeys.schedules, 'visits', schedule.id], queryFn: () => allInspectionsOf(schedule.id) });
  const byVillage = useMemo(() => {
    const groups = new Map<string, Inspection[]>();
    for (const x of [...(visits.data ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))) groups.set(x.regionName, [...(groups.get(x.regionName) ?? []), x]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'));
  }, [visits.data]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={<span className="gg-ellipsis">{schedule.teamName} · {schedule.from} ~ {schedule.to}</span>}
      extra={schedule.cancelledAt ? <Tag>{t('inspections.plan.cancelledTag')}</Tag> : <Tag color="warning">{t('inspections.confidentialShort')}</Tag>}
      data-testid="schedule-view"
    >
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <span>{t('inspections.plan.figures', { villages: schedule.villages, inspections: schedule.inspections, night: schedule.nightVisits })}</span>
        <Tag icon={<MoonOutlined />} color="geekblue" data-testid="schedule-night">{t('inspections.plan.nightShare', { night: schedule.nightVisits, total: schedule.inspections })}</Tag>
      </div>
      {visits.isError ? <Alert type="error" showIcon title={errorText(visits.error)} /> : visits.isPending ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <div className="gg-muted" style={{ marginBottom: 4 }}>{t('inspections.plan.chartTitle')}</div>
            <ScheduleChart inspections={visits.data} from={schedule.from} to={schedule.to} vertical={mobile} visitsLabel={t('inspections.plan.visitsAxis')} />
          </Col>
          <Col xs={24} xl={9}>
            <div className="gg-muted" style={{ marginBottom: 4 }}>{t('inspections.plan.perVillage')}</div>
            <div className="gg-card-list" style={{ maxHeight: mobile ? undefined : 520, overflowY: 'auto' }} data-testid="schedule-villages">
              {byVillage.map(([village, list]) => (
                <Card key={village} size="small" data-testid="schedule-village">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong className="gg-ellipsis">{village}</strong>
                    <span className="gg-muted">{t('inspections.plan.visitsOf', { count: list.length })}</span>
                  </div>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6 }}>
                    {list.map((x) => {
                      const at = countyTime(x.scheduledAt);
                      return (
                        <Link key={x.id} to={`/inspections/${x.id}`}>
                          <Tag color={x.status === 'scheduled' ? (isNightHour(at.hour) ? 'geekblue' : 'blue') : undefined} style={{ marginInlineEnd: 0 }} icon={isNightHour(at.hour) ? <MoonOutlined /> : undefined}>
                            {at.day.slice(5)} {at.hm}
                          </Tag>
                          {x.status === 'scheduled' ? null : <InspectionStatusTag status={x.status} />}
                        </Link>
                      );
                    })}
                  </div>
                </Card>
              ))}
            </div>
          </Col>
        </Row>
      )}
    </Card>
  );
}

export function SchedulePlanner() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const cancelKey = useIdempotencyKey();
  const teams = useQuery({ queryKey: inspectionKeys.teams({}), queryFn: () => listTeams({}) });
  const schedules = useQuery({ queryKey: inspectionKeys.schedules, queryFn: listSchedules });
  const list = schedules.data?.items ?? [];
  const shown = list.find((s) => s.id === shownId) ?? null;

  const generate = useMutation({
    mutationFn: (v: Values) =>
      createSchedule({ teamId: v.teamId, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), visitsPerVillage: v.visitsPerVillage }, key),
    onSuccess: (s) => {
      renew();
      setProblem(null);
      void message.success(t('inspections.plan.generated', { villages: s.villages, inspections: s.inspections }));
      queryClient.setQueryData(inspectionKeys.schedules, (old: typeof schedules.data) => (old ? { ...old, items: [s, ...old.items.filter((x) => x.id !== s.id)] } : old));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      setShownId(s.id);
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelSchedule(id, cancelKey.key),
    onSuccess: () => {
      cancelKey.renew();
      void message.success(t('inspections.plan.cancelled'));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  // Town inspection teams are the ones that make unannounced visits; a village patrol may too.
  const teamOptions = [...(teams.data?.items ?? [])]
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'inspection' ? -1 : 1))
    .map((x) => ({ value: x.id, label: `${x.name}（${x.regionName}）` }));

  return (
    <div className="gg-page">
      <Link to="/inspections"><ArrowLeftOutlined /> {t('inspections.plan.back')}</Link>
      <div className="gg-page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={2}>{t('inspections.plan.title')}</Typography.Title>
      </div>
      <ConfidentialNote />
      <Card style={{ marginBottom: 12 }} styles={{ body: { padding: mobile ? 12 : 24 } }}>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <Form<Values> form={form} layout={mobile ? 'vertical' : 'inline'} initialValues={{ visitsPerVillage: 1, period: [dayjs(), dayjs().add(6, 'day')] }} onFinish={(v) => generate.mutate(v)} style={{ rowGap: 12 }}>
          <Form.Item name="teamId" label={t('inspections.plan.team')} rules={[{ required: true, message: t('validation.required') }]} style={mobile ? undefined : { minWidth: 300 }}>
            <Select options={teamOptions} loading={teams.isPending} placeholder={t('inspections.plan.teamPick')} data-testid="plan-team" />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('inspections.plan.period')}
            extra={mobile ? t('inspections.plan.periodMax', { days: MAX_SCHEDULE_DAYS }) : undefined}
            rules={[
              { required: true, message: t('validation.required') },
              {
                validator: (_, v: [Dayjs, Dayjs] | undefined) =>
                  v && v[1].diff(v[0], 'day') + 1 > MAX_SCHEDULE_DAYS ? Promise.reject(new Error(t('inspections.plan.periodMax', { days: MAX_SCHEDULE_DAYS }))) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker.RangePicker inputReadOnly allowClear={false} style={{ width: mobile ? '100%' : 280 }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="plan-period" />
          </Form.Item>
          <Form.Item name="visitsPerVillage" label={t('inspections.plan.visits')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={1} max={MAX_VISITS_PER_VILLAGE} precision={0} inputMode="numeric" style={{ width: mobile ? '100%' : 100 }} data-testid="plan-visits" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={generate.isPending} block={mobile} size={mobile ? 'large' : 'middle'} data-testid="plan-generate">{t('inspections.plan.generate')}</Button>
          </Form.Item>
        </Form>
      </Card>
      {shown ? <ScheduleView schedule={shown} /> : null}
      <Card size="small" title={t('inspections.plan.schedules')} data-testid="schedule-list">
        {schedules.isError ? <Alert type="error" showIcon title={errorText(schedules.error)} /> : schedules.isPending ? <Spin /> : list.length ? (
          <div className="gg-card-list">
            {list.map((s) => (
              <div key={s.id} style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="schedule-row">
                <div style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <div className="gg-ellipsis"><strong>{s.teamName}</strong> · {s.from} ~ {s.to} {s.cancelledAt ? <Tag>{t('inspections.plan.cancelledTag')}</Tag> : null}</div>
                  <div className="gg-muted" style={{ fontSize: 12 }}>{t('inspections.plan.figures', { villages: s.villages, inspections: s.inspections, night: s.nightVisits })} · {t('inspections.plan.created', { at: formatDateTime(s.createdAt) })}</div>
                </div>
                <div style={{ display: 'flex', gap: 8 }}>
                  <Button size="small" type={s.id === shownId ? 'primary' : 'default'} onClick={() => setShownId(s.id)} data-testid="schedule-view-button">{t('inspections.plan.view')}</Button>
                  {s.cancelledAt ? null : (
                    <Popconfirm title={t('inspections.plan.cancelConfirm')} onConfirm={() => cancel.mutate(s.id)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                      <Button size="small" danger loading={cancel.isPending && cancel.variables === s.id}>{t('inspections.plan.cancel')}</Button>
                    </Popconfirm>
                  )}
                </div>
              </div>
            ))}
          </div>
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.plan.schedulesEmpty')} />}
      </Card>
    </div>
  );
}

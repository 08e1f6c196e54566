// 巡查队伍: the village persuasion patrols and town inspection teams of my region (a table on a
// desk, cards on a phone), a drawer to create one, and each team's page with its members.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, Select, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { PATROL_KINDS, type PatrolKind, type PatrolTeam } from '../../../shared/checkpoints.ts';
import type { RegionLevel } from '../../../shared/regions.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { INSPECTION_EVENT_PREFIXES, type TeamFilter, createTeam, inspectionKeys, listTeams } from './inspections.api.ts';
import { KindTag, useLivePrefixRefresh } from './InspectionTags.tsx';
import { TeamDetailPage } from './TeamDetailPage.tsx';

const TEAM_LEVELS: readonly RegionLevel[] = ['town', 'village'];

function TeamList() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<TeamFilter>({});
  const [creating, setCreating] = useState(false);
  const mayManage = can(me.user.role, 'patrolTeams.manage');
  const teams = useQuery({ queryKey: inspectionKeys.teams(filter), queryFn: () => listTeams(filter) });
  const rows = teams.data?.items ?? [];
  const open = (team: PatrolTeam) => void navigate(`/patrol-teams/${team.id}`);
  const leader = (team: PatrolTeam) => (team.leaderName ? `${team.leaderName}${team.leaderPhone ? ` ${team.leaderPhone}` : ''}` : '—');

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('inspections.teams.title')}</Typography.Title>
        {mayManage ? (
          <Button type="primary" size={mobile ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="team-create">
            {t('inspections.teams.create')}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('inspections.teams.intro')}</Typography.Paragraph>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
          <Select<PatrolKind>
            allowClear
            value={filter.kind}
            onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
            placeholder={t('inspections.teams.filterKind')}
            style={{ flex: '1 1 140px', maxWidth: mobile ? undefined : 200 }}
            options={PATROL_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))}
            data-testid="team-filter-kind"
          />
          <Checkbox checked={Boolean(filter.inactive)} onChange={(e) => setFilter((f) => ({ ...f, inactive: e.target.checked }))}>{t('inspections.teams.showInactive')}</Checkbox>
        </div>
        {teams.isError ? <Alert type="error" showIcon title={errorText(teams.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? (
          teams.isPending ? (
            <Spin style={{ display: 'block', margin: '32px auto' }} />
          ) : rows.length ? (
            <div className="gg-card-list" data-testid="team-cards">
              {rows.map((team) => (
                <Card key={team.id} size="small" onClick={() => open(team)} style={{ cursor: 'pointer' }} data-testid="team-card">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <strong className="gg-ellipsis">{team.name}</strong>
                    <KindTag kind={team.kind} />
                  </div>
                  <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{team.regionName} · {t('inspections.teams.memberCount', { count: team.members })}</div>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
                    <span className="gg-ellipsis">{t('inspections.teams.leader')}：{leader(team)}</span>
                    {team.active ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('common.inactive')}</Tag>}
                  </div>
                </Card>
              ))}
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.teams.empty')} />
          )
        ) : (
          <RecordTable<PatrolTeam>
            rows={rows}
            loading={teams.isPending}
            emptyText={t('inspections.teams.empty')}
            testId="team-table"
            onOpen={open}
            columns={[
              { title: t('inspections.teams.name'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
              { title: t('inspections.teams.kind'), dataIndex: 'kind', render: (v: PatrolKind) => <KindTag kind={v} /> },
              { title: t('inspections.teams.region'), dataIndex: 'regionName' },
              { title: t('inspections.teams.leader'), dataIndex: 'leaderName', render: (_: unknown, r) => leader(r) },
              { title: t('inspections.teams.activeMembers'), dataIndex: 'members', align: 'right' },
              { title: t('common.status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
            ]}
          />
        )}
      </Card>
      <TeamCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

interface TeamValues {
  regionId: number;
  name: string;
  kind: PatrolKind;
  leaderName?: string;
  leaderPhone?: string;
}
const TEAM_FIELDS = ['regionId', 'name', 'kind', 'leaderName', 'leaderPhone'] as const;

function TeamCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<TeamValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const ownFits = (TEAM_LEVELS as readonly string[]).includes(me.region.level);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    // A town's officer most often sets up its inspection team; a village its persuasion patrol.
    form.setFieldsValue({ regionId: ownFits ? me.region.id : undefined, kind: me.region.level === 'village' ? 'persuasion' : 'inspection' });
  }, [open, form, ownFits, me.region.id, me.region.level]);

  const save = useMutation({
    mutationFn: (v: TeamValues) =>
      createTeam({ regionId: v.regionId, name: v.name.trim(), kind: v.kind, leaderName: v.leaderName?.trim() || undefined, leaderPhone: v.leaderPhone?.trim() || undefined }, key),
    onSuccess: () => {
      renew();
      void message.success(t('inspections.teams.created'));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.allTeams });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, TEAM_FIELDS)),
  });

  return (
    <FormDrawer open={open} onClose={onClose} title={t('inspections.teams.create')} saving={save.isPending} onSave={() => form.submit()} saveTestId="team-save" problem={problem}>
      <Form<TeamValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('inspections.teams.region')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionSelect level={TEAM_LEVELS} placeholder={t('inspections.teams.regionPick')} data-testid="team-region" />
        </Form.Item>
        <Form.Item name="name" label={t('inspections.teams.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} placeholder={t('inspections.teams.namePlaceholder')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('inspections.teams.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={PATROL_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))} data-testid="team-kind" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Form.Item name="leaderName" label={t('inspections.teams.leader')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={60} data-testid="team-leader" />
          </Form.Item>
          <Form.Item name="leaderPhone" label={t('inspections.teams.leaderPhone')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={30} inputMode="tel" autoComplete="off" data-testid="team-leader-phone" />
          </Form.Item>
        </div>
      </Form>
    </FormDrawer>
  );
}

export default function PatrolTeamsPage() {
  // Members join, teams switch off elsewhere: the lists follow.
  useLivePrefixRefresh(INSPECTION_EVENT_PREFIXES, inspectionKeys.all);
  return (
    <Routes>
      <Route index element={<TeamList />} />
      <Route path=":teamId" element={<TeamDetailPage />} />
    </Routes>
  );
}

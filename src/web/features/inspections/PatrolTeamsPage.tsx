// 巡查队伍: the village persuasion patrols and town inspection teams of my region (a table on a
// desk, cards on a phone), a drawer to create one, and each team's page with its members.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { PATROL_KINDS, type PatrolKind, type PatrolTeam } from '../../../shared/checkpoints.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { PatrolTeamDrawer } from '../checkpoints/PatrolTeamDrawer.tsx';
import { INSPECTION_EVENT_PREFIXES, type TeamFilter, inspectionKeys, listTeams } from './inspections.api.ts';
import { KindTag } from './InspectionTags.tsx';
import { TeamDetailPage } from './TeamDetailPage.tsx';

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
      <PatrolTeamDrawer
        open={creating}
        onClose={() => setCreating(false)}
        // A town's officer most often sets up its inspection team; a village its persuasion patrol.
        defaultKind={me.region.level === 'village' ? 'persuasion' : 'inspection'}
        invalidates={inspectionKeys.allTeams}
      />
    </div>
  );
}

export default function PatrolTeamsPage() {
  // Members join, teams switch off elsewhere: the lists follow.
  useLiveRefresh({ prefixes: INSPECTION_EVENT_PREFIXES }, inspectionKeys.all);
  return (
    <Routes>
      <Route index element={<TeamList />} />
      <Route path=":teamId" element={<TeamDetailPage />} />
    </Routes>
  );
}

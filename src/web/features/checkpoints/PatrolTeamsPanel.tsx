// 巡查队: the village persuasion patrols and town inspection teams of my region; managers create
// them and switch them on or off (a checkpoint's removal checks they are in place).
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Spin, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatrolKind, PatrolTeam } from '../../../shared/checkpoints.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { checkpointKeys, listPatrolTeams, patchPatrolTeam } from './checkpoints.api.ts';
import { PatrolTeamDrawer } from './PatrolTeamDrawer.tsx';

function KindTag({ kind }: { kind: PatrolKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'inspection' ? 'geekblue' : 'cyan'} style={{ marginInlineEnd: 0 }}>{t(`checkpoints.kind.${kind}`)}</Tag>;
}

function ActiveSwitch({ team, disabled }: { team: PatrolTeam; disabled: boolean }) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const toggle = useMutation({
    mutationFn: (active: boolean) => patchPatrolTeam(team.id, { active }, key),
    onSuccess: () => {
      renew();
      void queryClient.invalidateQueries({ queryKey: checkpointKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return <Switch size="small" checked={team.active} disabled={disabled} loading={toggle.isPending} onChange={(v, e) => { e.stopPropagation(); toggle.mutate(v); }} />;
}

export function PatrolTeamsPanel({ mobile, mayManage }: { mobile: boolean; mayManage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const teams = useInfiniteQuery({
    queryKey: checkpointKeys.teams,
    queryFn: ({ pageParam }) => listPatrolTeams({ cursor: pageParam, limit: 100 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = teams.data?.pages.flatMap((p) => p.items) ?? [];
  const dash = <span className="gg-muted">—</span>;

  return (
    <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <span className="gg-muted">{t('checkpoints.teamsIntro')}</span>
        {mayManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="team-create">{t('checkpoints.teamCreate')}</Button> : null}
      </div>
      {teams.isError ? <Alert type="error" showIcon title={errorText(teams.error)} style={{ marginBottom: 16 }} /> : null}
      {mobile ? (
        teams.isPending ? (
          <Spin style={{ display: 'block', margin: '32px auto' }} />
        ) : rows.length ? (
          <div className="gg-card-list" data-testid="team-cards">
            {rows.map((team) => (
              <Card key={team.id} size="small">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                  <strong className="gg-ellipsis">{team.name}</strong>
                  <KindTag kind={team.kind} />
                </div>
                <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{team.regionName} · {t('checkpoints.memberCount', { count: team.members })}</div>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13, alignItems: 'center' }}>
                  <span className="gg-ellipsis">{team.leaderName ?? '—'}{team.leaderPhone ? ` ${team.leaderPhone}` : ''}</span>
                  <ActiveSwitch team={team} disabled={!mayManage} />
                </div>
              </Card>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.teamsEmpty')} />
        )
      ) : (
        <Table<PatrolTeam>
          rowKey="id"
          size="middle"
          loading={teams.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.teamsEmpty')} /> }}
          data-testid="team-table"
          columns={[
            { title: t('checkpoints.teamName'), dataIndex: 'name' },
            { title: t('checkpoints.teamKind'), dataIndex: 'kind', render: (v: PatrolKind) => <KindTag kind={v} /> },
            { title: t('checkpoints.region'), dataIndex: 'regionName' },
            { title: t('checkpoints.leader'), dataIndex: 'leaderName', render: (v: string | null, r) => (v ? `${v}${r.leaderPhone ? ` ${r.leaderPhone}` : ''}` : dash) },
            { title: t('checkpoints.members'), dataIndex: 'members', align: 'right' },
            { title: t('checkpoints.teamActive'), dataIndex: 'active', render: (_: boolean, r) => <ActiveSwitch team={r} disabled={!mayManage} /> },
          ]}
        />
      )}
      {teams.hasNextPage ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void teams.fetchNextPage()} loading={teams.isFetchingNextPage}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
      <PatrolTeamDrawer open={creating} onClose={() => setCreating(false)} defaultKind="persuasion" withMemberCount invalidates={checkpointKeys.all} />
    </Card>
  );
}

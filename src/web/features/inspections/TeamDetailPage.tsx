// A patrol team's page: the team, and its members (name, role, work phone, linked account,
// active) — managers add, edit and deactivate them. A member linked to an account sees the
// team's confidential schedule, so the link is shown plainly.
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Popconfirm, Select, Spin, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PatrolTeam } from '../../../shared/checkpoints.ts';
import { MEMBER_ROLES, type MemberRole, type PatrolTeamMember } from '../../../shared/inspections.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { AccountSelect } from './AccountSelect.tsx';
import { addMember, inspectionKeys, listMembers, listTeams, patchMember, patchTeam } from './inspections.api.ts';
import { KindTag } from './InspectionTags.tsx';

function MemberActiveButton({ teamId, member }: { teamId: string; member: PatrolTeamMember }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const toggle = useMutation({
    mutationFn: () => patchMember(teamId, member.id, { active: !member.active }, key),
    onSuccess: () => {
      renew();
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const button = (
    <Button size="small" danger={member.active} loading={toggle.isPending} onClick={(e) => { e.stopPropagation(); if (!member.active) toggle.mutate(); }} data-testid="member-toggle">
      {member.active ? t('inspections.teams.memberDeactivate') : t('inspections.teams.memberActivate')}
    </Button>
  );
  // Deactivating hides the schedule from the member's account: asked once more.
  if (!member.active) return button;
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Popconfirm title={t('inspections.teams.memberDeactivateConfirm', { name: member.name })} onConfirm={() => toggle.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
        {button}
      </Popconfirm>
    </span>
  );
}

/** A team switched off drops out of schedules and coverage checks; its members stay listed. */
function TeamActiveSwitch({ team, disabled }: { team: PatrolTeam; disabled: boolean }) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { key, renew } = useIdempotencyKey();
  const toggle = useMutation({
    mutationFn: (active: boolean) => patchTeam(team.id, { active }, key),
    onSuccess: () => {
      renew();
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return <Switch size="small" checked={team.active} disabled={disabled} loading={toggle.isPending} onChange={(v) => toggle.mutate(v)} data-testid="team-active" />;
}

export function TeamDetailPage() {
  const me = useMe();
  const { teamId = '' } = useParams();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const mayManage = can(me.user.role, 'patrolTeams.manage');
  const [editing, setEditing] = useState<PatrolTeamMember | 'new' | null>(null);
  // There is no GET of one team: the list of my region's teams (inactive too) holds it.
  const teams = useQuery({ queryKey: inspectionKeys.teams({ inactive: true }), queryFn: () => listTeams({ inactive: true }) });
  const team = teams.data?.items.find((x) => x.id === teamId);
  const members = useQuery({ queryKey: inspectionKeys.members(teamId), queryFn: () => listMembers(teamId) });
  const rows = members.data?.items ?? [];
  const dash = '—';
  const roleTag = (role: MemberRole) => <Tag color={role === 'leader' ? 'gold' : role === 'police' ? 'blue' : role === 'medical' ? 'green' : undefined} style={{ marginInlineEnd: 0 }}>{t(`inspections.memberRoles.${role}`)}</Tag>;
  const account = (m: PatrolTeamMember) => (m.userId ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{m.userName ?? m.userId.slice(0, 8)}</Tag> : <span className="gg-muted">{t('inspections.teams.memberAccountNone')}</span>);

  return (
    <div className="gg-page">
      <Link to="/patrol-teams"><ArrowLeftOutlined /> {t('inspections.teams.back')}</Link>
      <div className="gg-page-title" style={{ marginTop: 8 }}>
        <Typography.Title level={2}>{team?.name ?? t('inspections.teams.title')}</Typography.Title>
        {mayManage ? (
          <Button type="primary" size={mobile ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="member-add">
            {t('inspections.teams.memberAdd')}
          </Button>
        ) : null}
      </div>
      {teams.isError ? <Alert type="error" showIcon title={errorText(teams.error)} style={{ marginBottom: 12 }} /> : null}
      {teams.isPending ? <Spin /> : team ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={mobile ? 1 : 5} data-testid="team-info">
            <Descriptions.Item label={t('inspections.teams.kind')}><KindTag kind={team.kind} /></Descriptions.Item>
            <Descriptions.Item label={t('inspections.teams.region')}>{team.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.teams.leader')}>{team.leaderName ? `${team.leaderName}${team.leaderPhone ? ` ${team.leaderPhone}` : ''}` : dash}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.teams.activeMembers')}>{team.members}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.teams.active')}><TeamActiveSwitch team={team} disabled={!mayManage} /></Descriptions.Item>
          </Descriptions>
        </Card>
      ) : members.isError ? null : <Alert type="warning" showIcon title={t('inspections.teams.notFound')} style={{ marginBottom: 12 }} />}
      <Card title={t('inspections.teams.members')} styles={{ body: { padding: mobile ? 12 : 24 } }}>
        {members.isError ? <Alert type="error" showIcon title={errorText(members.error)} style={{ marginBottom: 12 }} /> : null}
        {mobile ? (
          members.isPending ? <Spin style={{ display: 'block', margin: '32px auto' }} /> : rows.length ? (
            <div className="gg-card-list" data-testid="member-cards">
              {rows.map((m) => (
                <Card key={m.id} size="small" onClick={mayManage ? () => setEditing(m) : undefined} style={{ cursor: mayManage ? 'pointer' : undefined, opacity: m.active ? 1 : 0.6 }} data-testid="member-card">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <strong className="gg-ellipsis">{m.name}</strong>
                    {roleTag(m.role)}
                  </div>
                  <div style={{ fontSize: 13, marginTop: 4 }}>{m.phone ? <a href={`tel:${m.phone}`} onClick={(e) => e.stopPropagation()}>{m.phone}</a> : <span className="gg-muted">{dash}</span>}</div>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, alignItems: 'center' }}>
                    <span className="gg-ellipsis">{account(m)}</span>
                    {mayManage ? <MemberActiveButton teamId={teamId} member={m} /> : m.active ? null : <Tag>{t('inspections.teams.memberInactive')}</Tag>}
                  </div>
                </Card>
              ))}
            </div>
          ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.teams.membersEmpty')} />
        ) : (
          <RecordTable<PatrolTeamMember>
            rows={rows}
            loading={members.isPending}
            emptyText={t('inspections.teams.membersEmpty')}
            testId="member-table"
            onOpen={mayManage ? setEditing : undefined}
            columns={[
              { title: t('inspections.teams.memberName'), dataIndex: 'name' },
              { title: t('inspections.teams.memberRole'), dataIndex: 'role', render: (v: MemberRole) => roleTag(v) },
              { title: t('inspections.teams.memberPhone'), dataIndex: 'phone', render: (v: string | null) => v ?? dash },
              { title: t('inspections.teams.memberAccount'), dataIndex: 'userId', render: (_: unknown, m) => account(m) },
              { title: t('inspections.teams.memberJoined'), dataIndex: 'joinedOn', render: (v: string | null) => v ?? dash },
              { title: t('common.status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="success">{t('inspections.teams.memberActive')}</Tag> : <Tag>{t('inspections.teams.memberInactive')}</Tag>) },
              ...(mayManage ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, m: PatrolTeamMember) => <MemberActiveButton teamId={teamId} member={m} /> }] : []),
            ]}
          />
        )}
      </Card>
      <MemberDrawer teamId={teamId} teamRegionId={team?.regionId} member={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

interface MemberValues {
  name: string;
  role: MemberRole;
  phone?: string;
  userId?: string | null;
  joinedOn?: Dayjs | null;
}
const MEMBER_FIELDS = ['name', 'role', 'phone', 'userId', 'joinedOn'] as const;

function MemberDrawer({ teamId, teamRegionId, member, onClose }: { teamId: string; teamRegionId?: number; member: PatrolTeamMember | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<MemberValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const open = member !== null;
  const existing = member && member !== 'new' ? member : null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (existing) form.setFieldsValue({ name: existing.name, role: existing.role, phone: existing.phone ?? undefined, userId: existing.userId, joinedOn: existing.joinedOn ? dayjs(existing.joinedOn) : null });
    else form.setFieldsValue({ role: 'cadre', joinedOn: dayjs() });
  }, [open, existing, form]);

  const save = useMutation({
    mutationFn: (v: MemberValues) => {
      const phone = v.phone?.trim() || undefined;
      if (existing) return patchMember(teamId, existing.id, { name: v.name.trim(), role: v.role, phone: phone ?? null, userId: v.userId ?? null }, key);
      return addMember(teamId, { name: v.name.trim(), role: v.role, phone, userId: v.userId ?? undefined, joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : undefined }, key);
    },
    onSuccess: () => {
      renew();
      void message.success(existing ? t('inspections.teams.memberSaved') : t('inspections.teams.memberAdded'));
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, MEMBER_FIELDS)),
  });

  return (
    <FormDrawer open={open} onClose={onClose} title={existing ? t('inspections.teams.memberEdit') : t('inspections.teams.memberAdd')} saving={save.isPending} onSave={() => form.submit()} saveTestId="member-save" problem={problem}>
      <Form<MemberValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('inspections.teams.memberName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={60} data-testid="member-name" />
        </Form.Item>
        <Form.Item name="role" label={t('inspections.teams.memberRole')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`inspections.memberRoles.${r}`) }))} data-testid="member-role" />
        </Form.Item>
        <Form.Item name="phone" label={t('inspections.teams.memberPhone')}>
          <Input maxLength={30} inputMode="tel" autoComplete="off" data-testid="member-phone" />
        </Form.Item>
        <Form.Item name="userId" label={t('inspections.teams.memberAccount')} extra={t('inspections.teams.memberAccountHint')}>
          <AccountSelect testId="member-account" boundTo={teamRegionId} placeholder={t('inspections.teams.memberAccountNone')} current={existing?.userId ? { id: existing.userId, name: existing.userName ?? existing.userId } : null} />
        </Form.Item>
        {existing ? null : (
          <Form.Item name="joinedOn" label={t('inspections.teams.memberJoined')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}

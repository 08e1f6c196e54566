// Creating a patrol team (巡查队): one form for the checkpoints page's team panel and the patrol
// teams page of the inspections module; both post the same team, each refreshes its own list.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PATROL_KINDS, type PatrolKind } from '../../../shared/checkpoints.ts';
import type { RegionLevel } from '../../../shared/regions.ts';
import { useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { createPatrolTeam } from './checkpoints.api.ts';

/** Teams belong to a town (inspection teams) or a village (persuasion patrols). */
export const TEAM_LEVELS: readonly RegionLevel[] = ['town', 'village'];

interface TeamValues {
  regionId: number;
  name: string;
  kind: PatrolKind;
  leaderName?: string;
  leaderPhone?: string;
  members?: number | null;
}
const TEAM_FIELDS = ['regionId', 'name', 'kind', 'leaderName', 'leaderPhone', 'members'] as const;

export interface PatrolTeamDrawerProps {
  open: boolean;
  onClose: () => void;
  defaultKind: PatrolKind;
  /** Ask for a head count; without it the count follows the team's member list (inspections). */
  withMemberCount?: boolean;
  /** The list queries to refetch once the team exists. */
  invalidates: QueryKey;
}

export function PatrolTeamDrawer({ open, onClose, defaultKind, withMemberCount = false, invalidates }: PatrolTeamDrawerProps) {
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
    form.setFieldsValue({ regionId: ownFits ? me.region.id : undefined, kind: defaultKind, ...(withMemberCount ? { members: 5 } : {}) });
  }, [open, form, ownFits, me.region.id, defaultKind, withMemberCount]);

  const save = useMutation({
    mutationFn: (v: TeamValues) =>
      createPatrolTeam(
        {
          regionId: v.regionId,
          name: v.name.trim(),
          kind: v.kind,
          leaderName: v.leaderName?.trim() || undefined,
          leaderPhone: v.leaderPhone?.trim() || undefined,
          members: withMemberCount && typeof v.members === 'number' ? v.members : undefined,
        },
        key,
      ),
    onSuccess: () => {
      renew();
      void message.success(t('checkpoints.teamCreated'));
      void queryClient.invalidateQueries({ queryKey: invalidates });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, TEAM_FIELDS)),
  });

  return (
    <FormDrawer open={open} onClose={onClose} title={t('checkpoints.teamCreate')} saving={save.isPending} onSave={() => form.submit()} saveTestId="team-save" problem={problem}>
      <Form<TeamValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('checkpoints.region')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionSelect level={TEAM_LEVELS} placeholder={t('checkpoints.teamRegionPick')} data-testid="team-region" />
        </Form.Item>
        <Form.Item name="name" label={t('checkpoints.teamName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} placeholder={t('checkpoints.teamNamePlaceholder')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('checkpoints.teamKind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={PATROL_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))} data-testid="team-kind" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Form.Item name="leaderName" label={t('checkpoints.leader')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={60} data-testid="team-leader" />
          </Form.Item>
          <Form.Item name="leaderPhone" label={t('checkpoints.leaderPhone')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={30} inputMode="tel" autoComplete="off" data-testid="team-leader-phone" />
          </Form.Item>
        </div>
        {withMemberCount ? (
          <Form.Item name="members" label={t('checkpoints.members')}>
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}

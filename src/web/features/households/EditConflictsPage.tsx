// 编辑冲突: for the grid leader (and above, in their subtree). Two edits changed the same field to
// different values; the server kept its value and the proposed one waits here to be taken or
// dropped. Numbers are masked on both sides.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EditConflict } from '../../../shared/households.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/errors.ts';
import { newIdempotencyKey } from '../../lib/api.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { displayValue, fieldLabel } from '../../../client/edit-values.ts';
import { translateOf } from '../../lib/errors.ts';
import { householdKeys, listEditConflicts, resolveEditConflict } from './households.api.ts';

export default function EditConflictsPage() {
  const { t, i18n } = useTranslation();
  const tr = translateOf(t);
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const conflicts = useQuery({ queryKey: householdKeys.conflicts, queryFn: listEditConflicts });
  const resolve = useMutation({
    // One decision is one action: a fresh key each, so a double tap is answered once.
    mutationFn: ({ id, resolution }: { id: string; resolution: 'take' | 'keep' }) => resolveEditConflict(id, resolution, newIdempotencyKey()),
    onSuccess: (r) => {
      void message.success(t(r.resolution === 'take' ? 'householdEdit.taken' : 'householdEdit.kept'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const rows = conflicts.data?.items ?? [];
  const value = (c: EditConflict, v: unknown) => displayValue(tr, i18n.language, c.field, v);
  const record = (c: EditConflict) => (
    <Space size={4} wrap>
      <Tag style={{ marginInlineEnd: 0 }}>{t(c.entity === 'person' ? 'householdEdit.entityPerson' : 'householdEdit.entityHousehold')}</Tag>
      {c.householdId ? <Link to={`/households/${c.householdId}`}>{c.label ?? '—'}</Link> : <span>{c.label ?? '—'}</span>}
    </Space>
  );
  const actions = (c: EditConflict) => (
    <Space wrap>
      <Button size="small" type="primary" loading={resolve.isPending && resolve.variables.id === c.id} onClick={() => resolve.mutate({ id: c.id, resolution: 'take' })} data-testid="conflict-take">
        {t('householdEdit.take')}
      </Button>
      <Button size="small" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, resolution: 'keep' })} data-testid="conflict-keep">
        {t('householdEdit.keep')}
      </Button>
    </Space>
  );

  return (
    <div className="gg-page" data-testid="edit-conflicts">
      <div className="gg-page-title">
        <Space size={8}>
          <Link to="/households" aria-label={t('households.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2}>{t('householdEdit.conflictsTitle')}</Typography.Title>
        </Space>
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <Typography.Paragraph type="secondary">{t('householdEdit.conflictsIntro')}</Typography.Paragraph>
        {conflicts.isError ? <Alert type="error" showIcon title={errorText(conflicts.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? (
          <List<EditConflict>
            loading={conflicts.isPending}
            dataSource={rows}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('householdEdit.conflictsEmpty')} /> }}
            renderItem={(c) => (
              <List.Item data-testid="conflict-row" style={{ display: 'block' }}>
                <div style={{ marginBottom: 6 }}>{record(c)} · <strong>{fieldLabel(tr, c.field)}</strong></div>
                <div style={{ fontSize: 13 }}>{t('householdEdit.serverValue')}：<span className="gg-mono" data-testid="conflict-current">{value(c, c.current)}</span></div>
                <div style={{ fontSize: 13 }}>{t('householdEdit.proposedValue')}：<span className="gg-mono" data-testid="conflict-proposed">{value(c, c.proposed)}</span></div>
                <div className="gg-muted" style={{ fontSize: 12, margin: '4px 0 8px' }}>{c.userName ?? t('householdEdit.unknownUser')} · {formatDateTime(c.at)}</div>
                {actions(c)}
              </List.Item>
            )}
          />
        ) : (
          <Table<EditConflict>
            rowKey="id"
            loading={conflicts.isPending}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('householdEdit.conflictsEmpty')} /> }}
            onRow={() => ({ 'data-testid': 'conflict-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('householdEdit.record'), key: 'record', render: (_, c) => record(c) },
              { title: t('householdEdit.field'), key: 'field', render: (_, c) => fieldLabel(tr, c.field) },
              { title: t('householdEdit.serverValue'), key: 'current', render: (_, c) => <span className="gg-mono" data-testid="conflict-current">{value(c, c.current)}</span> },
              { title: t('householdEdit.proposedValue'), key: 'proposed', render: (_, c) => <span className="gg-mono" data-testid="conflict-proposed">{value(c, c.proposed)}</span> },
              { title: t('householdEdit.proposedBy'), key: 'by', render: (_, c) => c.userName ?? t('householdEdit.unknownUser') },
              { title: t('householdEdit.proposedAt'), key: 'at', render: (_, c) => formatDateTime(c.at) },
              { title: t('householdEdit.actions'), key: 'actions', render: (_, c) => actions(c) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

// 撤除记录: openings and removals of my region's checkpoints, newest first.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { checkpointKeys, listHistory } from './checkpoints.api.ts';

export function HistoryPanel({ mobile, onOpen }: { mobile: boolean; onOpen: (checkpointId: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const history = useInfiniteQuery({
    queryKey: checkpointKeys.history,
    queryFn: ({ pageParam }) => listHistory({ cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
      {history.isError ? <Alert type="error" showIcon title={errorText(history.error)} style={{ marginBottom: 16 }} /> : null}
      {history.isPending ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.historyEmpty')} />
      ) : (
        <List
          data-testid="checkpoint-history-list"
          dataSource={rows}
          renderItem={(e) => (
            <List.Item key={e.id} style={{ cursor: 'pointer', display: 'block' }} onClick={() => onOpen(e.checkpointId)}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', minWidth: 0 }}>
                <span style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }}>
                  <Tag color={e.kind === 'removed' ? 'green' : 'blue'} style={{ marginInlineEnd: 0, flex: 'none' }}>{t(`checkpoints.event.${e.kind}`)}</Tag>
                  <strong className="gg-ellipsis">{e.checkpointName}</strong>
                </span>
                <span className="gg-muted" style={{ flex: 'none', fontSize: 13 }}>{formatDateTime(e.at)}</span>
              </div>
              <div className="gg-muted gg-ellipsis" style={{ fontSize: 13, marginTop: 2 }}>
                {e.regionName} · {e.by ?? t('checkpoints.system')}{e.note ? ` · ${e.note}` : ''}
              </div>
              {e.overrideReason ? (
                <Typography.Text type="warning" style={{ fontSize: 13 }}>{t('checkpoints.overrideLine', { reason: e.overrideReason })}</Typography.Text>
              ) : null}
            </List.Item>
          )}
        />
      )}
      {history.hasNextPage ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </Card>
  );
}

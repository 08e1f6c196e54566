// The body of every cursor-paged list page: the load error, then cards on a phone (a spinner
// while the first page loads, an empty state in words) or the RecordTable on a desk, and a
// "load more" button while the server has another page.
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './errors.ts';
import { RecordTable, type RecordTableProps } from './RecordTable.tsx';

/** What PagedRecords reads of a useCursorList `list` (react-query's infinite query). */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface Props<T> extends Pick<RecordTableProps<T>, 'columns' | 'testId' | 'onOpen' | 'rowSelection'> {
  mobile: boolean;
  list: PagedQuery;
  rows: T[];
  emptyText: string;
  /** The phone's cards for the rows loaded so far (never called with no rows). */
  cards: (rows: T[]) => ReactNode;
  /** A module whose errors need their own wording (quarantine) passes its own. */
  errorText?: (err: unknown) => string;
}

export function LoadMore({ list }: { list: PagedQuery }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>
    </div>
  );
}

export function PagedRecords<T extends { id: string }>({ mobile, list, rows, emptyText, cards, errorText, columns, testId, onOpen, rowSelection }: Props<T>) {
  const sharedErrorText = useErrorText();
  const describe = errorText ?? sharedErrorText;
  return (
    <>
      {list.isError ? <Alert type="error" showIcon title={describe(list.error)} style={{ marginBottom: 16 }} /> : null}
      {mobile ? (
        list.isPending ? <Spin style={{ display: 'block', margin: '32px auto' }} /> : rows.length ? cards(rows) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <RecordTable<T> rows={rows} loading={list.isPending} emptyText={emptyText} testId={testId} onOpen={onOpen} columns={columns} rowSelection={rowSelection} />
      )}
      <LoadMore list={list} />
    </>
  );
}

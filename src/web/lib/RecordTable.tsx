// The desktop list of records every list page shows (households, forms, checkpoints, accounts):
// no paging of its own (the page pages with "load more"), scrolling sideways rather than
// squeezing columns, an empty state in words, and optionally the whole row opening the record.
import { Empty, Table, type TableColumnsType, type TableProps } from 'antd';

export interface RecordTableProps<T> {
  rows: T[];
  loading: boolean;
  columns: TableColumnsType<T>;
  emptyText: string;
  testId: string;
  onOpen?: (row: T) => void;
  /** Check boxes for work on several rows at once (bulk actions). */
  rowSelection?: TableProps<T>['rowSelection'];
}

export function RecordTable<T extends { id: string }>({ rows, loading, columns, emptyText, testId, onOpen, rowSelection }: RecordTableProps<T>) {
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={onOpen ? (row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } }) : undefined}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      rowSelection={rowSelection}
      data-testid={testId}
      columns={columns}
    />
  );
}

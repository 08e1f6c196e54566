// The red and yellow people of the region with the reasons: a table on a desk, cards on a phone.
import { Alert, Card, Empty, List, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskPerson } from '../../../shared/risk.ts';
import { countyTime } from '../../lib/countyTime.ts';
import { useErrorText } from '../../lib/errors.ts';
import { LoadMore } from '../../lib/PagedRecords.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { listRiskPersons, riskKeys } from './risk.api.ts';
import { RiskTag } from './RiskTag.tsx';

type Filter = 'all' | 'red' | 'yellow';

export function RiskPersonList({ regionId, mobile }: { regionId: number; mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<Filter>('all');
  const colour = filter === 'all' ? undefined : filter;
  const { list, rows: persons } = useCursorList(riskKeys.persons(regionId, colour), (cursor) => listRiskPersons({ regionId, colour, cursor, limit: 50 }));
  const rows = persons.map((p) => ({ ...p, id: p.personId }));
  return (
    <Card title={t('risk.list')} styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t('risk.all') },
          { value: 'red', label: t('risk.colours.red') },
          { value: 'yellow', label: t('risk.colours.yellow') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="risk-filter"
      />
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} /> : null}
      {/* Not PagedRecords: on a phone an antd List shows the persons, with its own loading and empty state. */}
      {mobile ? (
        <List<RiskPerson & { id: string }>
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.empty')} /> }}
          data-testid="risk-persons"
          renderItem={(p) => (
            <List.Item key={p.id}>
              <List.Item.Meta title={p.name} description={<><div className="gg-muted">{p.regionName}</div><RiskTag colour={p.colour} reasons={p.reasons} /></>} />
            </List.Item>
          )}
        />
      ) : (
        <RecordTable
          rows={rows}
          loading={list.isPending}
          emptyText={t('risk.empty')}
          testId="risk-persons"
          columns={[
            { title: t('risk.name'), dataIndex: 'name', key: 'name' },
            { title: t('risk.region'), dataIndex: 'regionName', key: 'region' },
            { title: t('risk.colour'), key: 'colour', render: (_: unknown, p) => <RiskTag colour={p.colour} reasons={p.reasons} showReasons={false} /> },
            { title: t('risk.reasons'), key: 'reasons', render: (_: unknown, p) => <span data-testid="risk-reasons">{p.reasons.join('、')}</span> },
            { title: t('risk.computedAt'), key: 'at', render: (_: unknown, p) => { const at = countyTime(p.computedAt); return `${at.day} ${at.hm}`; } },
          ]}
        />
      )}
      <LoadMore list={list} />
    </Card>
  );
}

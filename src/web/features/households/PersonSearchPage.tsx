// 人员查询: one box finding people of my subtree by name, address, or a whole ID or mobile
// number (the server tells which it searched); numbers masked; a row opens the household.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { FileProtectOutlined, UserOutlined } from '@ant-design/icons';
import { ACCESS_REQUEST_ROLES } from '../../../shared/person-access.ts';
import { useMe } from '../../app/auth.tsx';
import { AccessRequestModal } from '../person-access/AccessRequestModal.tsx';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useState } from 'react';
import { PERSON_SEARCH_MODES, type PersonSearchHit, type PersonSearchMode } from '../../../shared/person-search.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionFilter } from '../../lib/RegionFilter.tsx';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { householdKeys, searchPersons } from './households.api.ts';
import { ExportButton } from '../../lib/ExportButton.tsx';
import { ListTotal } from '../../lib/ListTotal.tsx';

const PAGE = 50;

export default function PersonSearchPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { regionId, setRegionId } = useUrlFilters();
  // The typed text stays in the page's state, never the URL: it may be an ID or phone number. A
  // page that links here with a name (包保责任落实情况) passes it in the history state instead.
  const given = (useLocation().state as { q?: unknown } | null)?.q;
  const start = typeof given === 'string' ? given : '';
  const [text, setText] = useState(start);
  const [q, setQ] = useState(start);
  const [by, setBy] = useState<PersonSearchMode>('auto');
  // 个人信息查阅复制: the roles that read full records.
  const mayRequestAccess = ACCESS_REQUEST_ROLES.includes(useMe().user.role);
  const [accessOpen, setAccessOpen] = useState(false);

  const search = useInfiniteQuery({
    queryKey: [...householdKeys.all, 'search', q, by, regionId ?? 0],
    queryFn: ({ pageParam }) => searchPersons({ q, by, regionId, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.length > 0,
  });
  const rows = search.data?.pages.flatMap((p) => p.items) ?? [];
  const matchedBy = search.data?.pages[0]?.matchedBy;
  // Without a household: a person who left (or was handed over out of it): their departure page says which.
  const open = (p: PersonSearchHit) => void navigate(p.householdId ? `/households/${p.householdId}` : `/persons/${p.id}/departure`);
  const category = (p: PersonSearchHit) => t(`persons.categories.${p.category}`);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('personSearch.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/exports" file="/exports/summary.xlsx" filters={{ regionId }} label={t('exports.summary')} testId="export-summary" />
          <ExportButton list="/persons" filters={{ regionId }} revealable testId="export-persons" />
          {mayRequestAccess ? <Button icon={<FileProtectOutlined />} onClick={() => setAccessOpen(true)} data-testid="access-request">{t('personAccess.open')}</Button> : null}
        </Space>
        <AccessRequestModal open={accessOpen} onClose={() => setAccessOpen(false)} />
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('personSearch.intro')}</Typography.Paragraph>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select<PersonSearchMode>
            value={by}
            onChange={setBy}
            style={{ flex: mobile ? '1 1 100%' : '0 0 150px' }}
            options={PERSON_SEARCH_MODES.map((m) => ({ value: m, label: t(`personSearch.by.${m}`) }))}
            data-testid="person-search-by"
          />
          <Input.Search
            allowClear
            value={text}
            maxLength={100}
            autoFocus
            enterButton={t('personSearch.search')}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setQ(v.trim())}
            placeholder={t('personSearch.placeholder')}
            style={{ flex: '1 1 260px', maxWidth: mobile ? undefined : 520 }}
            data-testid="person-search"
          />
          <RegionFilter value={regionId} onChange={setRegionId} mobile={mobile} testId="person-search-place" />
        </div>
        {q && search.isSuccess ? (
          <Space size={8} wrap style={{ marginBottom: 12 }} data-testid="person-search-summary">
            {matchedBy ? <Tag color="blue">{t(`personSearch.matched.${matchedBy}`)}</Tag> : null}
            <ListTotal total={search.data?.pages[0]?.total} testId="person-search-total" />
            <span className="gg-muted">
              {t('personSearch.shown', { count: rows.length })}
              {search.hasNextPage ? t('personSearch.more') : ''}
            </span>
          </Space>
        ) : null}
        {!q ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('personSearch.hint')} />
        ) : (
          <PagedRecords<PersonSearchHit>
            mobile={mobile}
            list={search}
            rows={rows}
            emptyText={t('personSearch.empty')}
            testId="person-search-table"
            onOpen={open}
            cards={(list) => (
              <div className="gg-card-list" data-testid="person-search-cards">
                {list.map((p) => (
                  <Card key={p.id} size="small" hoverable onClick={() => open(p)}>
                    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                      <Avatar style={{ background: '#1f5fbf', flex: 'none' }} icon={<UserOutlined />} />
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                          <strong className="gg-ellipsis">{p.name}</strong>
                          <span style={{ flex: 'none' }}>
                            {p.keyPerson ? <Tag color="red">{t('persons.keyPersonTag')}</Tag> : null}
                            <Tag style={{ marginInlineEnd: 0 }}>{category(p)}</Tag>
                          </span>
                        </div>
                        <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{p.address ?? t('personSearch.noHousehold')}</div>
                        {p.idNumber || p.phone ? (
                          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', fontSize: 13, marginTop: 4 }}>
                            {p.idNumber ? <span>{p.idNumber}</span> : null}
                            {p.phone ? <span>{p.phone}</span> : null}
                          </div>
                        ) : null}
                      </div>
                    </div>
                  </Card>
                ))}
              </div>
            )}
            columns={[
              {
                title: t('persons.name'),
                dataIndex: 'name',
                render: (v: string, p) => (
                  <span>
                    <a>{v}</a>
                    {p.keyPerson ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('persons.keyPersonTag')}</Tag> : null}
                  </span>
                ),
              },
              { title: t('persons.category'), dataIndex: 'category', render: (_: unknown, p) => <Tag>{category(p)}</Tag> },
              { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
              { title: t('persons.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              { title: t('personSearch.address'), dataIndex: 'address', render: (v: string | null) => v ?? <span className="gg-muted">{t('personSearch.noHousehold')}</span> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

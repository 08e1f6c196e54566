// A person's hand-overs (人员移交) between grids, for an access request.
import { type PersonRecordSection, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { regionNames } from '../regions/regions.queries.ts';

export const handoversPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'handovers',
    title: '人员移交',
    columns: ['编号', '移出网格', '接收网格', '原因', '状态', '拒收原因', '发起人', '发起时间', '处理人', '处理时间'],
    async rows(db, subject) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('handovers as h')
        .select(['h.number', 'h.from_region_id', 'h.to_region_id', 'h.reason', 'h.status', 'h.refuse_reason', displayNameOf('h.proposed_by').as('proposer'), 'h.proposed_at', displayNameOf('h.decided_by').as('decider'), 'h.decided_at'])
        .where('h.person_id', 'in', subject.personIds)
        .orderBy('h.proposed_at')
        .execute();
      const names = await regionNames(db, rows.flatMap((h) => [h.from_region_id, h.to_region_id]));
      return rows.map((h) => [h.number, names.get(h.from_region_id) ?? null, names.get(h.to_region_id) ?? null, h.reason, h.status, h.refuse_reason, h.proposer, whenOf(h.proposed_at), h.decider, whenOf(h.decided_at)]);
    },
  },
];

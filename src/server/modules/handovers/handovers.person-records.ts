// A person's hand-overs (人员移交) between grids, for an access request.
import { type PersonRecordSection, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

export const handoversPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'handovers',
    title: '人员移交',
    columns: ['编号', '移出网格', '接收网格', '原因', '状态', '拒收原因', '发起人', '发起时间', '处理人', '处理时间'],
    async rows(db, subject) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('handovers as h')
        .innerJoin('regions as f', 'f.id', 'h.from_region_id')
        .innerJoin('regions as t', 't.id', 'h.to_region_id')
        .select(['h.number', 'f.name as from_name', 't.name as to_name', 'h.reason', 'h.status', 'h.refuse_reason', displayNameOf('h.proposed_by').as('proposer'), 'h.proposed_at', displayNameOf('h.decided_by').as('decider'), 'h.decided_at'])
        .where('h.person_id', 'in', subject.personIds)
        .orderBy('h.proposed_at')
        .execute();
      return rows.map((h) => [h.number, h.from_name, h.to_name, h.reason, h.status, h.refuse_reason, h.proposer, whenOf(h.proposed_at), h.decider, whenOf(h.decided_at)]);
    },
  },
];

// Who is responsible for a person (包保责任人), and where the person is someone's contact, for an access request.
import { type PersonRecordSection, openOrNull, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

export const responsibilityPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'responsible_members',
    title: '包保责任人',
    columns: ['角色', '责任人', '联系电话', '开始', '结束', '结束原因'],
    async rows(db, subject, crypto) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('responsible_members as m')
        .select(['m.role', 'm.name', displayNameOf('m.user_id').as('account'), 'm.phone_enc', 'm.from_at', 'm.to_at', 'm.end_reason'])
        .where('m.person_id', 'in', subject.personIds)
        .orderBy('m.from_at')
        .execute();
      return rows.map((m) => [m.role, m.account ?? m.name, openOrNull(crypto, m.phone_enc), whenOf(m.from_at), whenOf(m.to_at), m.end_reason]);
    },
  },
  {
    key: 'responsible_for',
    title: '作为包保联系人',
    columns: ['角色', '登记的姓名', '开始', '结束'],
    async rows(db, subject) {
      if (subject.phoneHashes.length === 0) return [];
      const rows = await db.selectFrom('responsible_members').select(['role', 'name', 'from_at', 'to_at']).where('phone_hash', 'in', subject.phoneHashes).orderBy('from_at').execute();
      return rows.map((m) => [m.role, m.name, whenOf(m.from_at), whenOf(m.to_at)]);
    },
  },
];

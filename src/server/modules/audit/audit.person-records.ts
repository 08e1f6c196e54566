// Who read a person's full record, and when (查阅记录), from the audit log: reads and reveals of
// the person and their quarantine orders, and earlier access requests, each with its purpose.
import { type PersonRecordSection, roleWord, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

const READS = ['read', 'reveal', 'read_history', 'access_request', 'print'];

export const auditPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'reads',
    title: '查阅记录',
    columns: ['时间', '查阅人', '角色', '操作', '记录', '用途'],
    async rows(db, subject) {
      if (subject.personIds.length === 0) return [];
      const orders = db.selectFrom('quarantine_orders').select((eb) => eb.cast<string>('id', 'text').as('id')).where('person_id', 'in', subject.personIds);
      const rows = await db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.at', displayNameOf('a.user_id').as('who'), 'u.role', 'a.action', 'a.entity', 'a.purpose'])
        .where('a.action', 'in', READS)
        .where((eb) => eb.or([eb.and([eb('a.entity', '=', 'person'), eb('a.entity_id', 'in', subject.personIds)]), eb.and([eb('a.entity', '=', 'quarantine'), eb('a.entity_id', 'in', orders)])]))
        .orderBy('a.at')
        .execute();
      return rows.map((r) => [whenOf(r.at), r.who, r.role ? roleWord(r.role) : null, r.action, r.entity, r.purpose]);
    },
  },
];

// Who read a person's full record, and when (查阅记录), from the audit log: reads and reveals of
// the person and their quarantine orders, and earlier access requests, each with its purpose.
import { readsOf } from '../../platform/audit.ts';
import { type PersonRecordSection, roleWord, whenOf } from '../../platform/person-records.ts';
import { accountsById } from '../accounts/accounts.queries.ts';
import { orderIdsOfPersons } from '../quarantine/quarantine.queries.ts';

const READS = ['read', 'reveal', 'read_history', 'read_corrections', 'read_departure', 'access_request', 'print'];

export const auditPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'reads',
    title: '查阅记录',
    columns: ['时间', '查阅人', '角色', '操作', '记录', '用途'],
    async rows(db, subject) {
      const orders = await orderIdsOfPersons(db, subject.personIds);
      const rows = await readsOf(db, [{ entity: 'person', ids: subject.personIds }, { entity: 'quarantine', ids: orders }], READS);
      const accounts = await accountsById(db, rows.map((r) => r.user_id));
      return rows.map((r) => {
        const who = r.user_id ? accounts.get(r.user_id) : undefined;
        return [whenOf(r.at), who?.name ?? null, who ? roleWord(who.role) : null, r.action, r.entity, r.purpose];
      });
    },
  },
];

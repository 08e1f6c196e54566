// A person's home quarantine orders and their health checks, decrypted, for an access request.
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { wordOf } from '../../platform/list-export.ts';
import { type PersonRecordSection, dayOf, openOrNull, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

const words = CODE_WORDS_ZH.quarantine;

export const quarantinePersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'quarantine_orders',
    title: '居家隔离',
    columns: ['编号', '隔离原因', '隔离地点', '开始日期', '截止日期', '状态', '监测责任人', '解除时间', '解除说明', '下达时间'],
    async rows(db, subject, crypto) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('quarantine_orders as o')
        .select(['o.number', 'o.reason_enc', 'o.place', 'o.start_on', 'o.end_on', 'o.status', displayNameOf('o.monitor_user_id').as('monitor'), 'o.released_at', 'o.release_note', 'o.created_at'])
        .where('o.person_id', 'in', subject.personIds)
        .orderBy('o.created_at')
        .execute();
      return rows.map((o) => [o.number, crypto.decrypt(o.reason_enc), o.place, dayOf(o.start_on), dayOf(o.end_on), wordOf(words.statuses, o.status), o.monitor, whenOf(o.released_at), o.release_note, whenOf(o.created_at)]);
    },
  },
  {
    key: 'quarantine_checks',
    title: '健康监测',
    columns: ['隔离编号', '日期', '时间', '体温(°C)', '症状', '发热', '备注', '记录人'],
    async rows(db, subject, crypto) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('quarantine_checks as c')
        .innerJoin('quarantine_orders as o', 'o.id', 'c.order_id')
        .select(['o.number', 'c.day', 'c.at', 'c.temperature_enc', 'c.symptoms_enc', 'c.fever', 'c.note_enc', displayNameOf('c.user_id').as('by')])
        .where('o.person_id', 'in', subject.personIds)
        .orderBy('c.at')
        .execute();
      return rows.map((c) => [c.number, dayOf(c.day), whenOf(c.at), Number(crypto.decrypt(c.temperature_enc)), (JSON.parse(crypto.decrypt(c.symptoms_enc)) as string[]).join('、'), Number(c.fever) ? '是' : '否', openOrNull(crypto, c.note_enc), c.by]);
    },
  },
];

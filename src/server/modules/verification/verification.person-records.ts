// The verification tasks (核查任务) that named a person, by ID number or by the person they were linked to.
import { type PersonRecordSection, dayOf, openOrNull, whenOf } from '../../platform/person-records.ts';

export const verificationPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'verification_tasks',
    title: '核查任务',
    columns: ['编号', '名单', '姓名', '身份证号', '手机号', '地址', '来源地', '到达日期', '状态', '核查结果', '结果说明', '核查时间', '下发时间'],
    async rows(db, subject, crypto) {
      const rows = await db
        .selectFrom('verification_tasks as t')
        .leftJoin('verification_lists as l', 'l.id', 't.list_id')
        .select(['t.number', 'l.name as list_name', 't.name', 't.id_number_enc', 't.phone_enc', 't.address', 't.origin', 't.arrived_on', 't.status', 't.outcome', 't.outcome_note', 't.checked_at', 't.created_at'])
        .where((eb) => eb.or([eb('t.id_number_hash', '=', subject.idNumberHash), ...(subject.personIds.length ? [eb('t.person_id', 'in', subject.personIds)] : [])]))
        .orderBy('t.created_at')
        .execute();
      return rows.map((t) => [t.number, t.list_name, t.name, openOrNull(crypto, t.id_number_enc), openOrNull(crypto, t.phone_enc), t.address, t.origin, dayOf(t.arrived_on), t.status, t.outcome, t.outcome_note, whenOf(t.checked_at), whenOf(t.created_at)]);
    },
  },
];

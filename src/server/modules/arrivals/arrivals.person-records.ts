// A person's arrival self-registrations (返乡报备), found by ID number or by the person they were linked to.
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { wordOf } from '../../platform/list-export.ts';
import { type PersonRecordSection, dayOf, whenOf } from '../../platform/person-records.ts';

const words = CODE_WORDS_ZH.arrivals;

export const arrivalsPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'arrivals',
    title: '返乡报备',
    columns: ['回执号', '姓名', '身份证号', '手机号', '来源地', '到达日期', '地址', '状态', '退回原因', '备注', '提交时间'],
    async rows(db, subject, crypto) {
      const rows = await db
        .selectFrom('arrival_entries')
        .selectAll()
        .where((eb) => eb.or([eb('id_number_hash', '=', subject.idNumberHash), ...(subject.personIds.length ? [eb('person_id', 'in', subject.personIds)] : [])]))
        .orderBy('created_at')
        .execute();
      return rows.map((a) => [
        a.reference,
        a.name,
        crypto.decrypt(a.id_number_enc),
        crypto.decrypt(a.phone_enc),
        a.origin,
        dayOf(a.arrived_on),
        a.address,
        wordOf(words.statuses, a.status),
        a.reject_reason === null ? null : wordOf(words.rejectReasons, a.reject_reason),
        a.note,
        whenOf(a.created_at),
      ]);
    },
  },
];

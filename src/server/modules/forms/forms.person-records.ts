// The paper forms (登记表, 责任书) kept about a person or their household, for an access request.
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { type PersonRecordSection, whenOf } from '../../platform/person-records.ts';
import { wordOf } from '../../platform/list-export.ts';

const words = CODE_WORDS_ZH.forms;

export const formsPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'forms',
    title: '表单',
    columns: ['表单', '状态', '内容', '签字时间', '填写时间'],
    async rows(db, subject) {
      if (subject.personIds.length === 0) return [];
      const rows = await db
        .selectFrom('forms')
        .select(['kind', 'status', 'fields', 'signed_at', 'created_at'])
        .where((eb) => eb.or([eb('person_id', 'in', subject.personIds), ...(subject.householdIds.length ? [eb.and([eb('person_id', 'is', null), eb('household_id', 'in', subject.householdIds)])] : [])]))
        .orderBy('created_at')
        .execute();
      return rows.map((f) => [wordOf(words.kinds, f.kind), wordOf(words.statuses, f.status), typeof f.fields === 'string' ? f.fields : JSON.stringify(f.fields), whenOf(f.signed_at), whenOf(f.created_at)]);
    },
  },
];

// Tips a person filed with their own phone (found by the phone's keyed hash), for an access request.
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { wordOf } from '../../platform/list-export.ts';
import { type PersonRecordSection, openOrNull, whenOf } from '../../platform/person-records.ts';

const words = CODE_WORDS_ZH.tips;

export const tipsPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'tips',
    title: '举报线索',
    columns: ['编号', '类别', '描述', '地点', '联系电话', '状态', '答复', '提交时间'],
    async rows(db, subject, crypto) {
      if (subject.phoneHashes.length === 0) return [];
      const rows = await db
        .selectFrom('tips')
        .select(['number', 'category', 'description', 'place', 'phone_enc', 'status', 'reply', 'filed_at'])
        .where('phone_hash', 'in', subject.phoneHashes)
        .orderBy('filed_at')
        .execute();
      return rows.map((t) => [t.number, wordOf(words.categories, t.category), t.description, t.place, openOrNull(crypto, t.phone_enc), wordOf(words.statuses, t.status), t.reply, whenOf(t.filed_at)]);
    },
  },
];

// The registration (登记), household and door-to-door visits of a person, for an access request.
import type { Db } from '../../db/schema.ts';
import { type PersonRecordSection, dayOf, openOrNull, whenOf } from '../../platform/person-records.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

const none = <T>(ids: readonly T[]) => ids.length === 0;

export const householdsPersonRecords: readonly PersonRecordSection[] = [
  {
    key: 'persons',
    title: '人员登记',
    columns: ['姓名', '身份证号', '手机号', '性别', '出生日期', '人员类别', '来源地', '到达日期', '出行方式', '工作单位', '重点人员', '重点人员原因', '与住所关系', '离开日期', '去向', '登记时间', '最后修改'],
    async rows(db, subject, crypto) {
      if (none(subject.personIds)) return [];
      const rows = await db.selectFrom('persons').selectAll().where('id', 'in', subject.personIds).orderBy('created_at').execute();
      return rows.map((p) => [
        p.name,
        openOrNull(crypto, p.id_number_enc),
        openOrNull(crypto, p.phone_enc),
        p.gender,
        dayOf(p.birth_date),
        p.category,
        p.origin,
        dayOf(p.arrived_on),
        p.travel_mode,
        p.employer,
        Number(p.key_person) ? '是' : '否',
        p.key_person_reason,
        p.dwelling_relation,
        dayOf(p.left_on),
        p.left_to,
        whenOf(p.created_at),
        whenOf(p.updated_at),
      ]);
    },
  },
  {
    key: 'households',
    title: '住户',
    columns: ['地址', '楼栋', '单元', '房号', '出租房', '房东姓名', '房东电话', '最近走访'],
    async rows(db, subject, crypto) {
      if (none(subject.householdIds)) return [];
      const rows = await db.selectFrom('households').selectAll().where('id', 'in', subject.householdIds).execute();
      return rows.map((h) => [h.address, h.building, h.unit, h.room, Number(h.is_rental) ? '是' : '否', h.landlord_name, openOrNull(crypto, h.landlord_phone_enc), dayOf(h.last_visited_on)]);
    },
  },
  {
    key: 'visits',
    title: '入户走访',
    columns: ['走访时间', '结果', '在家人数', '备注', '走访人'],
    async rows(db, subject) {
      if (none(subject.householdIds)) return [];
      const rows = await db
        .selectFrom('visits as v')
        .select(['v.visited_at', 'v.outcome', 'v.present_count', 'v.note', displayNameOf('v.user_id').as('by')])
        .where('v.household_id', 'in', subject.householdIds)
        .orderBy('v.visited_at')
        .execute();
      return rows.map((v) => [whenOf(v.visited_at), v.outcome, v.present_count, v.note, v.by]);
    },
  },
];

/** The person records of an ID number (keyed hash) in a region's subtree, with what else finds their data. */
export async function personsOfIdNumber(db: Db, idNumberHash: string, subtreePath: string) {
  return db
    .selectFrom('persons as p')
    .select(['p.id', 'p.name', 'p.household_id', 'p.region_id', 'p.phone_hash'])
    .where('p.id_number_hash', '=', idNumberHash)
    .where('p.region_id', 'in', subtreeRegionIds(db, subtreePath))
    .orderBy('p.created_at')
    .execute();
}

/** A person's region id, or null when there is no such person. */
export async function personRegion(db: Db, personId: string): Promise<number | null> {
  const row = await db.selectFrom('persons').select('region_id').where('id', '=', personId).executeTakeFirst();
  return row?.region_id ?? null;
}

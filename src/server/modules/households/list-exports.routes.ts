// 导出 Excel of the households and people lists (platform/list-export.ts): the lists' own filters,
// service functions and access; landlord, ID and phone numbers masked unless revealed with a purpose.
import type { FastifyInstance } from 'fastify';
import { type Household, HouseholdListQuery, type Person, PersonListQuery } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH, DWELLING_RELATION_LABELS_ZH, TRAVEL_MODE_LABELS_ZH } from '../../../shared/labels.ts';
import { registerListExport } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { listHouseholds } from './households.service.ts';
import { listPersons } from './persons.service.ts';

// q is left out: the list takes a whole ID number there, which must not sit in a URL (the people search is a POST).
const PersonExportQuery = PersonListQuery.omit({ q: true });

export async function listExportsRoutes(app: FastifyInstance) {
  const names = (ids: number[]) => regionNames(app.bulkReadDb, ids);

  registerListExport<typeof HouseholdListQuery, Household>(app, {
    list: '/api/v1/households',
    access: { scope: [{ query: 'regionId' }] },
    tags: ['households'],
    query: HouseholdListQuery,
    title: '住户名单',
    entity: 'household',
    revealable: true,
    regionNames: names,
    regionsOf: (h) => [h.regionId],
    page: (request, query, reveal) => listHouseholds(app.bulkReadDb, app.fieldCrypto, scopeOf(request), dayIn(app.config.timeZone), query, reveal),
    columns: [
      { header: '地址', width: 30, value: (h) => h.address },
      { header: '楼栋', value: (h) => h.building },
      { header: '单元', value: (h) => h.unit },
      { header: '房号', value: (h) => h.room },
      { header: '网格', width: 18, value: (h, region) => region(h.regionId) },
      { header: '出租房', value: (h) => h.isRental },
      { header: '房东姓名', value: (h) => h.landlordName },
      { header: '房东电话', width: 16, value: (h) => h.landlordPhone },
      { header: '在住人数', kind: 'number', value: (h) => h.memberCount },
      { header: '最近走访', kind: 'day', width: 12, value: (h) => h.lastVisitedOn },
      { header: '更新时间', kind: 'moment', width: 17, value: (h) => h.updatedAt },
    ],
  });

  registerListExport<typeof PersonExportQuery, Person>(app, {
    list: '/api/v1/persons',
    access: { scope: [{ query: 'regionId' }, { query: 'householdId', entity: 'household' }] },
    tags: ['persons'],
    query: PersonExportQuery,
    title: '人员名单',
    entity: 'person',
    revealable: true,
    regionNames: names,
    regionsOf: (p) => [p.regionId],
    page: (request, query, reveal) => listPersons(app.bulkReadDb, app.fieldCrypto, scopeOf(request), query, reveal),
    columns: [
      { header: '姓名', value: (p) => p.name },
      { header: '身份证号', width: 22, value: (p) => p.idNumber },
      { header: '手机号', width: 14, value: (p) => p.phone },
      { header: '性别', width: 6, value: (p) => (p.gender === 'male' ? '男' : p.gender === 'female' ? '女' : null) },
      { header: '出生日期', kind: 'day', width: 12, value: (p) => p.birthDate },
      { header: '类别', value: (p) => CATEGORY_LABELS_ZH[p.category] },
      { header: '与户关系', value: (p) => (p.dwellingRelation ? DWELLING_RELATION_LABELS_ZH[p.dwellingRelation] : null) },
      { header: '来源地', width: 16, value: (p) => p.origin },
      { header: '到达日期', kind: 'day', width: 12, value: (p) => p.arrivedOn },
      { header: '交通方式', value: (p) => (p.travelMode ? TRAVEL_MODE_LABELS_ZH[p.travelMode] : null) },
      { header: '工作单位', width: 16, value: (p) => p.employer },
      { header: '重点人员', value: (p) => p.keyPerson },
      { header: '重点人员原因', width: 16, value: (p) => p.keyPersonReason },
      { header: '网格', width: 18, value: (p, region) => region(p.regionId) },
    ],
  });
}

// 导出 Excel of the arrivals queue (platform/list-export.ts): the list's own filters, service
// function and access; ID and phone numbers masked as the list shows them (a full one is read
// entry by entry, audited).
import type { FastifyInstance } from 'fastify';
import { ARRIVAL_VERIFIERS, type ArrivalEntry, ArrivalListQuery } from '../../../shared/arrivals.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { listEntries } from './arrivals.queue.ts';

const words = CODE_WORDS_ZH.arrivals;

export async function arrivalsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof ArrivalListQuery, ArrivalEntry>(app, {
    list: '/api/v1/arrivals',
    access: { roles: ARRIVAL_VERIFIERS, scope: [{ query: 'regionId' }] },
    tags: ['arrivals'],
    query: ArrivalListQuery,
    title: '来返人员登记',
    entity: 'arrival_entry',
    page: (request, query) => listEntries(app.bulkReadDb, actorOf(request), scopeOf(request), query),
    columns: [
      { header: '登记号', width: 14, value: (x) => x.reference },
      { header: '姓名', value: (x) => x.name },
      { header: '身份证号', width: 22, value: (x) => x.idNumber },
      { header: '手机号', width: 14, value: (x) => x.phone },
      { header: '来源地', width: 16, value: (x) => x.origin },
      { header: '到达日期', kind: 'day', width: 12, value: (x) => x.arrivedOn },
      { header: '现住址', width: 24, value: (x) => x.address },
      { header: '网格', width: 18, value: (x) => x.regionName },
      { header: '状态', value: (x) => wordOf(words.statuses, x.status) },
      { header: '疑似重复', value: (x) => x.duplicate !== null },
      { header: '退回原因', value: (x) => (x.rejectReason ? wordOf(words.rejectReasons, x.rejectReason) : null) },
      { header: '处理人', value: (x) => x.decidedBy },
      { header: '处理时间', kind: 'moment', width: 17, value: (x) => x.decidedAt },
      { header: '登记时间', kind: 'moment', width: 17, value: (x) => x.createdAt },
    ],
  });
}

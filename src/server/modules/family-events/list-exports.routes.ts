// 导出 Excel of the family events (platform/list-export.ts): the list's own filters, service
// function and access; hosts' phones masked, as everywhere they are shown.
import type { FastifyInstance } from 'fastify';
import { FAMILY_EVENT_READERS, type FamilyEvent, FamilyEventListQuery } from '../../../shared/family-events.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { listFamilyEvents } from './family-events.service.ts';

const words = CODE_WORDS_ZH.familyEvents;

export async function familyEventsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof FamilyEventListQuery, FamilyEvent>(app, {
    list: '/api/v1/family-events',
    access: { roles: FAMILY_EVENT_READERS, scope: [{ query: 'regionId' }] },
    tags: ['family-events'],
    query: FamilyEventListQuery,
    title: '红白事报备',
    entity: 'family_event',
    page: (request, query) => listFamilyEvents(app.bulkReadDb, app.fieldCrypto, scopeOf(request), query),
    columns: [
      { header: '类型', value: (x) => wordOf(words.kinds, x.kind) },
      { header: '所属村/网格', width: 18, value: (x) => x.regionName },
      { header: '事主姓名', value: (x) => x.hostName },
      { header: '事主电话', width: 14, value: (x) => x.hostPhone },
      { header: '拟办日期', kind: 'day', width: 12, value: (x) => x.plannedOn },
      { header: '举办地点', width: 20, value: (x) => x.place },
      { header: '预计人数', kind: 'number', value: (x) => x.expectedGuests },
      { header: '状态', value: (x) => wordOf(words.statuses, x.status) },
      { header: '劝导结果', value: (x) => (x.decision ? wordOf(words.decisions, x.decision) : null) },
      { header: '劝导意见', width: 24, value: (x) => x.guidance },
      { header: '报备时间', kind: 'moment', width: 17, value: (x) => x.createdAt },
    ],
  });
}

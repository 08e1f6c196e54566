// 导出 Excel of inspections and rectification tasks (platform/list-export.ts): the lists' own
// filters, service functions and access (with the same viewer rules for pending visits and owners).
import type { FastifyInstance } from 'fastify';
import { INSPECTION_READERS, type Inspection, InspectionListQuery, type Rectification, RectificationListQuery } from '../../../shared/inspections.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { listInspections, viewerOf } from './inspections.service.ts';
import { listRectifications } from './rectifications.service.ts';

const words = CODE_WORDS_ZH.inspections;

export async function inspectionsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof InspectionListQuery, Inspection>(app, {
    list: '/api/v1/inspections',
    access: {
      roles: INSPECTION_READERS,
      scope: [{ query: 'regionId' }, { query: 'teamId', entity: 'patrol_team' }, { query: 'scheduleId', entity: 'inspection_schedule' }],
    },
    tags: ['inspections'],
    query: InspectionListQuery,
    title: '督查记录',
    entity: 'inspection',
    page: (request, query) => listInspections(app.bulkReadDb, viewerOf(actorOf(request)), scopeOf(request), { ...query, timeZone: app.config.timeZone }),
    columns: [
      { header: '编号', width: 18, value: (x) => x.number },
      { header: '督查队', width: 16, value: (x) => x.teamName },
      { header: '督查对象', width: 18, value: (x) => x.regionName },
      { header: '计划时间', kind: 'moment', width: 17, value: (x) => x.scheduledAt },
      { header: '状态', value: (x) => wordOf(words.statuses, x.status) },
      { header: '完成时间', kind: 'moment', width: 17, value: (x) => x.doneAt },
      { header: '督查人', value: (x) => x.doneBy },
      { header: '发现问题', kind: 'number', value: (x) => x.findings },
      { header: '督查小结', width: 30, value: (x) => x.summary },
    ],
  });

  registerListExport<typeof RectificationListQuery, Rectification>(app, {
    list: '/api/v1/rectifications',
    access: { roles: INSPECTION_READERS, scope: [{ query: 'regionId' }] },
    tags: ['rectifications'],
    query: RectificationListQuery,
    title: '整改任务',
    entity: 'rectification',
    page: (request, query) => listRectifications(app.bulkReadDb, viewerOf(actorOf(request)), scopeOf(request), query),
    columns: [
      { header: '编号', width: 18, value: (x) => x.number },
      { header: '检查项', width: 16, value: (x) => wordOf(words.items, x.item) },
      { header: '问题描述', width: 30, value: (x) => x.description },
      { header: '所属区域', width: 18, value: (x) => x.regionName },
      { header: '责任人', value: (x) => x.ownerName },
      { header: '整改期限', kind: 'moment', width: 17, value: (x) => x.deadline },
      { header: '状态', value: (x) => wordOf(words.rectificationStatuses, x.status) },
      { header: '逾期', value: (x) => x.overdue },
      { header: '升级至', width: 16, value: (x) => x.escalatedToRegionName },
      { header: '整改说明', width: 24, value: (x) => x.evidenceText },
      { header: '办结时间', kind: 'moment', width: 17, value: (x) => x.closedAt },
      { header: '创建时间', kind: 'moment', width: 17, value: (x) => x.createdAt },
    ],
  });
}

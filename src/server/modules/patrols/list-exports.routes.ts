// 导出 Excel of the patrol logs (platform/list-export.ts): the list's own filters, service
// function and access.
import type { FastifyInstance } from 'fastify';
import { PATROL_LOG_READERS, type PatrolLog, PatrolLogListQuery } from '../../../shared/patrol-logs.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { listPatrolLogs } from './patrols.service.ts';

const figures = CODE_WORDS_ZH.patrolFigures;

export async function patrolsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof PatrolLogListQuery, PatrolLog>(app, {
    list: '/api/v1/patrol-logs',
    access: { roles: PATROL_LOG_READERS, scope: [{ query: 'regionId' }, { query: 'teamId', entity: 'patrol_team' }] },
    tags: ['patrol-logs'],
    query: PatrolLogListQuery,
    title: '巡查日志',
    entity: 'patrol_log',
    page: (request, query) => listPatrolLogs(app.bulkReadDb, scopeOf(request), query),
    columns: [
      { header: '巡查日期', kind: 'day', width: 12, value: (x) => x.patrolledOn },
      { header: '巡查队', width: 16, value: (x) => x.teamName },
      { header: '村/社区', width: 16, value: (x) => x.regionName },
      { header: figures.gatheringsDispersed, kind: 'number', value: (x) => x.gatheringsDispersed },
      { header: figures.peopleDispersed, kind: 'number', value: (x) => x.peopleDispersed },
      { header: figures.maskReminders, kind: 'number', value: (x) => x.maskReminders },
      { header: figures.banquetsFound, kind: 'number', value: (x) => x.banquetsFound },
      { header: '巡查地点', width: 24, value: (x) => x.places },
      { header: '备注', width: 24, value: (x) => x.note },
      { header: '照片数', kind: 'number', value: (x) => x.photos.length },
      { header: '开始时间', kind: 'moment', width: 17, value: (x) => x.startedAt },
      { header: '结束时间', kind: 'moment', width: 17, value: (x) => x.endedAt },
    ],
  });
}

// 导出 Excel of the quarantine orders and their alerts (platform/list-export.ts): the lists' own
// filters, service functions and access; names only, as the lists show them (the reason only
// on the orders the caller monitors).
import type { FastifyInstance } from 'fastify';
import { AlertListQuery, QUARANTINE_READERS, type Quarantine, type QuarantineAlert, QuarantineListQuery } from '../../../shared/quarantine.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { listAlerts, listOrders } from './quarantine.service.ts';

const words = CODE_WORDS_ZH.quarantine;

export async function quarantineExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof QuarantineListQuery, Quarantine>(app, {
    list: '/api/v1/quarantines',
    access: { roles: QUARANTINE_READERS, scope: [{ query: 'regionId' }] },
    tags: ['quarantine'],
    query: QuarantineListQuery,
    title: '居家隔离名单',
    entity: 'quarantine',
    page: (request, query) => listOrders(app.bulkReadDb, scopeOf(request), { actor: actorOf(request), crypto: app.fieldCrypto }, query),
    columns: [
      { header: '编号', width: 18, value: (o) => o.number },
      { header: '隔离对象', value: (o) => o.personName },
      { header: '所在网格', width: 18, value: (o) => o.regionName },
      { header: '隔离原因', width: 24, value: (o) => o.reason },
      { header: '隔离地点', width: 24, value: (o) => o.place },
      { header: '开始日期', kind: 'day', width: 12, value: (o) => o.startOn },
      { header: '截止日期', kind: 'day', width: 12, value: (o) => o.endOn },
      { header: '状态', value: (o) => wordOf(words.statuses, o.status) },
      { header: '监测责任人', value: (o) => o.monitorName },
      { header: '解除时间', kind: 'moment', width: 17, value: (o) => o.releasedAt },
      { header: '下达时间', kind: 'moment', width: 17, value: (o) => o.createdAt },
    ],
  });

  registerListExport<typeof AlertListQuery, QuarantineAlert>(app, {
    list: '/api/v1/quarantines/alerts',
    access: { roles: QUARANTINE_READERS, scope: [{ query: 'regionId' }] },
    tags: ['quarantine'],
    query: AlertListQuery,
    title: '隔离预警',
    entity: 'quarantine_alert',
    page: (request, query) => listAlerts(app.bulkReadDb, scopeOf(request), query),
    columns: [
      { header: '预警类型', value: (a) => wordOf(words.alertKinds, a.kind) },
      { header: '隔离对象', value: (a) => a.personName },
      { header: '所在网格', width: 18, value: (a) => a.regionName },
      { header: '日期', kind: 'day', width: 12, value: (a) => a.day },
      { header: '预警时间', kind: 'moment', width: 17, value: (a) => a.raisedAt },
      { header: '确认时间', kind: 'moment', width: 17, value: (a) => a.acknowledgedAt },
      { header: '确认人', value: (a) => a.acknowledgedBy },
      { header: '补记', value: (a) => a.caughtUp },
    ],
  });
}

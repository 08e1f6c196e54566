// 导出 Excel of the tips inbox (platform/list-export.ts): the list's own filters, service function
// and access; reporters' phones masked as the list shows them (never revealed in bulk).
import type { FastifyInstance } from 'fastify';
import { TIP_READERS, type Tip, TipListQuery } from '../../../shared/tips.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { listTips } from './tips.service.ts';

const words = CODE_WORDS_ZH.tips;

export async function tipsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof TipListQuery, Tip>(app, {
    list: '/api/v1/tips',
    access: { roles: TIP_READERS, scope: [{ query: 'regionId' }] },
    tags: ['tips'],
    query: TipListQuery,
    title: '群众举报',
    entity: 'tip',
    page: (request, query) => listTips(app.bulkReadDb, scopeOf(request), query),
    columns: [
      { header: '编号', width: 18, value: (x) => x.number },
      { header: '举报类别', value: (x) => wordOf(words.categories, x.category) },
      { header: '举报内容', width: 40, value: (x) => x.description },
      { header: '地点', width: 20, value: (x) => x.place },
      { header: '所属区域', width: 18, value: (x) => x.regionName },
      { header: '办理环节', value: (x) => wordOf(words.statuses, x.status) },
      { header: '匿名', value: (x) => x.anonymous },
      { header: '联系电话', width: 14, value: (x) => x.phone },
      { header: '照片数', kind: 'number', value: (x) => x.photoCount },
      { header: '是否属实', value: (x) => x.substantiated },
      { header: '处置情况', width: 24, value: (x) => x.actionTaken },
      { header: '逾期', value: (x) => x.overdue },
      { header: '举报时间', kind: 'moment', width: 17, value: (x) => x.filedAt },
      { header: '更新时间', kind: 'moment', width: 17, value: (x) => x.updatedAt },
    ],
  });
}

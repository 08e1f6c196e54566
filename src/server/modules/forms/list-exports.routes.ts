// 导出 Excel of the forms list (platform/list-export.ts): the list's own filters, service function
// and access; the forms' contents stay in the forms (only what the list shows is exported).
import type { FastifyInstance } from 'fastify';
import { type Form, FormListQuery } from '../../../shared/forms.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { listForms } from './forms.service.ts';

const words = CODE_WORDS_ZH.forms;

export async function formsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof FormListQuery, Form>(app, {
    list: '/api/v1/forms',
    access: { scope: [{ query: 'regionId' }, { query: 'householdId', entity: 'household' }] },
    tags: ['forms'],
    query: FormListQuery,
    title: '登记表与责任书',
    entity: 'form',
    regionNames: (ids) => regionNames(app.bulkReadDb, ids),
    regionsOf: (x) => [x.regionId],
    page: (request, query) => listForms(app.bulkReadDb, scopeOf(request), query),
    columns: [
      { header: '表单类型', width: 28, value: (x) => wordOf(words.kinds, x.kind) },
      { header: '网格', width: 18, value: (x, region) => region(x.regionId) },
      { header: '状态', value: (x) => wordOf(words.statuses, x.status) },
      { header: '签署时间', kind: 'moment', width: 17, value: (x) => x.signedAt },
      { header: '创建时间', kind: 'moment', width: 17, value: (x) => x.createdAt },
      { header: '更新时间', kind: 'moment', width: 17, value: (x) => x.updatedAt },
    ],
  });
}

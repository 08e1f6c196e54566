// 导出 Excel of the accounts list (platform/list-export.ts): the list's own filters, service
// function and access; never a password or a token, only what the list shows.
import type { FastifyInstance } from 'fastify';
import { ACCOUNT_MANAGERS, type User, UserListQuery } from '../../../shared/accounts.ts';
import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';
import { registerListExport, wordOf } from '../../platform/list-export.ts';
import { scopeOf } from '../../platform/scope.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { listUsers } from './users.service.ts';

export async function accountsExportsRoutes(app: FastifyInstance) {
  registerListExport<typeof UserListQuery, User>(app, {
    list: '/api/v1/users',
    access: { roles: [...ACCOUNT_MANAGERS, 'auditor'], scope: [{ query: 'regionId' }] },
    tags: ['users'],
    query: UserListQuery,
    title: '账号',
    entity: 'user',
    regionNames: (ids) => regionNames(app.bulkReadDb, ids),
    regionsOf: (x) => [x.regionId],
    page: (request, query) => listUsers(app.bulkReadDb, scopeOf(request), query),
    columns: [
      { header: '用户名', width: 16, value: (x) => x.username },
      { header: '姓名', value: (x) => x.displayName },
      { header: '角色', width: 14, value: (x) => wordOf(CODE_WORDS_ZH.roles, x.role) },
      { header: '所属辖区', width: 18, value: (x, region) => region(x.regionId) },
      { header: '手机号', width: 14, value: (x) => x.phone },
      { header: '状态', value: (x) => (x.active ? '启用' : '停用') },
      { header: '创建时间', kind: 'moment', width: 17, value: (x) => x.createdAt },
    ],
  });
}

// A person's rights over their data (issue 21, item 4): the access request (查阅复制) reading every
// module's `personRecords`, and correction requests (更正) with their outcome.
import type { ModuleDefinition } from '../module-definition.ts';
import { personAccessRoutes } from './person-access.routes.ts';
import { auditPersonRecords } from '../audit/audit.person-records.ts';

export const personAccessModule = {
  name: 'person-access',
  routes: [personAccessRoutes],
  // Who read the person's record: the audit log's section, last in the request.
  personRecords: auditPersonRecords,
} satisfies ModuleDefinition;

// County settings: the report deadline, the reminder time and the quarantine period. Everyone
// signed in reads them (forms show the deadline); the county's admin or commander changes them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { CountySettings, CountySettingsPatch } from '../../../shared/reports.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { write, afterCommit } from '../../platform/transaction.ts';
import { forgetSettings, patchSettings, readSettings } from './settings.service.ts';

export const SETTINGS_EDITORS: readonly Role[] = ['admin', 'commander'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/settings', {
    config: { access: { scope: [] } },
    schema: { tags: ['settings'], summary: 'The county settings', response: { 200: CountySettings, ...errors } },
    handler: async () => ({ timeZone: app.config.timeZone, ...(await readSettings(app.db)) }),
  });

  app.patch('/api/v1/settings', {
    config: { access: { roles: SETTINGS_EDITORS, scope: [] } },
    schema: { tags: ['settings'], summary: 'Change the county settings (audited)', body: CountySettingsPatch, response: { 200: CountySettings, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, async (tx) => {
        const settings = await patchSettings(tx, auditContextOf(request), request.body);
        afterCommit(tx, forgetSettings);
        return { timeZone: app.config.timeZone, ...settings };
      }),
  });
}

// County settings: the report deadline, the reminder time and the quarantine period (each
// declared by the module that reads it; settings.service.ts keeps them). Everyone signed in
// reads them (forms show the deadline); the county's admin or commander changes them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { CountySettings, CountySettingsPatch, SETTINGS_EDITORS } from '../../../shared/reports.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { write, afterCommit } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function settingsRoutes(fastify: FastifyInstance, { settings }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/settings', {
    config: { access: { scope: [] } },
    schema: { tags: ['settings'], summary: 'The county settings', response: { 200: CountySettings, ...errors } },
    handler: async () => ({ timeZone: app.config.timeZone, ...(await settings.read()) }),
  });

  app.patch('/api/v1/settings', {
    config: { access: { roles: SETTINGS_EDITORS, scope: [] } },
    schema: { tags: ['settings'], summary: 'Change the county settings (audited)', body: CountySettingsPatch, response: { 200: CountySettings, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, async (tx) => {
        const changed = await settings.patch(tx, auditContextOf(request), request.body);
        afterCommit(tx, settings.forget);
        return { timeZone: app.config.timeZone, ...changed };
      }),
  });
}

// The API description at /api/docs (Swagger UI, /api/docs/json, its scripts and styles) maps
// every route and field: it is for signed-in staff, unless GRIDGUARD_PUBLIC_DOCS=on.
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

async function requireSignedIn(request: FastifyRequest): Promise<void> {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in with a staff account to read the API documentation');
}

/** Registered after installAuth, so the caller is known when the hook runs. */
export async function installApiDocsUi(app: FastifyInstance, opts: { public: boolean }): Promise<void> {
  // Its own context: the hook covers every route Swagger UI adds, its static files included.
  await app.register(async (docs) => {
    if (!opts.public) docs.addHook('onRequest', requireSignedIn);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });
}

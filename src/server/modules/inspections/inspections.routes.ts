// Patrol team members, unannounced inspections and rectification tasks: routes. Placeholder until the module lands.
import type { FastifyInstance } from 'fastify';

export async function inspectionsRoutes(_fastify: FastifyInstance) {}

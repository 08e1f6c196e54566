// Notices (宣传): staff writing and public reading. (Being built: issue 6.)
import type { FastifyInstance } from 'fastify';

export async function noticesRoutes(_fastify: FastifyInstance) {}

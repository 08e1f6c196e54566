// Risk colours (风险赋码): routes. Placeholder until the module lands.
import type { FastifyInstance } from 'fastify';

export async function riskRoutes(_fastify: FastifyInstance) {}

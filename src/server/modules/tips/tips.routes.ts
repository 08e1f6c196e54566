// Tips (有奖举报): public filing and tracking, and the staff side. (Being built: issue 6.)
import type { FastifyInstance } from 'fastify';

export async function tipsRoutes(_fastify: FastifyInstance) {}

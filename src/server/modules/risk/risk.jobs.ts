// Scheduled work of the risk colours module. Placeholder until the module lands.
import type { FastifyInstance } from 'fastify';
import type { ScheduledJob } from '../../platform/jobs.ts';

export function riskJobs(_app: FastifyInstance): ScheduledJob[] {
  return [];
}

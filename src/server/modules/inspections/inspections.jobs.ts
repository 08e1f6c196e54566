// Scheduled work of the inspections module. Placeholder until the module lands.
import type { FastifyInstance } from 'fastify';
import type { ScheduledJob } from '../../platform/jobs.ts';

export function inspectionJobs(_app: FastifyInstance): ScheduledJob[] {
  return [];
}

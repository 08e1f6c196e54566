// Checkpoints (卡口) and patrol teams: the registry, its removal with the coverage check, the
// county's "N of M removed" summary from counters, and the history of openings and removals.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import {
  CHECKPOINT_MANAGERS,
  CHECKPOINT_READERS,
  Checkpoint,
  CheckpointCreate,
  CheckpointDetail,
  CheckpointHistoryItem,
  CheckpointHistoryQuery,
  CheckpointListQuery,
  CheckpointPatch,
  CheckpointRemoval,
  CheckpointRemoved,
  CheckpointSummary,
  Coverage,
  PatrolTeam,
  PatrolTeamCreate,
  PatrolTeamListQuery,
  PatrolTeamPatch,
} from '../../../shared/checkpoints.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './checkpoints.service.ts';
import * as teams from './patrol-teams.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const RegionQuery = z.object({ regionId: RegionIdParam.optional() });
const tags = ['checkpoints'];

export async function checkpointsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest) => ({ ctx: auditContextOf(request), actor: actorOf(request), events: app.events });

  app.get('/api/v1/checkpoints', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Checkpoints of a region’s subtree, newest first', querystring: CheckpointListQuery, response: { 200: pageOf(Checkpoint), ...errors } },
    handler: (request) => service.listCheckpoints(app.readDb, scopeOf(request), request.query),
  });

  app.post('/api/v1/checkpoints', {
    config: { access: { roles: CHECKPOINT_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'Register a checkpoint in a town, village or grid', body: CheckpointCreate, response: { 201: Checkpoint, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.createCheckpoint(tx, deps(request), scopeOf(request), request.body)),
  });

  app.get('/api/v1/checkpoints/summary', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: '“N of M removed” for a region and each child region, from counters', querystring: RegionQuery, response: { 200: CheckpointSummary, ...errors } },
    handler: (request) => service.checkpointSummary(app.readDb, scopeOf(request)),
  });

  app.get('/api/v1/checkpoints/history', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Openings and removals in a region’s subtree, newest first', querystring: CheckpointHistoryQuery, response: { 200: pageOf(CheckpointHistoryItem), ...errors } },
    handler: (request) => service.checkpointHistory(app.readDb, scopeOf(request), request.query),
  });

  app.get('/api/v1/checkpoints/:id', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ param: 'id', entity: 'checkpoint' }] } },
    schema: { tags, summary: 'A checkpoint with its history', params: IdParam, response: { 200: CheckpointDetail, ...errors } },
    handler: (request) => service.getCheckpoint(app.db, request.params.id),
  });

  app.patch('/api/v1/checkpoints/:id', {
    config: { access: { roles: CHECKPOINT_MANAGERS, scope: [{ param: 'id', entity: 'checkpoint' }] } },
    schema: { tags, summary: 'Edit an open checkpoint (409 once removed)', params: IdParam, body: CheckpointPatch, response: { 200: Checkpoint, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.patchCheckpoint(tx, deps(request), request.params.id, request.body)),
  });

  app.get('/api/v1/checkpoints/:id/coverage', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ param: 'id', entity: 'checkpoint' }] } },
    schema: { tags, summary: 'The pre-removal check: grid staff and a patrol team in the checkpoint’s village(s)', params: IdParam, response: { 200: Coverage, ...errors } },
    handler: (request) => service.checkpointCoverage(app.db, request.params.id),
  });

  app.post('/api/v1/checkpoints/:id/removal', {
    config: { access: { roles: CHECKPOINT_MANAGERS, scope: [{ param: 'id', entity: 'checkpoint' }] } },
    schema: {
      tags,
      summary: 'Remove a checkpoint: 409 COVERAGE_MISSING without coverage unless overrideReason is given; 409 ALREADY_REMOVED',
      params: IdParam,
      body: CheckpointRemoval,
      response: { 200: CheckpointRemoved, ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => service.removeCheckpoint(tx, { ...deps(request), timeZone: app.config.timeZone }, request.params.id, request.body)),
  });

  app.get('/api/v1/patrol-teams', {
    config: { access: { roles: CHECKPOINT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags: ['patrol-teams'], summary: 'Patrol teams of a region’s subtree', querystring: PatrolTeamListQuery, response: { 200: pageOf(PatrolTeam), ...errors } },
    handler: (request) => teams.listPatrolTeams(app.readDb, scopeOf(request), request.query),
  });

  app.post('/api/v1/patrol-teams', {
    config: { access: { roles: CHECKPOINT_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags: ['patrol-teams'], summary: 'Create a village persuasion patrol or a town inspection team', body: PatrolTeamCreate, response: { 201: PatrolTeam, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => teams.createPatrolTeam(tx, auditContextOf(request), app.events, scopeOf(request), request.body)),
  });

  app.patch('/api/v1/patrol-teams/:id', {
    config: { access: { roles: CHECKPOINT_MANAGERS, scope: [{ param: 'id', entity: 'patrol_team' }] } },
    schema: { tags: ['patrol-teams'], summary: 'Edit a patrol team or switch it on/off', params: IdParam, body: PatrolTeamPatch, response: { 200: PatrolTeam, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => teams.patchPatrolTeam(tx, auditContextOf(request), app.events, request.params.id, request.body)),
  });
}

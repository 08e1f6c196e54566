// Patrol team members, unannounced inspections (24小时不定期督查) with their schedules, and the
// rectification tasks their findings become, with evidence photos kept in the patrol photo store.
// Pending visits are visible only to the team and the accounts above it: the scope hook checks
// the team's region for them (inspectionForScope), the services check membership on top.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import {
  INSPECTION_PLANNERS,
  INSPECTION_READERS,
  INSPECTORS,
  InspectionDetail,
  InspectionListQuery,
  InspectionRecord,
  InspectionSummary,
  Inspection,
  PatrolTeamMember,
  PatrolTeamMemberCreate,
  PatrolTeamMemberPatch,
  PatrolTeamMembers,
  RECTIFIERS,
  Rectification,
  RectificationClose,
  RectificationListQuery,
  Schedule,
  ScheduleCreate,
  ScheduleListQuery,
  TEAM_MANAGERS,
} from '../../../shared/inspections.ts';
import { pageOf } from '../../../shared/paging.ts';
import { PatrolPhotoUploaded } from '../../../shared/patrol-logs.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as photoStore from '../../platform/photo-store.ts';
import { PHOTO_UPLOAD, receivePhoto, sendPhoto } from '../../platform/photo-upload.ts';
import * as inspections from './inspections.service.ts';
import * as members from './members.service.ts';
import * as rectifications from './rectifications.service.ts';
import * as schedules from './schedules.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const MemberParams = z.object({ id: RecordId, memberId: RecordId });
const Sha256Param = z.object({ sha256: z.string() });
const SummaryQuery = z.object({ regionId: RegionIdParam.optional() });
const team = { param: 'id', entity: 'patrol_team' } as const;

export async function inspectionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest) => ({ ctx: auditContextOf(request), events: app.events, actor: actorOf(request), timeZone: app.config.timeZone });
  const viewer = (request: FastifyRequest) => inspections.viewerOf(actorOf(request));

  // ------------------------------------------------------------ team members
  app.get('/api/v1/patrol-teams/:id/members', {
    config: { access: { roles: INSPECTION_READERS, scope: [team] } },
    schema: { tags: ['patrol-teams'], summary: 'A patrol team’s members (active first)', params: IdParam, response: { 200: PatrolTeamMembers, ...errors } },
    handler: (request) => members.listMembers(app.db, request.params.id),
  });
  app.post('/api/v1/patrol-teams/:id/members', {
    config: { access: { roles: TEAM_MANAGERS, scope: [team] } },
    schema: { tags: ['patrol-teams'], summary: 'Add a member; a linked account must be bound to the team’s region or above it', params: IdParam, body: PatrolTeamMemberCreate, response: { 201: PatrolTeamMember, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => members.addMember(tx, deps(request), request.params.id, request.body)),
  });
  app.patch('/api/v1/patrol-teams/:id/members/:memberId', {
    config: { access: { roles: TEAM_MANAGERS, scope: [team] } },
    schema: { tags: ['patrol-teams'], summary: 'Edit a member, link or unlink an account, switch them on/off', params: MemberParams, body: PatrolTeamMemberPatch, response: { 200: PatrolTeamMember, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => members.patchMember(tx, deps(request), request.params.id, request.params.memberId, request.body)),
  });

  // ------------------------------------------------------------ schedules
  app.post('/api/v1/inspections/schedules', {
    config: { access: { roles: INSPECTION_PLANNERS, scope: [{ body: 'teamId', entity: 'patrol_team' }] } },
    schema: { tags: ['inspections'], summary: 'Generate a schedule: every village of the team’s region at random hours, day and night', body: ScheduleCreate, response: { 201: Schedule, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => schedules.createSchedule(tx, deps(request), request.body)),
  });
  app.get('/api/v1/inspections/schedules', {
    config: { access: { roles: INSPECTION_READERS, scope: [{ query: 'regionId' }, { query: 'teamId', entity: 'patrol_team' }] } },
    schema: { tags: ['inspections'], summary: 'Schedules of the teams in a region’s subtree (and of the caller’s own teams), newest first', querystring: ScheduleListQuery, response: { 200: pageOf(Schedule), ...errors } },
    handler: (request) => schedules.listSchedules(app.readDb, viewer(request), scopeOf(request), request.query),
  });
  app.post('/api/v1/inspections/schedules/:id/cancel', {
    config: { access: { roles: INSPECTION_PLANNERS, scope: [{ param: 'id', entity: 'inspection_schedule' }] } },
    schema: { tags: ['inspections'], summary: 'Cancel a schedule and its visits not yet made', params: IdParam, response: { 200: Schedule, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => schedules.cancelSchedule(tx, deps(request), request.params.id)),
  });

  // ------------------------------------------------------------ inspections
  app.get('/api/v1/inspections/summary', {
    config: { access: { roles: INSPECTION_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags: ['inspections'], summary: 'Visits by status and rectification tasks of a region’s subtree (pending visits only as visible to the caller)', querystring: SummaryQuery, response: { 200: InspectionSummary, ...errors } },
    handler: (request) => inspections.inspectionSummary(app.readDb, viewer(request), scopeOf(request)),
  });
  // The team and schedule filters are scoped like the region: another town's team is refused
  // as such (403), its schedule does not exist (404), rather than an empty list that says
  // nothing about whether the caller may ask.
  app.get('/api/v1/inspections', {
    config: {
      access: {
        roles: INSPECTION_READERS,
        scope: [{ query: 'regionId' }, { query: 'teamId', entity: 'patrol_team' }, { query: 'scheduleId', entity: 'inspection_schedule' }],
      },
    },
    schema: { tags: ['inspections'], summary: 'Inspections of a region’s subtree; pending visits only for the team and those above it', querystring: InspectionListQuery, response: { 200: pageOf(Inspection), ...errors } },
    handler: (request) => inspections.listInspections(app.readDb, viewer(request), scopeOf(request), { ...request.query, timeZone: app.config.timeZone }),
  });
  app.post('/api/v1/inspections', {
    config: { access: { roles: INSPECTORS, scope: [{ body: 'inspectionId', entity: 'inspection' }, { body: 'teamId', entity: 'patrol_team' }, { body: 'regionId' }] } },
    schema: { tags: ['inspections'], summary: 'Record an inspection (a scheduled visit or an ad-hoc one); each finding becomes a rectification task', body: InspectionRecord, response: { 201: InspectionDetail, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => inspections.recordInspection(tx, deps(request), request.body)),
  });
  app.get('/api/v1/inspections/:id', {
    config: { access: { roles: INSPECTION_READERS, scope: [{ param: 'id', entity: 'inspection' }] } },
    schema: { tags: ['inspections'], summary: 'An inspection with its checklist and findings (404 for a pending visit the caller may not know of)', params: IdParam, response: { 200: InspectionDetail, ...errors } },
    handler: (request) => inspections.getInspection(app.db, viewer(request), auditContextOf(request), request.params.id),
  });

  // ------------------------------------------------------------ rectification tasks
  app.get('/api/v1/rectifications', {
    config: { access: { roles: INSPECTION_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags: ['rectifications'], summary: 'Rectification tasks of a region’s subtree (without regionId: also those the caller owns)', querystring: RectificationListQuery, response: { 200: pageOf(Rectification), ...errors } },
    handler: (request) => rectifications.listRectifications(app.readDb, viewer(request), scopeOf(request), request.query),
  });
  app.post('/api/v1/rectifications/photos', {
    config: { access: { roles: RECTIFIERS, scope: [] }, multipart: PHOTO_UPLOAD },
    schema: { tags: ['rectifications'], summary: 'Upload an evidence photo (multipart "file": JPEG, PNG or WebP by content, ≤ 5 MB); stored re-encoded as a JPEG without metadata, once by its SHA-256', response: { 201: PatrolPhotoUploaded, ...errors } },
    handler: async (request, reply) => {
      const photo = await receivePhoto(request);
      return write(request, reply, 201, (tx) => photoStore.storeUploadedPhoto(tx, auditContextOf(request), actorOf(request).regionId, photo), {
        idempotencyBody: { sha256: photoStore.photoDigest(photo.data) },
      });
    },
  });
  app.get('/api/v1/rectifications/photos/:sha256', {
    config: { access: { roles: INSPECTION_READERS, scope: [] } },
    schema: { tags: ['rectifications'], summary: 'An evidence photo, only through a task the caller may read (404 otherwise)', params: Sha256Param, response: errors },
    handler: async (request, reply) => {
      const photo = await rectifications.readEvidencePhoto(app.db, viewer(request), request.params.sha256);
      return sendPhoto(reply, photo);
    },
  });
  app.get('/api/v1/rectifications/:id', {
    config: { access: { roles: INSPECTION_READERS, scope: [] } },
    schema: { tags: ['rectifications'], summary: 'A rectification task (its village in the caller’s subtree, or the caller owns it)', params: IdParam, response: { 200: Rectification, ...errors } },
    handler: (request) => rectifications.getRectification(app.db, viewer(request), auditContextOf(request), request.params.id),
  });
  app.post('/api/v1/rectifications/:id/close', {
    config: { access: { roles: RECTIFIERS, scope: [] } },
    schema: { tags: ['rectifications'], summary: 'Close a task with what was done and ≥ 1 photo of it (the owner, or an officer at or above its current level)', params: IdParam, body: RectificationClose, response: { 200: Rectification, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => rectifications.closeRectification(tx, deps(request), request.params.id, request.body)),
  });
}

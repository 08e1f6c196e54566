// Verification lists (核查名单) and their tasks: API.md "Verification lists", word for word, and
// the bulk assignment of a pool (docs/api-extra.md). HTTP only: the rules are in the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { pageOf } from '../../../shared/paging.ts';
import { RevealQuery } from '../../../shared/reveal.ts';
import {
  LIST_KINDS,
  LIST_MANAGERS,
  ListPreview,
  ListProgressRow,
  TASK_MOVERS,
  TASK_REVIEWERS,
  TASK_WORKERS,
  TaskAssign,
  TaskDestination,
  TaskListQuery,
  TaskMove,
  TaskOutcome,
  TaskReview,
  VerificationList,
  VerificationTask,
} from '../../../shared/verification.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { revealGrant } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { filePart } from '../../platform/upload-parts.ts';
import { removeUpload } from '../imports/sealed-upload.ts';
import type { ModuleContext } from '../module-definition.ts';
import { feedbackWorkbook, listProgress } from './feedback.service.ts';
import { MAX_LIST_BYTES, receiveListUpload } from './list-upload.ts';
import { createList, listsOf, newListOf, previewList, readList, toList } from './lists.service.ts';
import { runTakeIn } from './take-in.service.ts';
import * as tasks from './tasks.service.ts';
import { countyDestinations } from '../regions/regions.queries.ts';
import { ancestorPathAt } from '../../../shared/region-path.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const tags = ['verification'];
const IdParam = z.object({ id: RecordId });
const task = { param: 'id', entity: 'verification_task' } as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileDoc = filePart(`the list: .xlsx, or .csv in UTF-8, UTF-16 or GB18030; at most ${MAX_LIST_BYTES / 1_048_576} MB`);

export async function verificationRoutes(fastify: FastifyInstance, { settings }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const taskDeps = async (request: FastifyRequest): Promise<tasks.TaskDeps> => ({
    ctx: auditContextOf(request),
    actor: actorOf(request),
    events: app.events,
    timeZone: app.config.timeZone,
    quarantineDays: (await settings.read()).quarantineDays,
    crypto: app.fieldCrypto,
  });

  app.post('/api/v1/verification-lists/preview', {
    config: { access: { roles: LIST_MANAGERS, scope: [], readsOnly: true }, multipart: { form: z.object({ file: fileDoc, source: z.string().optional() }) } },
    schema: { tags, summary: 'A list’s headers against GridGuard’s fields, a suggested (or remembered) mapping and the first rows; creates nothing', response: { 200: ListPreview, ...errors } },
    handler: async (request) => {
      const upload = await receiveListUpload(request);
      try {
        return await previewList(app.db, app.fieldCrypto, app.config.dataDir, upload);
      } finally {
        removeUpload(app.config.dataDir, upload.ref);
      }
    },
  });

  app.post('/api/v1/verification-lists', {
    config: {
      access: { roles: LIST_MANAGERS, scope: [] },
      multipart: {
        form: z.object({
          file: fileDoc,
          name: z.string(),
          kind: z.enum(LIST_KINDS),
          regionId: RegionIdParam,
          source: z.string().optional(),
          deadlineHours: z.string().optional().meta({ description: 'default 24 for contact, 48 otherwise' }),
          mapping: z.string().optional().meta({ description: 'JSON: GridGuard field → the file’s header' }),
          replacesListId: RecordId.optional(),
          spotCheckShare: z.string().optional().meta({ description: 'percent of closed tasks a town draws as spot checks; default 10' }),
        }),
      },
    },
    schema: { tags, summary: 'Take a list in (multipart); answers {id} at once, the list reports its progress', response: { 202: z.object({ id: z.string() }), ...errors } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const upload = await receiveListUpload(request);
      try {
        const input = newListOf(upload.fields);
        const id = newId();
        const answer = await write(request, reply, 202, (tx) => createList(tx, actor, id, input, upload), { idempotencyBody: { ...upload.fields, sha256: upload.sha256 } });
        if (answer.id !== id) removeUpload(app.config.dataDir, upload.ref);
        else {
          const audit = auditContextOf(request);
          app.importQueue.add({ id, run: () => runTakeIn({ db: app.db, crypto: app.fieldCrypto, dataDir: app.config.dataDir, log: app.log, timeZone: app.config.timeZone }, { listId: id, audit }) });
        }
        return answer;
      } catch (err) {
        removeUpload(app.config.dataDir, upload.ref);
        throw err;
      }
    },
  });

  app.get('/api/v1/verification-lists', {
    config: { access: { roles: TASK_WORKERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'The lists covering a subtree, newest first', querystring: z.object({ regionId: RegionIdParam.optional() }), response: { 200: z.object({ items: z.array(VerificationList) }), ...errors } },
    handler: async (request) => ({ items: await listsOf(app.db, scopeOf(request).path) }),
  });

  app.get('/api/v1/verification-lists/:id', {
    config: { access: { roles: TASK_WORKERS, scope: [] } },
    schema: { tags, summary: 'A list: status, progress and counts', params: IdParam, response: { 200: VerificationList, ...errors } },
    handler: async (request) => toList(await readList(app.db, actorOf(request).regionPath, request.params.id, true)),
  });

  app.get('/api/v1/verification-lists/:id/progress', {
    config: { access: { roles: TASK_WORKERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'A list’s progress per child region of regionId (default: your region)', params: IdParam, querystring: z.object({ regionId: RegionIdParam.optional() }), response: { 200: z.object({ items: z.array(ListProgressRow) }), ...errors } },
    handler: async (request) => {
      const list = await readList(app.db, actorOf(request).regionPath, request.params.id, true);
      return { items: await listProgress(app.db, list, scopeOf(request)) };
    },
  });

  app.get('/api/v1/verification-lists/:id/feedback.xlsx', {
    config: { access: { roles: LIST_MANAGERS, scope: [] } },
    schema: { tags, summary: 'The list’s own rows, order and columns with outcome, region, checked-at and note added; masked unless reveal=true&purpose=… (audited)', params: IdParam, querystring: RevealQuery },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const grant = revealGrant(actor, request.query);
      const list = await readList(app.db, actor.regionPath, request.params.id);
      if (list.status !== 'done') throw new AppError('CONFLICT', `the list is ${list.status}: its feedback exists once it is taken in`);
      const file = await feedbackWorkbook(app.db, app.fieldCrypto, auditContextOf(request), list, grant, app.config.timeZone);
      reply.type(XLSX_TYPE).header('cache-control', 'no-store').header('content-disposition', `attachment; filename="feedback.xlsx"; filename*=UTF-8''${encodeURIComponent(`${list.name}-核查反馈.xlsx`)}`);
      return reply.send(file);
    },
  });

  app.get('/api/v1/verification-tasks', {
    config: { access: { roles: TASK_WORKERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Tasks of a subtree, soonest due first, ID and phone numbers masked', querystring: TaskListQuery, response: { 200: pageOf(VerificationTask), ...errors } },
    handler: (request) => tasks.listTasks(app.db, scopeOf(request), request.query),
  });

  app.get('/api/v1/verification-tasks/destinations', {
    config: { access: { roles: TASK_WORKERS, scope: [] } },
    schema: { tags, summary: 'The towns, villages and grids of your county (names only): where a person who left may have gone; the phone caches them', response: { 200: z.object({ items: z.array(TaskDestination) }), ...errors } },
    handler: async (request, reply) => {
      const county = ancestorPathAt(actorOf(request).regionPath, 'county') ?? actorOf(request).regionPath;
      reply.header('cache-control', 'private, max-age=300');
      return { items: (await countyDestinations(app.db, county)).map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id })) };
    },
  });

  app.get('/api/v1/verification-tasks/:id', {
    config: { access: { roles: TASK_WORKERS, scope: [task] } },
    schema: { tags, summary: 'One task (masked)', params: IdParam, response: { 200: VerificationTask, ...errors } },
    handler: (request) => tasks.getTask(app.db, request.params.id),
  });

  app.patch('/api/v1/verification-tasks/:id', {
    config: { access: { roles: TASK_MOVERS, scope: [task] } },
    schema: { tags, summary: 'Move the task to another region of the county (audited; the deadline keeps running)', params: IdParam, body: TaskMove, response: { 200: VerificationTask, ...errors } },
    handler: async (request, reply) => {
      const deps = await taskDeps(request);
      return write(request, reply, 200, (tx) => tasks.moveTask(tx, deps, request.params.id, request.body));
    },
  });

  app.post('/api/v1/verification-tasks/assign', {
    config: { access: { roles: LIST_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'Assign tasks (the unrouted pool) to a region by hand, in bulk', body: TaskAssign, response: { 200: z.object({ assigned: z.number().int() }), ...errors } },
    handler: async (request, reply) => {
      const deps = await taskDeps(request);
      return write(request, reply, 200, (tx) => tasks.assignTasks(tx, deps, scopeOf(request), request.body));
    },
  });

  app.post('/api/v1/verification-tasks/:id/outcome', {
    config: { access: { roles: TASK_WORKERS, scope: [task] } },
    schema: { tags, summary: 'Record what the door-to-door check found', params: IdParam, body: TaskOutcome, response: { 200: VerificationTask, ...errors } },
    handler: async (request, reply) => {
      const deps = await taskDeps(request);
      return write(request, reply, 200, (tx) => tasks.recordOutcome(tx, deps, request.params.id, request.body));
    },
  });

  app.post('/api/v1/verification-tasks/:id/review', {
    config: { access: { roles: TASK_REVIEWERS, scope: [task] } },
    schema: { tags, summary: 'Accept an outcome or send it back with a reason; not by the account that recorded it', params: IdParam, body: TaskReview, response: { 200: VerificationTask, ...errors } },
    handler: async (request, reply) => {
      const deps = await taskDeps(request);
      return write(request, reply, 200, (tx) => tasks.reviewTask(tx, deps, request.params.id, request.body));
    },
  });
}

// Arrival self-registration (扫码登记): village QR codes, the public registration, the verify queue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import {
  ARRIVAL_CODE_MANAGERS,
  ARRIVAL_VERIFIERS,
  ArrivalCode,
  ArrivalCodeCreate,
  ArrivalCodeListQuery,
  ArrivalEntry,
  ArrivalLink,
  ArrivalListQuery,
  ArrivalReject,
  ArrivalSummary,
  ArrivalSummaryQuery,
  ArrivalVerify,
  PublicArrivalCreate,
  PublicArrivalCreated,
  PublicArrivalPlace,
} from '../../../shared/arrivals.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { RevealQuery } from '../../../shared/reveal.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { countPhone, perAddress } from '../../platform/public-guard.ts';
import { revealGrant } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as codes from './arrivals.codes.ts';
import * as pub from './arrivals.public.ts';
import * as queue from './arrivals.queue.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const IdParam = z.object({ id: RecordId });
const TokenParam = z.object({ token: z.string().min(1).max(100) });

export async function arrivalsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // The poster's address: the configured public URL, else the origin the staff member is using.
  const baseUrl = (request: FastifyRequest) => app.config.publicUrl ?? `${request.protocol}://${request.host}`;
  const codeDeps = (request: FastifyRequest): codes.CodeDeps => ({ ctx: auditContextOf(request), actor: actorOf(request), baseUrl: baseUrl(request) });
  const queueDeps = (request: FastifyRequest): queue.QueueDeps => ({
    ctx: auditContextOf(request),
    actor: actorOf(request),
    events: app.events,
    crypto: app.fieldCrypto,
    timeZone: app.config.timeZone,
  });

  // ── Codes (staff) ──
  const codeTags = ['arrival-codes'];
  app.get('/api/v1/arrival-codes', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ query: 'regionId' }] } },
    schema: { tags: codeTags, summary: 'QR codes of the villages in a region’s subtree, newest first', querystring: ArrivalCodeListQuery, response: { 200: pageOf(ArrivalCode), ...errors } },
    handler: (request) => codes.listCodes(app.readDb, scopeOf(request), baseUrl(request), request.query),
  });

  app.post('/api/v1/arrival-codes', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags: codeTags, summary: 'Issue a village’s QR code (422 not a village; 409 when it has an active one: replace it)', body: ArrivalCodeCreate, response: { 201: ArrivalCode, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => codes.createCode(tx, codeDeps(request), scopeOf(request))),
  });

  app.get('/api/v1/arrival-codes/:id', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ param: 'id', entity: 'arrival_code' }] } },
    schema: { tags: codeTags, summary: 'One QR code', params: IdParam, response: { 200: ArrivalCode, ...errors } },
    handler: (request) => codes.getCode(app.db, request.params.id, baseUrl(request)),
  });

  app.post('/api/v1/arrival-codes/:id/revoke', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ param: 'id', entity: 'arrival_code' }] } },
    schema: { tags: codeTags, summary: 'Revoke a code: its token stops working at once (409 when revoked already)', params: IdParam, response: { 200: ArrivalCode, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => codes.revokeCode(tx, codeDeps(request), request.params.id)),
  });

  app.post('/api/v1/arrival-codes/:id/replace', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ param: 'id', entity: 'arrival_code' }] } },
    schema: { tags: codeTags, summary: 'Revoke a code and issue the village’s next one; answers the new code', params: IdParam, response: { 201: ArrivalCode, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => codes.replaceCode(tx, codeDeps(request), request.params.id)),
  });

  app.get('/api/v1/arrival-codes/:id/qr.svg', {
    config: { access: { roles: ARRIVAL_CODE_MANAGERS, scope: [{ param: 'id', entity: 'arrival_code' }] } },
    schema: { tags: codeTags, summary: 'The QR code of the code’s address, as SVG (for the poster)', params: IdParam },
    handler: async (request, reply) => {
      const code = await codes.getCode(app.db, request.params.id, baseUrl(request));
      const svg = await QRCode.toString(code.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', 'private, no-store');
      return reply.send(svg);
    },
  });

  // ── Public (no account) ──
  app.get('/api/v1/public/arrivals/codes/:token', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: { tags: ['public'], summary: 'What a poster’s QR code names: the village, town, county and its grids (404 when forged or revoked)', params: TokenParam, response: { 200: PublicArrivalPlace, ...publicErrors } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return pub.publicPlace(app.db, request.params.token);
    },
  });

  app.post('/api/v1/public/arrivals', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'arrivalPerAddress'),
    // A registration is a few hundred bytes: anything over 16 KB is refused (413) before parsing.
    bodyLimit: 16 * 1024,
    schema: { tags: ['public'], summary: 'Self-registration from a village QR code; answers a receipt with a short reference', body: PublicArrivalCreate, response: { 201: PublicArrivalCreated, ...publicErrors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) =>
        pub.registerArrival(
          tx,
          { ctx: auditContextOf(request), crypto: app.fieldCrypto, events: app.events, timeZone: app.config.timeZone, countPhone: (phone) => countPhone(request, 'arrivalPerPhone', phone) },
          request.body,
        ),
      ),
  });

  // ── The queue (staff) ──
  const tags = ['arrivals'];
  app.get('/api/v1/arrivals', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Entries in a region’s subtree, newest first; ID and phone masked; duplicates flagged', querystring: ArrivalListQuery, response: { 200: pageOf(ArrivalEntry), ...errors } },
    handler: (request) => queue.listEntries(app.readDb, actorOf(request), scopeOf(request), request.query),
  });

  app.get('/api/v1/arrivals/summary', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Entries by status and per day (county days)', querystring: ArrivalSummaryQuery, response: { 200: ArrivalSummary, ...errors } },
    handler: (request) => queue.summary(app.readDb, scopeOf(request), app.config.timeZone, request.query.days),
  });

  app.get('/api/v1/arrivals/:id', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ param: 'id', entity: 'arrival_entry' }] } },
    schema: {
      tags,
      summary: 'One entry (audited), ID and phone numbers masked; ?reveal=true&purpose=… shows them in full (audited with the purpose)',
      params: IdParam,
      querystring: RevealQuery,
      response: { 200: ArrivalEntry, ...errors },
    },
    handler: (request) => queue.getEntry(app.db, queueDeps(request), request.params.id, revealGrant(actorOf(request), request.query)),
  });

  app.post('/api/v1/arrivals/:id/verify', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ param: 'id', entity: 'arrival_entry' }] } },
    schema: { tags, summary: 'Register the person from the entry (409 DUPLICATE when the ID number is registered: link instead)', params: IdParam, body: ArrivalVerify, response: { 200: ArrivalEntry, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => queue.verifyEntry(tx, queueDeps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/arrivals/:id/link', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ param: 'id', entity: 'arrival_entry' }] } },
    schema: { tags, summary: 'Match the entry to the person already registered with its ID number', params: IdParam, body: ArrivalLink, response: { 200: ArrivalEntry, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => queue.linkEntry(tx, queueDeps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/arrivals/:id/reject', {
    config: { access: { roles: ARRIVAL_VERIFIERS, scope: [{ param: 'id', entity: 'arrival_entry' }] } },
    schema: { tags, summary: 'Reject the entry with a reason', params: IdParam, body: ArrivalReject, response: { 200: ArrivalEntry, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => queue.rejectEntry(tx, queueDeps(request), request.params.id, request.body)),
  });
}

// Arrival self-registration (扫码登记): village QR codes, public entries, the verify queue. (Being built: issue 6.)
import type { FastifyInstance } from 'fastify';

export async function arrivalsRoutes(_fastify: FastifyInstance) {}

// PLACEHOLDER being replaced by the demo-county generator (in progress this session).
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connect.ts';
import type { FieldCrypto } from '../platform/crypto.ts';

export async function loadDemoIfEmpty(
  _database: Database,
  _crypto: FieldCrypto,
  opts: { people: number; log: FastifyBaseLogger },
): Promise<void> {
  opts.log.warn('demo county generator not built yet');
}

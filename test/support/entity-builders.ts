// For the scope test: how to make one record of each scoped entity inside a given region.
// A module that registers an entity scope adds its builder here, or the scope test fails.
import type { FastifyInstance } from 'fastify';
import { signIn } from './app.ts';

export type EntityBuilder = (app: FastifyInstance, regionId: number) => Promise<string>;

export const entityBuilders: Record<string, EntityBuilder> = {
  region: async (_app, regionId) => String(regionId),
  user: async (app, regionId) => (await signIn(app, 'grid_worker', regionId)).user.id,
};

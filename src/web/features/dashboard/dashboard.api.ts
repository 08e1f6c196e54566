// The dashboard's reads: figures from the counters, the map's boundaries, and the boundary import.
import { z } from 'zod';
import { BoundaryImportResult, RegionFigures, type RegionMap, StatsBreakdown, StatsTrend } from '../../../shared/stats.ts';
import { request } from '../../lib/api.ts';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  figures: ['dashboard', 'figures'] as const,
  summary: (regionId: number) => ['dashboard', 'figures', 'summary', regionId] as const,
  breakdown: (regionId: number) => ['dashboard', 'figures', 'breakdown', regionId] as const,
  trend: (regionId: number, days: number) => ['dashboard', 'figures', 'trend', regionId, days] as const,
  map: (regionId: number) => ['dashboard', 'map', regionId] as const,
  region: (regionId: number) => ['dashboard', 'region', regionId] as const,
};

export const getSummary = (regionId: number) => request('/stats/summary', RegionFigures, { query: { regionId } });
export const getBreakdown = (regionId: number) => request('/stats/breakdown', StatsBreakdown, { query: { regionId } });
export const getTrend = (regionId: number, days: number) => request('/stats/trend', StatsTrend, { query: { regionId, days } });

const MapSchema = z.custom<RegionMap>((v) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'FeatureCollection');
export const getRegionMap = (regionId: number) => request(`/regions/${regionId}/map`, MapSchema);

const RegionPath = z.object({ id: z.number(), name: z.string(), level: z.string(), path: z.array(z.object({ id: z.number(), name: z.string(), level: z.string() })) });
export const getRegionPath = (regionId: number) => request(`/regions/${regionId}`, RegionPath);

export const importBoundaries = (regionId: number, collection: unknown, idempotencyKey: string) =>
  request(`/regions/${regionId}/boundaries`, BoundaryImportResult, { method: 'POST', body: collection, idempotencyKey });

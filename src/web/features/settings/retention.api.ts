// Retention settings, the purge's dry run and progress, and stand-downs (解除).
import { z } from 'zod';
import { PurgePreview, PurgeStatus, RetentionSettings, type RetentionUpdate, StandDown, type StandDownCreate } from '../../../shared/retention.ts';
import { request } from '../../lib/api.ts';

export const retentionKeys = {
  policies: ['retention'] as const,
  preview: ['retention', 'preview'] as const,
  run: ['retention', 'run'] as const,
  standDowns: (regionId?: number) => ['stand-downs', regionId ?? 'own'] as const,
};

export const getRetention = () => request('/retention', RetentionSettings);
export const putRetention = (body: RetentionUpdate, idempotencyKey: string) => request('/retention', RetentionSettings, { method: 'PUT', body, idempotencyKey });
export const getPurgePreview = () => request('/retention/purge-preview', PurgePreview);
export const getPurgeRun = () => request('/retention/purge', PurgeStatus);
export const startPurge = () => request('/retention/purge', PurgeStatus, { method: 'POST' });

const StandDownList = z.object({ items: z.array(StandDown) });
export const getStandDowns = (regionId?: number) => request(regionId ? `/stand-downs?regionId=${regionId}` : '/stand-downs', StandDownList);
export const recordStandDown = (body: StandDownCreate, idempotencyKey: string) => request('/stand-downs', StandDown, { method: 'POST', body, idempotencyKey });
export const revokeStandDown = (id: string) => request(`/stand-downs/${id}`, z.null(), { method: 'DELETE' });

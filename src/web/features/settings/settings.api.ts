// County settings: the daily report's deadline and reminder time, and the quarantine period.
import { CountySettings } from '../../../shared/reports.ts';
import { request } from '../../lib/api.ts';

export const settingsKeys = { all: ['settings'] as const };

export const getSettings = () => request('/settings', CountySettings);

export const patchSettings = (patch: Partial<Pick<CountySettings, 'reportDeadline' | 'reminderTime' | 'quarantineDays' | 'handoverDeadlineHours'>>, idempotencyKey: string) =>
  request('/settings', CountySettings, { method: 'PATCH', body: patch, idempotencyKey });

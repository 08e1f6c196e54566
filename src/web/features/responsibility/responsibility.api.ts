// Responsibility by name: a person's five responsible people, the named people of grids and
// micro-grids with coverage, the HQ view, and what alerts told the responsible people.
import { z } from 'zod';
import {
  Responsible,
  ResponsibilityLoad,
  ResponsibleMessage,
  type ResponsiblePut,
  Volunteer,
  VolunteerCoverage,
  type VolunteerCreate,
} from '../../../shared/responsibility.ts';
import { request } from '../../lib/api.ts';

const id = (x: string) => encodeURIComponent(x);
const Messages = z.object({ items: z.array(ResponsibleMessage), nextCursor: z.null() });
const Volunteers = z.object({ items: z.array(Volunteer), nextCursor: z.null() });

export const responsibilityKeys = {
  person: (personId: string) => ['responsibility', 'person', personId] as const,
  load: (regionId: number | undefined) => ['responsibility', 'load', regionId ?? 0] as const,
  volunteers: (regionId: number) => ['responsibility', 'volunteers', regionId] as const,
  coverage: (regionId: number | undefined) => ['responsibility', 'coverage', regionId ?? 0] as const,
  alertMessages: (alertId: string) => ['responsibility', 'alert', alertId] as const,
  mine: ['responsibility', 'mine'] as const,
};

export const getResponsible = (personId: string) => request(`/persons/${id(personId)}/responsible`, Responsible);
export const putResponsible = (personId: string, body: ResponsiblePut) => request(`/persons/${id(personId)}/responsible`, Responsible, { method: 'PUT', body });
export const getLoad = (regionId?: number) => request('/responsibility/load', ResponsibilityLoad, { query: { regionId, limit: 20 } });
export const listVolunteers = (regionId: number) => request('/volunteers', Volunteers, { query: { regionId } });
export const getCoverage = (regionId?: number) => request('/volunteers/coverage', VolunteerCoverage, { query: { regionId } });
export const addVolunteer = (body: VolunteerCreate, idempotencyKey: string) => request('/volunteers', Volunteer, { method: 'POST', body, idempotencyKey });
export const endVolunteer = (volunteerId: string) => request(`/volunteers/${id(volunteerId)}`, z.object({ id: z.string(), endedAt: z.string() }), { method: 'DELETE' });
export const alertMessages = (alertId: string) => request(`/quarantines/alerts/${id(alertId)}/messages`, Messages);
export const myMessages = () => request('/responsible/messages', Messages);
export const markMessageRead = (messageId: string) => request(`/responsible/messages/${id(messageId)}/read`, ResponsibleMessage, { method: 'POST' });

// 离开辖区: the requests and query keys of the departure dialog and the 协查函 page.
import { z } from 'zod';
import { Departure, type DepartureCreate, NeighbourCounty } from '../../../shared/handovers.ts';
import { request } from '../../lib/api.ts';

export const departureKeys = {
  neighbours: ['departures', 'neighbours'] as const,
  of: (personId: string) => ['departures', 'person', personId] as const,
};

export const listNeighbourCounties = () => request('/departures/neighbours', z.object({ items: z.array(NeighbourCounty) }));

export const recordDeparture = (personId: string, input: DepartureCreate, idempotencyKey: string) =>
  request(`/persons/${encodeURIComponent(personId)}/departure`, Departure, { method: 'POST', body: input, idempotencyKey });

export const getDeparture = (personId: string) => request(`/persons/${encodeURIComponent(personId)}/departure`, Departure);

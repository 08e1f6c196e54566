// The colours of one household's people, for the household page's person list. Keyed under
// the household's person list, so whatever refreshes the list (an edit, a new person) refreshes
// the colours too. People without a row are green.
import { useQuery } from '@tanstack/react-query';
import type { RiskColour } from '../../../shared/risk.ts';
import { listRiskPersons } from './risk.api.ts';

export interface PersonRisk {
  colour: RiskColour;
  reasons: string[];
}

export function useHouseholdRisk(householdId: string, regionId: number | undefined): (personId: string) => PersonRisk | null {
  const risk = useQuery({
    queryKey: ['households', 'persons', householdId, 'risk'],
    queryFn: () => listRiskPersons({ regionId: regionId as number, householdId, limit: 500 }),
    enabled: regionId !== undefined,
    retry: false,
  });
  const byId = new Map((risk.data?.items ?? []).map((p) => [p.personId, { colour: p.colour, reasons: p.reasons }]));
  return (personId) => (risk.isSuccess ? byId.get(personId) ?? { colour: 'green', reasons: [] } : null);
}

// The contract's constant lists and limits as the browser apps get them without zod, put in at
// build time from src/shared (scripts/contract.ts): the same values, typed as the originals.
import type { REGISTRARS, ROLES } from '../shared/accounts.ts';
import type { ARRIVAL_REJECT_REASONS, ARRIVAL_VERIFIERS } from '../shared/arrivals.ts';
import type { CURRENT_DUTIES_VERSION, MAX_SCAN_BYTES } from '../shared/forms.ts';
import type { CONFLICT_RESOLVERS, DWELLING_RELATIONS, PERSON_CATEGORIES, TRAVEL_MODES, VISIT_CHECKS, VISIT_OUTCOMES } from '../shared/households.ts';
import type { CHECK_RESULTS, CHECKLIST_ITEMS, INSPECTORS } from '../shared/inspections.ts';
import type { MAX_PATROL_PHOTO_BYTES, MAX_PATROL_PHOTOS, PATROL_FIGURES, PATROL_LOG_WRITERS } from '../shared/patrol-logs.ts';
import type { FEVER_AT, QUARANTINE_WRITERS, SYMPTOMS, TEMPERATURE_MAX, TEMPERATURE_MIN } from '../shared/quarantine.ts';
import type { OUTCOMES } from '../shared/verification.ts';

declare const __CONTRACT_VALUES__: {
  ROLES: typeof ROLES;
  REGISTRARS: typeof REGISTRARS;
  ARRIVAL_VERIFIERS: typeof ARRIVAL_VERIFIERS;
  ARRIVAL_REJECT_REASONS: typeof ARRIVAL_REJECT_REASONS;
  CONFLICT_RESOLVERS: typeof CONFLICT_RESOLVERS;
  PERSON_CATEGORIES: typeof PERSON_CATEGORIES;
  TRAVEL_MODES: typeof TRAVEL_MODES;
  DWELLING_RELATIONS: typeof DWELLING_RELATIONS;
  VISIT_OUTCOMES: typeof VISIT_OUTCOMES;
  VISIT_CHECKS: typeof VISIT_CHECKS;
  CURRENT_DUTIES_VERSION: typeof CURRENT_DUTIES_VERSION;
  MAX_SCAN_BYTES: typeof MAX_SCAN_BYTES;
  CHECKLIST_ITEMS: typeof CHECKLIST_ITEMS;
  CHECK_RESULTS: typeof CHECK_RESULTS;
  INSPECTORS: typeof INSPECTORS;
  PATROL_FIGURES: typeof PATROL_FIGURES;
  PATROL_LOG_WRITERS: typeof PATROL_LOG_WRITERS;
  MAX_PATROL_PHOTOS: typeof MAX_PATROL_PHOTOS;
  MAX_PATROL_PHOTO_BYTES: typeof MAX_PATROL_PHOTO_BYTES;
  SYMPTOMS: typeof SYMPTOMS;
  FEVER_AT: typeof FEVER_AT;
  TEMPERATURE_MIN: typeof TEMPERATURE_MIN;
  TEMPERATURE_MAX: typeof TEMPERATURE_MAX;
  QUARANTINE_WRITERS: typeof QUARANTINE_WRITERS;
  VERIFICATION_OUTCOMES: typeof OUTCOMES;
};

export const values = __CONTRACT_VALUES__;

// The part of the contract (src/shared) the phone app needs, made at build time in Node: the
// request schemas as JSON Schema, and the constant lists and limits. The phone then checks what
// it queues against the contract's own schemas and uses its own lists without shipping zod
// (~90 KB gzipped, more than half the phone's budget): src/shared's modules build zod schemas at
// load time, so importing a single constant from one of them pulls zod into the bundle.
// vite.config.ts and vitest.config.ts hand the result to the code as __CONTRACT_SCHEMAS__ and
// __CONTRACT_VALUES__ (src/client/contract.ts and contract-values.ts read them; two names, so a
// page that needs a list does not carry the schemas).
import { z } from 'zod';
import { REGISTRARS, ROLES } from '../src/shared/accounts.ts';
import { ARRIVAL_REJECT_REASONS, ARRIVAL_VERIFIERS } from '../src/shared/arrivals.ts';
import { CURRENT_DUTIES_VERSION, FormCreate, MAX_SCAN_BYTES, SignatureDrawn } from '../src/shared/forms.ts';
import {
  CONFLICT_RESOLVERS, DWELLING_RELATIONS, HouseholdCreate, PERSON_CATEGORIES, PersonCreate, TRAVEL_MODES, VISIT_CHECKS, VISIT_OUTCOMES, VisitCreate,
} from '../src/shared/households.ts';
import { CHECK_RESULTS, CHECKLIST_ITEMS, INSPECTORS } from '../src/shared/inspections.ts';
import { MAX_PATROL_PHOTO_BYTES, MAX_PATROL_PHOTOS, PATROL_FIGURES, PATROL_LOG_WRITERS } from '../src/shared/patrol-logs.ts';
import { FEVER_AT, QUARANTINE_WRITERS, SYMPTOMS, TEMPERATURE_MAX, TEMPERATURE_MIN } from '../src/shared/quarantine.ts';
import { OUTCOMES as VERIFICATION_OUTCOMES } from '../src/shared/verification.ts';

const REQUEST_SCHEMAS = { HouseholdCreate, PersonCreate, VisitCreate, FormCreate, SignatureDrawn } as const;

/** The schemas and the values; their types are what src/client/contract*.ts declare. */
export function contractForClients() {
  const schemas = Object.fromEntries(
    Object.entries(REQUEST_SCHEMAS).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]),
  ) as Record<keyof typeof REQUEST_SCHEMAS, object>;
  return {
    schemas,
    values: {
      ROLES, REGISTRARS, ARRIVAL_VERIFIERS, ARRIVAL_REJECT_REASONS, CONFLICT_RESOLVERS,
      PERSON_CATEGORIES, TRAVEL_MODES, DWELLING_RELATIONS, VISIT_OUTCOMES, VISIT_CHECKS,
      CURRENT_DUTIES_VERSION, MAX_SCAN_BYTES,
      CHECKLIST_ITEMS, CHECK_RESULTS, INSPECTORS,
      PATROL_FIGURES, PATROL_LOG_WRITERS, MAX_PATROL_PHOTOS, MAX_PATROL_PHOTO_BYTES,
      SYMPTOMS, FEVER_AT, TEMPERATURE_MIN, TEMPERATURE_MAX, QUARANTINE_WRITERS,
      VERIFICATION_OUTCOMES,
    },
  };
}

/** The `define` entries both configs add. */
export function contractDefine(): Record<string, string> {
  const { schemas, values } = contractForClients();
  return { __CONTRACT_SCHEMAS__: JSON.stringify(schemas), __CONTRACT_VALUES__: JSON.stringify(values) };
}

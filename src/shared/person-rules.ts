// The rules a person's fields obey beyond each field's own format, once for every place that
// takes a person: the API (persons.service.ts), the people import (person-row.ts), the grid
// worker's phone before it queues a change (offline/household-changes.ts) and the staff form
// (PersonDrawer.tsx). Each says which field is wrong; the API words the message, the import and
// the phone keep the code and the field.
import type { Person, PersonCategory, PersonCreate } from './households.ts';

export type CategoryField = 'origin' | 'arrivedOn' | 'travelMode' | 'employer';

/** The fields a category carries beyond everyone's, in form order: a returnee's journey, a migrant worker's employer. */
export const CATEGORY_FIELDS: Record<PersonCategory, readonly CategoryField[]> = {
  resident: [],
  floating: [],
  returnee: ['origin', 'arrivedOn', 'travelMode'],
  migrant_worker: ['employer'],
  tenant: [],
  visitor: [],
};

export type PersonRuleCode = 'key_person_reason' | 'returnee_needs' | 'date_future';

/** Each rule: the sentence the API's message ends with, and what it says next to a field. */
export const PERSON_RULES: Record<PersonRuleCode, { summary: string; detail: string }> = {
  key_person_reason: { summary: 'a key person needs a reason', detail: 'required for a key person' },
  returnee_needs: { summary: 'a returnee needs where from and when', detail: 'required for a returnee' },
  date_future: { summary: 'in the future', detail: 'cannot be in the future' },
};

/** What a category requires of its own fields, and the rule that says so. */
const CATEGORY_REQUIRES: Partial<Record<PersonCategory, { fields: readonly ('origin' | 'arrivedOn')[]; code: PersonRuleCode }>> = {
  returnee: { fields: ['origin', 'arrivedOn'], code: 'returnee_needs' },
};

/** The fields the category requires (a returnee: where from and when). */
export const requiredFor = (category: PersonCategory | null | undefined): readonly string[] => (category ? CATEGORY_REQUIRES[category]?.fields ?? [] : []);

/** Whether a person of this category carries the field (the forms show it, the payload keeps it). */
export const carries = (category: PersonCategory | null | undefined, field: CategoryField): boolean => (category ? CATEGORY_FIELDS[category].includes(field) : false);

export interface PersonFacts {
  category?: PersonCategory | null;
  origin?: string | null;
  arrivedOn?: string | null;
  keyPerson?: boolean | null;
  keyPersonReason?: string | null;
}

export interface PersonRuleIssue {
  path: 'keyPersonReason' | 'origin' | 'arrivedOn';
  code: PersonRuleCode;
  message: string;
}

const issue = (path: PersonRuleIssue['path'], code: PersonRuleCode): PersonRuleIssue => ({ path, code, message: PERSON_RULES[code].detail });

/** A key person needs a reason. */
export const keyPersonIssues = (p: PersonFacts): PersonRuleIssue[] => (p.keyPerson && !p.keyPersonReason ? [issue('keyPersonReason', 'key_person_reason')] : []);

/** A category needs its required fields (a returnee: where from and when). */
export function categoryIssues(p: PersonFacts): PersonRuleIssue[] {
  const requires = p.category ? CATEGORY_REQUIRES[p.category] : undefined;
  return requires ? requires.fields.filter((field) => !p[field]).map((field) => issue(field, requires.code)) : [];
}

/** Nobody arrives after today (YYYY-MM-DD, the county's day). */
export const arrivalIssues = (p: PersonFacts, today: string): PersonRuleIssue[] => (p.arrivedOn && p.arrivedOn > today ? [issue('arrivedOn', 'date_future')] : []);

/** Everything the person's values break, rule by rule in this order. */
export const personRuleIssues = (p: PersonFacts, today: string): PersonRuleIssue[] => [...keyPersonIssues(p), ...categoryIssues(p), ...arrivalIssues(p, today)];

/** A person's own fields: all but where the person lives, the numbers, and what the record keeps by itself. */
export type PersonOwnFields = Omit<Person, 'id' | 'householdId' | 'regionId' | 'idNumber' | 'phone' | 'gender' | 'birthDate' | 'version' | 'updatedAt'>;
/** A new person's own fields as the API will answer them (absent ones null): what the phone shows until the server has. */
export const ownFieldsOf = (p: PersonCreate): PersonOwnFields => ({
  name: p.name,
  category: p.category,
  origin: p.origin ?? null,
  arrivedOn: p.arrivedOn ?? null,
  travelMode: p.travelMode ?? null,
  employer: p.employer ?? null,
  dwellingRelation: p.dwellingRelation ?? null,
  keyPerson: p.keyPerson,
  keyPersonReason: p.keyPersonReason ?? null,
});

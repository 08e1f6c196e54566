// A person field's name lives once: every word of the table names a field of the person's request
// schema, and the staff console's person form, the phone form, the change history and the field
// names of errors all read it.
import { describe, expect, it } from 'vitest';
import { en } from '../web/i18n/en.ts';
import { fieldNames } from '../web/i18n/field-names.ts';
import { zhCN } from '../web/i18n/zh-CN.ts';
import { PersonCreate } from './households.ts';
import { PERSON_FIELD_WORDS } from './person-field-words.ts';

describe('person field words', () => {
  const fields = Object.keys(PERSON_FIELD_WORDS) as (keyof typeof PERSON_FIELD_WORDS)[];

  it('names only fields a person request carries', () => {
    const known = Object.keys(PersonCreate.shape);
    expect(fields.filter((f) => !known.includes(f))).toEqual([]);
  });

  it.each(fields)('%s reads the same in the person form, the phone form and the change history', (field) => {
    const [zh, english] = PERSON_FIELD_WORDS[field];
    expect([zhCN.persons[field], zhCN.field[field], zhCN.householdEdit.fields[field]]).toEqual([zh, zh, zh]);
    expect([en.persons[field], en.field[field], en.householdEdit.fields[field]]).toEqual([english, english, english]);
    expect(fieldNames['zh-CN'][field]).toBeTruthy();
    expect(fieldNames.en[field]).toBeTruthy();
  });
});

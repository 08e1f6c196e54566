// The names of a person's fields in Chinese and English, in one place: the staff console's person
// form and household page (`persons.*`), the phone app's form (`field.*`), the change history
// (`householdEdit.fields.*`) and the field names of validation errors (web/i18n/field-names.ts)
// all read them, so a new person field is named here once. A namespace that words a field its own
// way (`origin`: 来源地 / "Coming from" vs "Came from") says so after the spread.
export const PERSON_FIELD_WORDS = {
  idNumber: ['身份证号', 'ID number'],
  phone: ['手机号', 'Mobile'],
  category: ['人员类别', 'Category'],
  arrivedOn: ['抵达日期', 'Arrived on'],
  employer: ['工作单位', 'Employer'],
  keyPerson: ['重点人员', 'Key person'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;

type PersonFieldWords = { readonly [K in keyof typeof PERSON_FIELD_WORDS]: string };

function wordsIn(language: 0 | 1): PersonFieldWords {
  return Object.fromEntries(Object.entries(PERSON_FIELD_WORDS).map(([field, words]) => [field, words[language]])) as PersonFieldWords;
}

export const PERSON_FIELD_WORDS_ZH = wordsIn(0);
export const PERSON_FIELD_WORDS_EN = wordsIn(1);

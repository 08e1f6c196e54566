// The public pages (tips, arrivals, notices) show every error code the server can answer in the
// reader's language — never the server's English sentence — in Chinese and in English.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../shared/errors.ts';

// i18n.ts reads the saved language and sets the page title on load: give it a document and storage.
vi.hoisted(() => {
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    document: { documentElement: {}, title: '' },
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) },
  });
});

const { ApiError } = await import('./api.ts');
const { formErrorsOf } = await import('./errors.ts');
const { setLang } = await import('./i18n.ts');

const SENTENCE = 'Something the server said in English';

beforeAll(() => setLang('zh'));

describe('public pages: every server error code', () => {
  it.each(Object.keys(ErrorCodes).filter((c) => ErrorCodes[c as keyof typeof ErrorCodes] < 500 && ErrorCodes[c as keyof typeof ErrorCodes] !== 429 && c !== 'IDEMPOTENCY_KEY_REUSED'))(
    '%s has its own words in Chinese and English',
    (code) => {
      const err = new ApiError(ErrorCodes[code as keyof typeof ErrorCodes], code, SENTENCE, [{ path: 'somethingElse', message: SENTENCE }]);
      setLang('zh');
      const zh = formErrorsOf(err, () => null).message ?? '';
      expect(zh).not.toContain(SENTENCE);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      setLang('en');
      const english = formErrorsOf(err, () => null).message ?? '';
      expect(english).not.toContain(SENTENCE);
      expect(english).not.toMatch(/[\u4e00-\u9fff]/);
      expect(english).not.toBe(zh);
    },
  );
});

describe('public pages: the fields a refusal names', () => {
  it('names a field the form does not show in the reader’s language, never the API’s English path', () => {
    const err = new ApiError(422, 'VALIDATION_ERROR', SENTENCE, [{ path: 'body.idNumber', message: SENTENCE }]);
    setLang('zh');
    expect(formErrorsOf(err, () => null).message).toMatch(/（身份证号）$/);
    setLang('en');
    expect(formErrorsOf(err, () => null).message).toMatch(/\(ID number\)$/);
    setLang('zh');
  });
});

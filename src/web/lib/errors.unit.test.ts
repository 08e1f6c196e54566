// Every error code the server can answer has its words in both languages, and a full disk is
// said plainly, without the server's English sentence tacked on.
import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../../shared/errors.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { ApiError } from './api.ts';
import { fieldPathText } from '../i18n/field-names.ts';
import { errorText } from './errors.ts';

// errors.ts reaches the app's i18n setup, which sets <html lang> on load: give it a document.
vi.hoisted(() => {
  if (!('document' in globalThis)) Object.assign(globalThis, { document: { documentElement: {} } });
});

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } }));

describe('error texts', () => {
  it('has Chinese and English for every error code of the contract', () => {
    for (const code of Object.keys(ErrorCodes)) {
      expect(zhCN.errors, code).toHaveProperty(code);
      expect(en.errors, code).toHaveProperty(code);
    }
  });

  it('tells that the server storage is full and nothing was saved', async () => {
    const full = new ApiError(503, 'STORAGE_FULL', "The server's storage is full, so nothing was saved: try again later.");
    await i18n.changeLanguage('zh-CN');
    expect(errorText(full, i18n.t.bind(i18n), 'zh-CN')).toBe('服务器存储空间已满，本次内容未保存。请稍后重试，并告知系统管理员');
    await i18n.changeLanguage('en');
    expect(errorText(full, i18n.t.bind(i18n), 'en')).toMatch(/^The server's storage is full, so this was not saved/);
  });
});

describe('every code the server can answer, in both languages', () => {
  const sentence = 'Something the server said in English';
  it.each(Object.keys(ErrorCodes))('%s reads in Chinese without the server’s English, and in English', async (code) => {
    const err = new ApiError(ErrorCodes[code as keyof typeof ErrorCodes], code, sentence);
    await i18n.changeLanguage('zh-CN');
    const zh = errorText(err, i18n.t.bind(i18n), 'zh-CN');
    expect(zh.startsWith((zhCN.errors as Record<string, string>)[code] as string)).toBe(true);
    expect(zh).not.toMatch(/[A-Za-z]{3,}/);
    await i18n.changeLanguage('en');
    const english = errorText(err, i18n.t.bind(i18n), 'en');
    expect(english).toMatch(/[A-Za-z]/);
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('field names of validation errors', () => {
  it('reads a nested server path in Chinese and English, without the request part', () => {
    expect(fieldPathText('body.fields.tenants.0.idNumber', 'zh-CN')).toBe('表单内容 · 租户 · 第 1 项 · 身份证号');
    expect(fieldPathText('body.fields.tenants.0.idNumber', 'en')).toBe('form fields · tenants · #1 · ID number');
    expect(fieldPathText('query.regionId', 'zh-CN')).toBe('所属区域');
  });
});

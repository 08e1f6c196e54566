// A refused spreadsheet is worded in the reader's language with the limit it passed, whether it
// was refused at upload (the answer's details) or by its job; a waiting import shows its place.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { jobErrorText, queuePlaceText, uploadRefusalText } from './file-errors.ts';

const zh = i18next.createInstance();
const english = i18next.createInstance();
beforeAll(async () => {
  await zh.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  await english.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

describe('spreadsheet refusals in the reader’s language', () => {
  it('words an upload refused for a limit from the code and the details’ parameters', () => {
    const err = new ApiError(413, 'FILE_TOO_LARGE_UNPACKED', 'file: unpacked, the file is larger than 1536 MB: split it into smaller files', [
      { path: 'file', message: 'unpacked, the file is larger than 1536 MB: split it into smaller files' },
      { path: 'file.max', message: '1536' },
    ]);
    expect(uploadRefusalText(err, 'zh')).toBe('解压后超过 1536 MB，请拆分成较小的文件');
    expect(uploadRefusalText(err, 'en')).toBe('unpacked, the file is larger than 1536 MB: split it into smaller files');
    expect(uploadRefusalText(new ApiError(403, 'FORBIDDEN', 'regionId: outside your region'), 'zh')).toBeNull();
  });

  it('words a job’s refusal with its row and column, and keeps an uncoded error as the server said it', () => {
    const job = { error: 'row 7, column C: the cell is longer than 32767 characters', errorCode: 'CELL_TOO_LONG', errorParams: { row: 7, column: 'C', max: 32767 } };
    expect(jobErrorText(job, 'zh')).toBe('第 7 行 C 列的单元格超过 32767 个字符');
    expect(jobErrorText({ error: 'row 1 must hold the headers; it is empty' }, 'zh')).toBe('row 1 must hold the headers; it is empty');
    expect(jobErrorText({}, 'zh')).toBeNull();
  });

  it('shows a waiting import its place in the queue', () => {
    expect(queuePlaceText(3, zh.t.bind(zh))).toBe('排队中，前面还有 3 个');
    expect(queuePlaceText(0, zh.t.bind(zh))).toBe('排队中，下一个开始');
    expect(queuePlaceText(undefined, zh.t.bind(zh))).toBe('排队中');
    expect(queuePlaceText(2, english.t.bind(english))).toBe('Queued: 2 ahead');
  });
});

// Example texts (placeholders, hints) must not single out a place as a source of infection:
// no catalog a user reads — staff console, phone app, public pages — names one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const CATALOGS = [
  ...fs.readdirSync(path.join(root, 'web/i18n/parts')).map((f) => `web/i18n/parts/${f}`),
  'web/i18n/zh-CN.ts',
  'web/i18n/en.ts',
  'field/texts.ts',
  'field/texts-en.ts',
  'public/i18n.ts',
];
const STIGMATISED = /武汉|湖北|Wuhan|Hubei/;

describe('example texts', () => {
  it.each(CATALOGS)('%s names no place as an example origin', (file) => {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    const hits = lines.map((line, i) => `${i + 1}: ${line.trim()}`).filter((line) => STIGMATISED.test(line));
    expect(hits).toEqual([]);
  });
});

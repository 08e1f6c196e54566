// A server field path (details[].path of a 422, in the API's English) in the user's language,
// for the web app and the public pages alike, each with its own table of names:
// "fields.tenants.0.name" → "表单内容 · 租户 · 第 1 项 · 姓名". The request part ("body.",
// "query.") is left out; a name the table lacks stays as the server wrote it.
const REQUEST_PARTS = new Set(['body', 'query', 'querystring', 'params']);

export function fieldPathText(path: string, names: Readonly<Record<string, string>>, english: boolean): string {
  return path
    .split('.')
    .filter((part, i) => !(i === 0 && REQUEST_PARTS.has(part)))
    .map((part) => (/^\d+$/.test(part) ? (english ? `#${Number(part) + 1}` : `第 ${Number(part) + 1} 项`) : (names[part] ?? part)))
    .join(' · ');
}

/** A table of [Chinese, English] names as one name table per language. */
export function namesByLanguage(names: Readonly<Record<string, readonly [zh: string, en: string]>>): Record<'zh-CN' | 'en', Record<string, string>> {
  const entries = Object.entries(names);
  return { 'zh-CN': Object.fromEntries(entries.map(([k, [zh]]) => [k, zh])), en: Object.fromEntries(entries.map(([k, [, en]]) => [k, en])) };
}

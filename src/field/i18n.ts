// The phone app's text: the staff app's shared namespaces (web/i18n/parts/core-*.ts), the phone's
// own (texts.ts) and the namespaces a lazy page brings with it (addTexts) — no i18next, and
// English downloaded only when someone switches to it. Keys and {{name}} placeholders as in the
// staff app, so the same dictionaries serve both.
import { coreZh } from '../web/i18n/parts/core-zh.ts';
import { createStore } from '../client/store.ts';
import { phoneZh } from './texts.ts';

export type Lang = 'zh' | 'en';
type Tree = { [key: string]: string | string[] | Tree };

const STORE_KEY = 'gridguard.lang';
const zh: Tree = { ...coreZh, phone: phoneZh };
let en: Tree | null = null;
const pageTexts: { ns: string; zh: Tree; en: Tree }[] = [];

function stored(): Lang {
  try {
    // The staff app keeps 'en' or 'zh-CN' under the same key: one choice for both apps.
    return localStorage.getItem(STORE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
const lang = createStore<Lang>('zh');

async function loadEnglish(): Promise<void> {
  if (en) return;
  const [{ coreEn }, { phoneEn }] = await Promise.all([import('../web/i18n/parts/core-en.ts'), import('./texts-en.ts')]);
  en = { ...coreEn, phone: phoneEn };
  for (const p of pageTexts) en[p.ns] = p.en;
}

function apply(next: Lang): void {
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  lang.set(next);
}

export async function setLang(next: Lang): Promise<void> {
  if (next === 'en') await loadEnglish();
  try {
    localStorage.setItem(STORE_KEY, next === 'en' ? 'en' : 'zh-CN');
  } catch {
    // Not kept: the choice lasts for this page load.
  }
  apply(next);
}

/** At start: the language chosen before (English is fetched first; Chinese shows meanwhile). */
export function initLang(): void {
  if (stored() === 'en') void loadEnglish().then(() => apply('en'), () => undefined);
}

/** A lazy page's namespace (e.g. the staff app's `arrivals` part), in both languages. */
export function addTexts(ns: string, zhTexts: object, enTexts: object): void {
  zh[ns] = zhTexts as Tree;
  pageTexts.push({ ns, zh: zhTexts as Tree, en: enTexts as Tree });
  if (en) en[ns] = enTexts as Tree;
}

function lookup(tree: Tree | null, key: string): string | undefined {
  let node: string | string[] | Tree | undefined = tree ?? undefined;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text of `key` in the current language (Chinese when English lacks it), {{name}} filled in. */
export function t(key: string, vars?: Record<string, string | number>, fallback?: string): string {
  const text = (lang.get() === 'en' ? lookup(en, key) : undefined) ?? lookup(zh, key) ?? fallback ?? key;
  return vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export const currentLang = (): Lang => lang.get();

/** Re-renders the caller when the language changes. */
export const useLang = (): Lang => lang.use();

/** A server message (English) in the worker's words when the dictionary knows it. */
export function serverText(message: string): string {
  const table = ((lang.get() === 'en' ? en?.server : undefined) ?? zh.server) as Record<string, string>;
  return table[message] ?? message;
}

// Notice bodies are Markdown written by staff and read by anyone: rendered here, on the server,
// with raw HTML escaped (html: false) and only http(s) links or our own notice-image URLs
// allowed, so nothing a writer (or a stolen staff account) types can run in a reader's browser.
// The same parse yields the plain text for the loudspeaker script and the social-media text.
import MarkdownIt from 'markdown-it';
import { SOCIAL_TEXT_MAX } from '../../../shared/notices.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** Public image URLs as the upload answer gives them; the only relative URLs allowed. */
export const NOTICE_IMAGE_PATH = '/api/v1/public/notice-images/';
const IMAGE_URL_RE = /^\/api\/v1\/public\/notice-images\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const HTTP_RE = /^https?:\/\/[^\s/]/i;

export const isAllowedUrl = (url: string): boolean => HTTP_RE.test(url.trim()) || IMAGE_URL_RE.test(url.trim());

export interface RenderOptions {
  /** Where an image of ours is shown (staff see drafts' images at their own URL). */
  imageUrl?: (imageId: string) => string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function makeRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
  // Anything but http(s) and our image path (javascript:, data:, vbscript:, file:, //host) stays text.
  md.validateLink = isAllowedUrl;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx] as Token;
    token.attrSet('rel', 'noopener nofollow');
    token.attrSet('target', '_blank');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx] as Token;
    const src = String(token.attrGet('src') ?? '');
    const ours = IMAGE_URL_RE.exec(src);
    // An image from another site would tell that site who reads the notice (and the public
    // pages' policy blocks it anyway): it is shown as a link instead.
    if (!ours) {
      const alt = token.children?.map((c) => c.content).join('') || src;
      return `<a href="${escapeHtml(src)}" rel="noopener nofollow" target="_blank">${escapeHtml(alt)}</a>`;
    }
    const imageUrl = (env as RenderOptions).imageUrl;
    if (ours?.[1] && imageUrl) token.attrSet('src', imageUrl(ours[1]));
    token.attrSet('loading', 'lazy');
    return defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = makeRenderer();

/** The body as safe HTML. */
export function renderNotice(body: string, options: RenderOptions = {}): string {
  return md.render(body, { ...options } as Record<string, unknown>);
}

/** Image ids of ours the body shows (to tell unused uploads and check what a notice needs). */
export function imageIdsIn(body: string): string[] {
  const ids = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'image') {
        const m = IMAGE_URL_RE.exec(String(t.attrGet('src') ?? ''));
        if (m?.[1]) ids.add(m[1].toLowerCase());
      }
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(body, {}));
  return [...ids];
}

// Marks that make no sense spoken: Markdown leftovers and brackets of raw HTML typed as text.
const SYMBOLS_RE = /[#*>|`~_<>[\]{}\\^=]+/g;
const URL_RE = /\b(?:https?|ftp|javascript|data|vbscript|file):\S*|www\.\S+/gi;
const END_RE = /[。！？!?；;：:…]$/;

function cleanText(text: string): string {
  // Raw HTML typed in the body is shown as text on the page, but is not read out.
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[a-z][^<>]*>/gi, '').replace(URL_RE, ' ').replace(SYMBOLS_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** A line ends as a sentence: a full stop unless it has its own end mark. */
function asSentence(text: string): string {
  const t = cleanText(text).replace(/[,，、]$/, '');
  if (!t) return '';
  return END_RE.test(t) ? t : `${t}。`;
}

/**
 * The body as plain sentences: one per heading, paragraph line, list item and table row; no
 * links' addresses, no images, no Markdown marks. Numbers stay ("3 天", "14:00").
 */
export function plainSentences(body: string): string[] {
  const tokens = md.parse(body, {});
  const out: string[] = [];
  let row: string[] | null = null;
  for (const t of tokens) {
    if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') {
      if (row) out.push(asSentence(row.filter(Boolean).join('，')));
      row = null;
    } else if (t.type === 'inline') {
      const lines = inlineLines(t.children ?? []);
      if (row) row.push(cleanText(lines.join(' ')));
      else for (const line of lines) out.push(asSentence(line));
    } else if (t.type === 'fence' || t.type === 'code_block') {
      for (const line of t.content.split('\n')) out.push(asSentence(line));
    }
  }
  return out.filter(Boolean);
}

function inlineLines(children: Token[]): string[] {
  const lines: string[] = [];
  let current = '';
  let inAutoLink = false;
  for (const c of children) {
    switch (c.type) {
      case 'text':
        if (!inAutoLink) current += c.content;
        break;
      case 'code_inline':
        current += c.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        lines.push(current);
        current = '';
        break;
      case 'link_open':
        // A bare address (linkify, <url>) is not read out; a link's words are.
        inAutoLink = c.markup === 'linkify' || c.markup === 'autolink';
        break;
      case 'link_close':
        inAutoLink = false;
        break;
      default:
        // image: nothing spoken; emphasis marks: their text comes as text tokens
        break;
    }
  }
  lines.push(current);
  return lines;
}

/** The body's first characters as plain text, for list excerpts. */
export function excerptOf(body: string, max = 80): string {
  const chars = Array.from(plainSentences(body).join(''));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export interface NoticeText {
  title: string;
  source: string;
  body: string;
}

/** Read aloud twice ("重要的事情说两遍"), as plain text a loudspeaker announcer can read. */
export function loudspeakerScript(notice: NoticeText): string {
  const title = asSentence(notice.title);
  const once = ['各位村民（居民）朋友们请注意：', title, ...plainSentences(notice.body), `以上是${cleanText(notice.source)}的通知，请大家相互转告。`]
    .filter(Boolean)
    .join('\n');
  return `${once}\n\n再播送一遍。\n\n${once}`;
}

const cut = (chars: string[], n: number) => (chars.length <= n ? chars.join('') : `${chars.slice(0, Math.max(0, n - 1)).join('')}…`);

/** "【title】first sentences…（来源：source）", at most SOCIAL_TEXT_MAX characters. */
export function socialText(notice: NoticeText, max = SOCIAL_TEXT_MAX): string {
  const tail = `（来源：${cleanText(notice.source)}）`;
  // Title and source may be long (100 + 60): the title gives way first, keeping room for words.
  const titleChars = Array.from(cleanText(notice.title).replace(/[。.]$/, ''));
  const titleRoom = Math.max(4, max - Array.from(tail).length - 2 - 20);
  const head = `【${cut(titleChars, titleRoom)}】`;
  let budget = max - Array.from(head).length - Array.from(tail).length;
  if (budget < 0) return cut(Array.from(head + tail), max);
  // Sentences proper: a paragraph line may hold several.
  const sentences = plainSentences(notice.body).flatMap((line) => line.split(/(?<=[。！？!?；;])/)).filter(Boolean);
  const whole = sentences.join('');
  if (Array.from(whole).length <= budget) return head + whole + tail;
  // Whole sentences while they fit, with room for "…"; else the first sentence cut by characters.
  budget -= 1;
  let taken = '';
  for (const s of sentences) {
    if (Array.from(taken + s).length > budget) break;
    taken += s;
  }
  const text = taken ? `${taken}…` : cut(Array.from(whole), budget + 1);
  return head + text + tail;
}

export function scriptsOf(notice: NoticeText): { loudspeaker: string; social: string } {
  return { loudspeaker: loudspeakerScript(notice), social: socialText(notice) };
}

import { describe, expect, it } from 'vitest';
import { SOCIAL_TEXT_MAX } from '../../../shared/notices.ts';
import { excerptOf, imageIdsIn, loudspeakerScript, plainSentences, renderNotice, socialText } from './notice-render.ts';

const IMG = '01932f6e-1c2a-7def-8a00-0000000000aa';

/** Every tag the HTML opens, with its attributes, so a test can say what is live markup. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)].map((m) => ({ name: (m[1] ?? '').toLowerCase(), attrs: m[2] ?? '' }));

describe('renderNotice', () => {
  it('renders headings, lists and bold', () => {
    const html = renderNotice('## 通知\n\n- 戴口罩\n- **勤洗手**\n\n1. 第一\n2. 第二');
    expect(html).toContain('<h2>通知</h2>');
    expect(html).toContain('<li>戴口罩</li>');
    expect(html).toContain('<strong>勤洗手</strong>');
    expect(html).toContain('<ol>');
  });

  it('escapes raw HTML: no script, no event handlers, no iframes', () => {
    const html = renderNotice('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>\n\n段落<b onclick=alert(3)>x</b>');
    const names = tags(html).map((t) => t.name);
    expect(names).not.toContain('script');
    expect(names).not.toContain('img');
    expect(names).not.toContain('iframe');
    expect(names).not.toContain('b');
    expect(tags(html).some((t) => /\bon[a-z]+\s*=/i.test(t.attrs))).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps javascript:, data: and other schemes out of links and images', () => {
    const html = renderNotice(
      [
        '[点我](javascript:alert(1))',
        '[点我2](JaVaScRiPt:alert(1))',
        '[点我3](  javascript&#58;alert(1))',
        '![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
        '[数据](data:text/html,<script>alert(1)</script>)',
        '[vb](vbscript:msgbox)',
        '[协议相对](//evil.example/x)',
        '![远程](https://example.com/a.png)',
        '<javascript:alert(1)>',
        `![我们的图](/api/v1/public/notice-images/${IMG})`,
        '![别的路径](/api/v1/notices/x)',
      ].join('\n\n'),
    );
    const live = tags(html).filter((t) => t.name === 'a' || t.name === 'img');
    for (const t of live) {
      const url = /(?:href|src)="([^"]*)"/.exec(t.attrs)?.[1] ?? '';
      expect(url.startsWith('https://') || url.startsWith('http://') || url.startsWith('/api/v1/public/notice-images/'), url).toBe(true);
    }
    // Only our own image is shown as an image; a remote one becomes a link (no third-party loads).
    expect(live.filter((t) => t.name === 'img').map((t) => /src="([^"]*)"/.exec(t.attrs)?.[1])).toEqual([`/api/v1/public/notice-images/${IMG}`]);
    expect(live.filter((t) => t.name === 'a').map((t) => /href="([^"]*)"/.exec(t.attrs)?.[1])).toEqual(['https://example.com/a.png']);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/(href|src)="\/\//);
  });

  it('opens links in a new tab without handing over the page', () => {
    const html = renderNotice('详见 [卫健委](https://www.nhc.gov.cn/) 或 http://example.com');
    const links = tags(html).filter((t) => t.name === 'a');
    expect(links).toHaveLength(2);
    for (const l of links) {
      expect(l.attrs).toContain('rel="noopener nofollow"');
      expect(l.attrs).toContain('target="_blank"');
    }
  });

  it('points our images at another URL when asked (staff see drafts)', () => {
    const html = renderNotice(`![](/api/v1/public/notice-images/${IMG})`, { imageUrl: (id) => `/api/v1/notices/n1/images/${id}` });
    expect(html).toContain(`src="/api/v1/notices/n1/images/${IMG}"`);
    expect(imageIdsIn(`a ![](/api/v1/public/notice-images/${IMG}) b ![](https://x.example/y.png)`)).toEqual([IMG]);
  });
});

describe('scripts', () => {
  const notice = {
    title: '关于加强春节期间疫情防控的通知',
    source: '城关镇人民政府',
    body: [
      '## 一、返乡报备',
      '',
      '所有返乡人员须在**抵达后 24 小时内**向村委会报备，详见 [卫健委](https://www.nhc.gov.cn/)。',
      '',
      '- 减少聚集',
      '- 红事缓办、白事简办',
      '1. 第 1 步：扫码登记',
      '',
      '![海报](https://example.com/p.png)',
      '> 咨询电话 0571-12345678',
      '',
      '| 时间 | 地点 |',
      '| --- | --- |',
      '| 8:00 | 村委会 |',
      '',
      '<script>alert(1)</script> 访问 https://evil.example/x',
    ].join('\n'),
  };

  it('turns the body into plain sentences: list items become sentences, no links or marks, numbers kept', () => {
    const s = plainSentences(notice.body);
    expect(s).toContain('一、返乡报备。');
    expect(s).toContain('减少聚集。');
    expect(s).toContain('红事缓办、白事简办。');
    expect(s).toContain('第 1 步：扫码登记。');
    expect(s).toContain('咨询电话 0571-12345678。');
    expect(s).toContain('时间，地点。');
    expect(s).toContain('8:00，村委会。');
    expect(s.join('')).toContain('抵达后 24 小时内');
    expect(s.join('')).toContain('卫健委');
    const all = s.join('\n');
    expect(all).not.toMatch(/[#*>|<[\]]/);
    expect(all).not.toMatch(/https?:|www\.|nhc\.gov|example\.com|海报/);
  });

  it('writes the loudspeaker script: greeting, title, body, the source, read twice', () => {
    const text = loudspeakerScript(notice);
    const [first, second] = text.split('\n\n再播送一遍。\n\n');
    expect(first).toBe(second);
    expect(first?.startsWith('各位村民（居民）朋友们请注意：\n关于加强春节期间疫情防控的通知。\n')).toBe(true);
    expect(first?.endsWith('以上是城关镇人民政府的通知，请大家相互转告。')).toBe(true);
    expect(first).toContain('减少聚集。');
    expect(text).not.toMatch(/https?:|[#*>|<]/);
  });

  it('writes the social text within the limit, cut on a sentence with the source kept', () => {
    const long = { ...notice, body: `${'请大家坚持戴口罩、勤洗手、常通风。'.repeat(3)}${'第二句话很长很长。'.repeat(20)}` };
    const text = socialText(long);
    expect(Array.from(text).length).toBeLessThanOrEqual(SOCIAL_TEXT_MAX);
    expect(text.startsWith('【关于加强春节期间疫情防控的通知】请大家坚持戴口罩')).toBe(true);
    expect(text.endsWith('。…（来源：城关镇人民政府）')).toBe(true);
    const short = socialText({ ...notice, body: '今晚 8 点停水。' });
    expect(short).toBe('【关于加强春节期间疫情防控的通知】今晚 8 点停水。（来源：城关镇人民政府）');
  });

  it('cuts on characters when the first sentence is too long, and copes with a long title and source', () => {
    const text = socialText({ title: '通知', source: '县指挥部', body: '很'.repeat(300) });
    expect(Array.from(text).length).toBe(SOCIAL_TEXT_MAX);
    expect(text).toMatch(/很…（来源：县指挥部）$/);
    const huge = socialText({ title: '长'.repeat(100), source: '源'.repeat(60), body: '正文一句。' });
    expect(Array.from(huge).length).toBeLessThanOrEqual(SOCIAL_TEXT_MAX);
    expect(huge).toContain('（来源：');
    expect(huge).toContain('正文');
    // Characters outside the BMP count as one.
    const emoji = socialText({ title: '😷提示', source: '村委', body: '😷'.repeat(300) });
    expect(Array.from(emoji).length).toBe(SOCIAL_TEXT_MAX);
  });

  it('makes a short excerpt of plain text', () => {
    expect(excerptOf('# 标题\n\n**粗体**正文')).toBe('标题。粗体正文。');
    expect(Array.from(excerptOf('字'.repeat(200))).length).toBe(80);
  });
});

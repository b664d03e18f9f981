import { extractMentions, quoteMarkdown, renderMarkdown, sanitizeUserHtml, toPlainText } from '@hubspoke/markdown';
import { describe, expect, it } from 'vitest';
import { violations } from '../support/html-safety.js';

const ORIGIN = 'http://localhost:3000';

describe('the allowlist checker', () => {
  it('accepts ordinary rendered output', () => {
    const html = renderMarkdown('# T\n\n*a* [b](https://x.it) ![c](/uploads/c.png) @d\n\n```js\nx\n```\n\n- [x] e', {
      publicOrigin: ORIGIN,
      mentions: new Set(['d']),
    });
    expect(violations(html)).toEqual([]);
  });

  it.each([
    ['<script>alert(1)</script>', 'tag <script>'],
    ['<p onclick="alert(1)">x</p>', 'attribute onclick on <p>'],
    ['<p style="x">x</p>', 'style attribute'],
    ['<img src="https://ok.example/x.png" onload="x" />', 'event handler attribute'],
    ['<a href="/x">a</a> > b', 'unescaped > after 18'],
    ['<div>x</div>', 'tag <div>'],
    ['<a href="jav&#x61;script:alert(1)">x</a>', 'script-capable URL href="jav&#x61;script:alert(1)"'],
    ['<a href="java&Tab;script:alert(1)">x</a>', 'unexpected entity in href="java&Tab;script:alert(1)"'],
    ['<a href="//evil.example/">x</a>', 'link target //evil.example/'],
    ['<img src="http://insecure.example/x.png" />', 'image source http://insecure.example/x.png'],
    ['<img src="https://tracker.example/pixel.gif" />', 'image source https://tracker.example/pixel.gif'],
    ['<a class="mention evil">x</a>', 'class mention evil'],
    ['<input type="text" />', 'input type text'],
    ['a < b', 'malformed markup at 2: < b'],
    ['<p title=x>', 'malformed markup at 0: <p title=x>'],
    ['<img src=x onerror=alert(1)>', 'malformed markup at 0: <img src=x onerror=alert(1)>'],
  ])('flags %s', (html, problem) => {
    expect(violations(html)).toContain(problem);
  });
});

const pad = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const HOSTILE: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['javascript link', '[x](javascript:alert(1))'],
  ['mixed-case scheme', '[x](JaVaScRiPt:alert(1))'],
  ['entity in scheme', '[x](jav&#x61;script:alert(1))'],
  ['decimal entity scheme', '[x](&#106;avascript:alert(1))'],
  ['named entity colon', '[x](javascript&colon;alert(1)) <a href="javascript&colon;alert(1)">y</a>'],
  ['tab in scheme', '[x](java\tscript:alert(1)) [y](<java\tscript:alert(1)>) <a href="java\tscript:alert(1)">z</a>'],
  [
    'newline entity in scheme',
    '<a href="java&NewLine;script:alert(1)">x</a> <a href="java&#x09;script:alert(1)">y</a>',
  ],
  ['control char in scheme', '[x](\u0001javascript:alert(1)) <a href="java\u0000script:alert(1)">y</a>'],
  ['leading space scheme', '<a href="  javascript:alert(1)">x</a> [y](<  javascript:alert(1)>)'],
  ['vbscript', '[x](vbscript:msgbox(1)) <a href="VBScript:msgbox(1)">y</a>'],
  ['data image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['insecure image', '![x](http://insecure.example/x.png) <img src="http://insecure.example/y.png">'],
  ['tracking pixel', '![](https://tracker.example/p.gif?u=1) <img src="https://tracker.example/q.gif">'],
  [
    'attachment lookalikes',
    '![x](/allegati/1/../../logout) ![y](/allegati/1?x=1) <img src="/allegati/2" loading="eager" onerror="alert(1)">',
  ],
  ['own non-upload image', '![x](/logout) ![y](/uploads/../logout) <img src="http://localhost:3000/api/logout">'],
  ['protocol-relative', '[x](//evil.example) ![y](//evil.example/y.png) <a href="/\\evil.example">z</a>'],
  ['data link', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['math', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object and embed', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'],
  ['style element', '<style>body{background:url(javascript:alert(1))}</style>'],
  ['style attribute', '<div style="background:url(javascript:alert(1))">x</div>'],
  ['form', '<form action="javascript:alert(1)"><input type=submit formaction="javascript:alert(1)"></form>'],
  ['input variants', '<input type="image" src=x onerror=alert(1)><input type=checkbox onclick=alert(1) name=n>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base', '<base href="javascript:/">'],
  ['unclosed attribute', '<a href="x" <b'],
  ['split script', '<<script>script>alert(1)<</script>/script>'],
  ['comment --!>', '<!-- x --!><img src=x onerror=alert(1)> -->'],
  ['noscript title', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['raw text elements', '<textarea><img src=x onerror=alert(1)></textarea><title><img src=x onerror=alert(1)></title>'],
  ['mXSS svg style', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['mXSS form math', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
  ['attribute values', '<ol start="1 onclick=alert(1)"><li>a</li></ol><td align="left&quot; onclick=x">c</td>'],
  [
    'forged classes and ids',
    '<p id="x" class="mention"><span class="mention evil" style="x">y</span><code class="a">z</code></p>',
  ],
  ['link attributes', '<a href="https://ok.example" onclick="alert(1)" target="_blank" id="y">ok</a>'],
  ['autolinks', '<javascript:alert(1)> <vbscript:msgbox(1)> <data:text/html,x>'],
  [
    'reference links',
    '[x][1] ![y][2] [z]\n\n[1]: javascript:alert(1)\n[2]: data:image/png;base64,AAAA\n[z]: <javascript:alert(1)> "t"',
  ],
  [
    'title and alt',
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)") ![" onerror="alert(1)](https://ok.example/x.png)',
  ],
  ['code language', '```js" onmouseover="alert(1)\ncode\n```'],
  ['raw text after pre', 'a <pre> x < y <img src=x onerror=alert(1)> </pre>'],
  ['mention injection', '@"onmouseover=alert(1) @a"b @<script>'],
  ['huge input', pad('<img src=x onerror=alert(1)> [x](javascript:alert(1)) *a_ ', 1_000_000)],
  ['deep blockquotes', '>'.repeat(10_000)],
  ['deep lists', `${'- '.repeat(5_000)}x`],
  ['deep ordered lists', `${'1. '.repeat(5_000)}x`],
  ['deep mixed', `${'> - '.repeat(5_000)}x`],
  ['deep indentation', Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')],
  ['deep emphasis', `${'*'.repeat(25_000)}a${'*'.repeat(25_000)}`],
  ['deep links', `${'[a '.repeat(10_000)}x${'](/y)'.repeat(10_000)}`],
  ['deep HTML', '<div><b><blockquote>'.repeat(5_000)],
  ['quadratic emphasis', pad('*a_', 50_000)],
  ['long dot run', `@a${'.'.repeat(49_000)}b`],
  ['long space run', `a${' '.repeat(50_000)}b`],
  ['control chars', 'a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u2028g\r\nh\ri'],
  ['lone surrogates', '\uD800 \uDC00 [\uDBFF](\uDFFF) \uD83D\uDE00'],
];

describe.each(HOSTILE)('hostile input: %s', (_, input) => {
  it('renders to allowlisted HTML quickly', () => {
    const started = performance.now();
    const html = renderMarkdown(input, { publicOrigin: ORIGIN, mentions: new Set(['a']) });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(violations(html)).toEqual([]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('sanitizes to allowlisted HTML when given as HTML', () => {
    expect(violations(sanitizeUserHtml(input, ORIGIN))).toEqual([]);
  });

  it('does not break mentions or plain text', () => {
    expect(() => extractMentions(input)).not.toThrow();
    expect(toPlainText(sanitizeUserHtml(input, ORIGIN))).not.toMatch(/<script|alert\(1\)<\/script>/i);
  });
});

describe('hostile input specifics', () => {
  it('drops script and style content entirely when sanitizing HTML', () => {
    expect(sanitizeUserHtml('a<script>alert(1)</script><style>p{}</style><svg><text>t</text></svg>b', ORIGIN)).toBe(
      'ab',
    );
  });

  it('unwraps a rejected link without disturbing the markup around it', () => {
    const html = sanitizeUserHtml('<p><a href="javascript:x"><em>t</em></a> <a href="/ok">ok</a></p>', ORIGIN);
    expect(html).toBe('<p><em>t</em> <a href="/ok" rel="nofollow ugc noopener">ok</a></p>');
  });

  it('strips control characters and replaces lone surrogates', () => {
    const html = renderMarkdown('a\u0000b\u0007c \uD800 \uD83D\uDE00', { publicOrigin: ORIGIN });
    expect(html).toBe('<p>abc \uFFFD \uD83D\uDE00</p>\n');
  });

  it('stays linear on long runs that a naive regex would rescan', () => {
    const started = performance.now();
    extractMentions(`@a${'.'.repeat(49_000)}b`);
    quoteMarkdown({ authorHandle: 'a', postNumber: 1, source: `a${' '.repeat(49_000)}b` });
    toPlainText(`<pre>a${' '.repeat(200_000)}b</pre>${'<p>a </p>'.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps the plain text of deeply nested lists proportional to the input', () => {
    const text = toPlainText(`${'<ul><li>'.repeat(2_000)}x`);
    expect(text.length).toBeLessThan(2_000 * 30);
    expect(text.endsWith(`${' '.repeat(20)}- x`)).toBe(true);
  });

  it('caps nesting at 20 levels', () => {
    const quotes = renderMarkdown('>'.repeat(10_000), { publicOrigin: ORIGIN });
    expect(quotes.match(/<blockquote>/g)).toHaveLength(20);
    const lists = renderMarkdown(`${'- '.repeat(5_000)}x`, { publicOrigin: ORIGIN });
    expect(lists.match(/<ul>/g)).toHaveLength(20);
  });
});

import {
  extractMentions,
  MAX_MENTIONS,
  MAX_SOURCE_LENGTH,
  normaliseText,
  quoteMarkdown,
  renderMarkdown,
  sanitizeUserHtml,
  toPlainText,
} from '@hubspoke/markdown';
import { describe, expect, it } from 'vitest';

const ORIGIN = 'http://localhost:3000';
const REL = 'rel="nofollow ugc noopener"';
const render = (source: string, mentions?: string[]) =>
  renderMarkdown(source, { publicOrigin: ORIGIN, mentions: new Set(mentions) });

describe('renderMarkdown', () => {
  it('demotes headings by two levels so they sit below the page title', () => {
    expect(render('# Titolo\n## Sezione\n#### Quattro\n###### Sei')).toBe(
      '<h3>Titolo</h3>\n<h4>Sezione</h4>\n<h6>Quattro</h6>\n<h6>Sei</h6>\n',
    );
  });

  it('renders emphasis, strikethrough, inline code and keeps single newlines', () => {
    expect(render('Ciao *a* **b** ~~c~~ `d < e`\nriga nuova')).toBe(
      '<p>Ciao <em>a</em> <strong>b</strong> <del>c</del> <code>d &lt; e</code><br />riga nuova</p>\n',
    );
  });

  it('renders lists, ordered starts and read-only task checkboxes', () => {
    const html = render('- uno\n  - due\n\n3. tre\n4. quattro\n\n- [ ] da fare\n- [x] fatto');
    expect(html).toContain('<ul>\n<li>uno<ul>\n<li>due</li>\n</ul>\n</li>\n</ul>');
    expect(html).toContain('<ol start="3">\n<li>tre</li>\n<li>quattro</li>\n</ol>');
    expect(html).toContain('<li><input type="checkbox" disabled="" /> da fare</li>');
    expect(html).toContain('<li><input type="checkbox" disabled="" checked="" /> fatto</li>');
  });

  it('renders fenced code with a language class and escapes its content', () => {
    expect(render('```ts\nconst a = 1 < 2 && "x";\n```')).toBe(
      '<pre><code class="language-ts">const a = 1 &lt; 2 &amp;&amp; "x";\n</code></pre>\n',
    );
  });

  it('renders blockquotes, nested ones included', () => {
    expect(render('> citazione\n> > annidata')).toBe(
      '<blockquote>\n<p>citazione</p>\n<blockquote>\n<p>annidata</p>\n</blockquote>\n</blockquote>\n',
    );
  });

  it('renders GFM tables with column alignment', () => {
    const html = render('| Ente | Anno |\n|:--|--:|\n| Comune | 2024 |');
    expect(html).toContain('<th align="left">Ente</th>');
    expect(html).toContain('<th align="right">Anno</th>');
    expect(html).toContain('<td align="left">Comune</td>');
    expect(html).toMatch(/^<table>\n<thead>[\s\S]*<tbody>[\s\S]*<\/tbody><\/table>\n$/);
  });

  it('gives every link rel="nofollow ugc noopener" and no target', () => {
    const html = render('[sito](https://www.agid.gov.it "AgID") [bando](/t/12) <https://example.it> mario@example.it');
    expect(html).toContain(`<a href="https://www.agid.gov.it/" ${REL} title="AgID">sito</a>`);
    expect(html).toContain(`<a href="/t/12" ${REL}>bando</a>`);
    expect(html).toContain(`<a href="https://example.it/" ${REL}>https://example.it</a>`);
    expect(html).toContain(`<a href="mailto:mario@example.it" ${REL}>mario@example.it</a>`);
    expect(html).not.toContain('target=');
  });

  it('keeps the text of links whose target is not allowed', () => {
    expect(render('[ftp](ftp://example.it/x) [pagina](pagina.html) [altro host](//evil.example)')).toBe(
      '<p>ftp pagina altro host</p>\n',
    );
  });

  it('keeps our own uploads, emitting them root-relative', () => {
    const html = render('![a](/uploads/a.png) ![b](http://localhost:3000/uploads/b.png)');
    expect(html).toBe('<p><img src="/uploads/a.png" alt="a" /> <img src="/uploads/b.png" alt="b" /></p>\n');
  });

  // External images used to be kept; every reader's browser and mail client then fetched them,
  // telling the other site who read what and when. They are now links the reader may follow.
  it('turns an image on another site into a plain link labelled with its alt text and host', () => {
    expect(render('![logo](https://cdn.example.it/logo.png) ![](https://t.example:8443/p.gif?u=7 "pixel")')).toBe(
      `<p><a href="https://cdn.example.it/logo.png" ${REL}>logo (cdn.example.it)</a> ` +
        `<a href="https://t.example:8443/p.gif?u=7" ${REL} title="pixel">t.example:8443</a></p>\n`,
    );
    expect(render('![schema](http://insecure.example/x.png)')).toBe(
      `<p><a href="http://insecure.example/x.png" ${REL}>schema (insecure.example)</a></p>\n`,
    );
  });

  it('keeps only the alt text of an external image that is already inside a link', () => {
    expect(render('[![x](https://t.example/p.gif)](https://a.example/)')).toBe(
      `<p><a href="https://a.example/" ${REL}>x</a></p>\n`,
    );
  });

  it("shows a post's own picture as its lazy thumbnail linked to the original", () => {
    expect(render('![foto \\[1\\].png](/allegati/12) ![b](http://localhost:3000/allegati/7/anteprima)')).toBe(
      `<p><a href="/allegati/12" ${REL}><img src="/allegati/12/anteprima" alt="foto [1].png" loading="lazy" /></a> ` +
        `<a href="/allegati/7" ${REL}><img src="/allegati/7/anteprima" alt="b" loading="lazy" /></a></p>\n`,
    );
  });

  it('keeps a picture inside a link unlinked, and files as plain links', () => {
    expect(render('[![x](/allegati/3)](https://e.it/) [verbale.pdf](/allegati/9)')).toBe(
      `<p><a href="https://e.it/" ${REL}><img src="/allegati/3/anteprima" alt="x" loading="lazy" /></a> ` +
        `<a href="/allegati/9" ${REL}>verbale.pdf</a></p>\n`,
    );
  });

  it('refuses anything under /allegati/ that is not a picture id or its thumbnail', () => {
    expect(
      render(
        '![a](/allegati/0) ![b](/allegati/5/../../logout) ![c](/allegati/5/x) ![d](//evil.example/allegati/1) ![e](https://evil.example/allegati/2)',
      ),
    ).toBe(`<p>a b c d <a href="https://evil.example/allegati/2" ${REL}>e (evil.example)</a></p>\n`);
  });

  it('turns any other image into its alt text', () => {
    expect(render('![esci](/logout) ![su](/uploads/../logout) ![js](javascript:alert(1)) fine')).toBe(
      '<p>esci su js fine</p>\n',
    );
  });

  it('links mentions of handles in the resolved set and leaves the others as text', () => {
    const html = render('Ciao @Maria.Rossi e @luigi, @sconosciuto non esiste.', ['maria.rossi', 'luigi']);
    expect(html).toBe(
      `<p>Ciao <a href="/u/maria.rossi" ${REL} class="mention">@Maria.Rossi</a> e ` +
        `<a href="/u/luigi" ${REL} class="mention">@luigi</a>, @sconosciuto non esiste.</p>\n`,
    );
  });

  it('treats a trailing dot as punctuation and ignores addresses, code and link texts', () => {
    const html = render('Grazie @luigi. Scrivi a luigi@example.it o `@luigi` o [@luigi](/x) o a@luigi', ['luigi']);
    expect(html.match(/class="mention"/g)).toHaveLength(1);
    expect(html).toContain(`<a href="/u/luigi" ${REL} class="mention">@luigi</a>. Scrivi`);
    expect(html).toContain('<code>@luigi</code>');
    expect(html).toContain(`<a href="/x" ${REL}>@luigi</a>`);
  });

  it('shows raw HTML as the text the author typed', () => {
    expect(render('<b>grassetto</b> e <div>blocco</div>')).toBe(
      '<p>&lt;b&gt;grassetto&lt;/b&gt; e &lt;div&gt;blocco&lt;/div&gt;</p>\n',
    );
  });

  it('shows text beyond MAX_SOURCE_LENGTH without parsing it', () => {
    const source = `${'a'.repeat(MAX_SOURCE_LENGTH - 10)}\n\n**non parsato** <b>`;
    const html = render(source);
    expect(html.endsWith('<p>**non parsato** &lt;b&gt;</p>')).toBe(true);
  });

  it('rejects a publicOrigin that is not an http(s) origin', () => {
    expect(() => renderMarkdown('x', { publicOrigin: 'not a url' })).toThrow();
  });
});

describe('extractMentions', () => {
  it('returns unique lowercased handles in order of first appearance', () => {
    expect(extractMentions('@Bianca ciao @anna.b, @BIANCA e @carlo_1.')).toEqual(['bianca', 'anna.b', 'carlo_1']);
  });

  // Quotes used to count: quoting a post then notified its mentions a second time.
  it('ignores code spans, code blocks, link texts, quotes, emails and invalid handles', () => {
    const source =
      '`@codice`\n\n```\n@blocco\n```\n\n    @indentato\n\n[@link](/x) a@b.it @x @-no\n\n> @citato\n> > @annidato\n\n- > @in_lista\n\n@fuori';
    expect(extractMentions(source)).toEqual(['fuori']);
    expect(extractMentions(`@${'a'.repeat(31)} @${'b'.repeat(32)}`)).toEqual(['a'.repeat(31)]);
  });

  it('a quoted post mentions only the quoted author, and quoted mentions stay plain text', () => {
    const quoted = quoteMarkdown({ authorHandle: 'maria.rossi', postNumber: 3, source: 'Chiedo a @luigi.' });
    expect(extractMentions(`${quoted}Sono d’accordo.`)).toEqual(['maria.rossi']);
    expect(render('> Chiedo a @luigi.', ['luigi'])).toBe('<blockquote>\n<p>Chiedo a @luigi.</p>\n</blockquote>\n');
  });

  it('stops at MAX_MENTIONS', () => {
    const source = Array.from({ length: 80 }, (_, i) => `@utente${i}`).join(' ');
    const found = extractMentions(source);
    expect(found).toHaveLength(MAX_MENTIONS);
    expect(found[0]).toBe('utente0');
    expect(found.at(-1)).toBe(`utente${MAX_MENTIONS - 1}`);
  });
});

describe('quoteMarkdown', () => {
  it('quotes every line under an attribution line', () => {
    expect(quoteMarkdown({ authorHandle: 'maria.rossi', postNumber: 12, source: 'Prima riga\r\n\r\nSeconda' })).toBe(
      '@maria.rossi (#12):\n> Prima riga\n>\n> Seconda\n\n',
    );
  });

  it('drops quotes already in the post, lazy lines included, but not code', () => {
    const source = '> vecchia citazione\ncontinua\n\nRisposta\n\n```\n> prompt\n```';
    expect(quoteMarkdown({ authorHandle: 'luigi', postNumber: 3, source })).toBe(
      '@luigi (#3):\n> Risposta\n>\n> ```\n> > prompt\n> ```\n\n',
    );
  });

  it('keeps Markdown out of the attribution and rejects bad post numbers', () => {
    expect(quoteMarkdown({ authorHandle: 'x](javascript:1)\n#', postNumber: 1, source: 'a' })).toBe(
      '@xjavascript1 (#1):\n> a\n\n',
    );
    expect(() => quoteMarkdown({ authorHandle: 'a', postNumber: 0, source: 'a' })).toThrow(RangeError);
  });

  it('renders back as a single blockquote', () => {
    const quoted = quoteMarkdown({ authorHandle: 'luigi', postNumber: 3, source: '> > > a\n\nb' });
    expect(render(quoted)).toBe('<p>@luigi (#3):</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n');
  });
});

describe('toPlainText', () => {
  it('separates blocks with blank lines and decodes entities', () => {
    const html = render('# Titolo\n\nUno &amp; <due>\ntre\n\n- a\n- b\n  1. c\n\n```\n  codice  indentato\n```');
    expect(toPlainText(html)).toBe('Titolo\n\nUno & <due>\ntre\n\n- a\n- b\n  1. c\n\n  codice  indentato');
  });

  it('collapses whitespace, separates table cells and drops script content', () => {
    expect(toPlainText('<p>  molti\n\n   spazi&nbsp;qui </p><script>alert(1)</script>')).toBe('molti spazi qui');
    expect(toPlainText(render('| a | b |\n|-|-|\n| 1 | 2 |'))).toBe('a | b\n1 | 2');
  });
});

describe('sanitizeUserHtml', () => {
  it('keeps allowed markup and strips everything else', () => {
    const html =
      '<h1 id="x">T</h1><p style="color:red" class="x">a <span class="mention evil">b</span></p><div>c</div>';
    expect(sanitizeUserHtml(html, ORIGIN)).toBe('<h1>T</h1><p>a <span class="mention">b</span></p>c');
  });

  it("lets a post's own picture through with its own loading value, and nothing else of the writer's", () => {
    const html =
      '<img src="/allegati/4" loading="eager" onerror="alert(1)"><img src="http://localhost:3000/allegati/4/anteprima?x=1" alt="t"><img src="/allegati/4/x"><img src="https://evil.example/allegati/4">';
    expect(sanitizeUserHtml(html, ORIGIN)).toBe(
      '<img src="/allegati/4" alt="" loading="lazy" /><img src="/allegati/4/anteprima" alt="t" loading="lazy" />',
    );
  });
});

describe('normaliseText', () => {
  it('folds line ends, strips control characters and repairs lone surrogates', () => {
    expect(normaliseText('a\r\nb\rc\u0000d\u0007\u001b\u007f\u0085e\tf')).toBe('a\nb\ncde\tf');
    expect(normaliseText('x\uD800y\uDC00z\uD83D\uDE00')).toBe('x\uFFFDy\uFFFDz\uD83D\uDE00');
  });
});

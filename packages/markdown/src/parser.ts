import { Lexer, Marked, type RendererExtension, type Token, type Tokens, type TokensList } from 'marked';
import { LINK_REL, MENTION_CLASS } from './allowlist.js';
import { escapeHtml } from './escape.js';
import type { MentionToken } from './mentions.js';
import { BoundedTokenizer, boundRules } from './tokenizer.js';

// Post headings sit below the page's own h1 (topic title) and h2 (section headings), so
// every level moves down by two; the order of levels 1-4 is preserved, 5 and 6 merge into h6.
const HEADING_SHIFT = 2;

const mention: RendererExtension = {
  name: 'mention',
  renderer(token) {
    const { raw, handle, resolved } = token as MentionToken;
    if (!resolved) return escapeHtml(raw);
    const href = `/u/${encodeURIComponent(handle)}`;
    return `<a class="${MENTION_CLASS}" href="${href}" rel="${LINK_REL}">${escapeHtml(raw)}</a>`;
  },
};

const marked = new Marked({
  gfm: true,
  // Forum users write prose, not documents: a newline in the editor is a newline on the page.
  breaks: true,
  async: false,
  extensions: [mention],
  renderer: {
    // Raw HTML in a post is shown as the text the author typed, never interpreted.
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      const shown = escapeHtml(text.replace(/\n+$/, ''));
      return block ? `<p>${shown.replace(/\n/g, '<br>')}</p>\n` : shown;
    },
    // marked marks text after an inline <pre> or <script> tag as raw; since those tags are
    // shown as text, what follows them must be escaped like any other text.
    text(token: Tokens.Text | Tokens.Escape): string | false {
      return 'escaped' in token && token.escaped && !token.tokens ? escapeHtml(token.text) : false;
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(depth + HEADING_SHIFT, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

// Set directly rather than through use(), which would try to wrap the instance's fields.
const tokenizer = new BoundedTokenizer();
marked.setOptions({ tokenizer });

export function lex(markdown: string): TokensList {
  // What marked.lexer() does, plus swapping in bounded inline rules for the ones the new
  // lexer has just handed to the tokenizer.
  const lexer = new Lexer(marked.defaults);
  tokenizer.rules = boundRules(tokenizer.rules);
  return lexer.lex(markdown);
}

export function parse(tokens: Token[]): string {
  return marked.parser(tokens);
}

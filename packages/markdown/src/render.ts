import { sanitizeUserHtml } from './allowlist.js';
import { escapeHtml } from './escape.js';
import { MAX_MENTIONS } from './limits.js';
import { prepareSource } from './normalise.js';
import { lex, parse } from './parser.js';
import { rewriteTokens } from './rewrite.js';
import { ownOrigin, safeImageSrc } from './urls.js';

export interface RenderOptions {
  /** Origin the forum is served from, e.g. "http://localhost:3000"; owns `/uploads/`. */
  publicOrigin: string;
  /** Lowercased handles that resolved to real users allowed to see the thread. */
  mentions?: ReadonlySet<string>;
}

const NO_MENTIONS: ReadonlySet<string> = new Set();

function markdownToHtml(text: string, origin: string, options: RenderOptions): string {
  const mentions = options.mentions ?? NO_MENTIONS;
  const tokens = lex(text);
  rewriteTokens(tokens, {
    mention: (handle) => mentions.has(handle),
    image: (href) => safeImageSrc(href, origin) !== undefined,
  });
  return parse(tokens);
}

// Used only if marked itself fails: the post is still readable, as plain paragraphs.
function fallbackHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Markdown source to HTML that is safe to embed in a page or a mail. The sanitizer runs on
 * marked's output even though raw HTML was already escaped: it is the single gate that
 * enforces the allowlist and the URL rules.
 */
export function renderMarkdown(source: string, options: RenderOptions): string {
  // Outside the try: a misconfigured origin is the caller's bug and must surface.
  const origin = ownOrigin(options.publicOrigin);
  const text = prepareSource(source);
  let html: string;
  try {
    html = markdownToHtml(text, origin, options);
  } catch {
    html = fallbackHtml(text);
  }
  return sanitizeUserHtml(html, options.publicOrigin);
}

/**
 * Candidate handles mentioned in a post, lowercased, unique, in order of first appearance,
 * outside code and link texts; at most MAX_MENTIONS. The caller resolves them to users.
 */
export function extractMentions(source: string): string[] {
  const found = new Set<string>();
  try {
    rewriteTokens(lex(prepareSource(source)), {
      mention: (handle) => {
        if (found.size < MAX_MENTIONS) found.add(handle);
        return false;
      },
      image: () => true,
    });
  } catch {
    // Same failure as in renderMarkdown, whose fallback links no mentions either.
    found.clear();
  }
  return [...found];
}

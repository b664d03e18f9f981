import { sanitizeUserHtml } from './allowlist.js';
import { escapeHtml } from './escape.js';
import { MAX_MENTIONS, MAX_SOURCE_LENGTH } from './limits.js';
import { capNesting, normaliseText, splitAtLimit } from './normalise.js';
import { lex, parse } from './parser.js';
import { rewriteTokens } from './rewrite.js';
import { attachmentHref, attachmentId, externalImageHost, ownOrigin, safeImageSrc, thumbnailSrc } from './urls.js';

export interface RenderOptions {
  /** Origin the forum is served from, e.g. "http://localhost:3000"; owns `/uploads/` and `/allegati/`. */
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
    image: (href) => {
      const src = safeImageSrc(href, origin);
      const attachment = src === undefined ? undefined : attachmentId(src);
      if (attachment !== undefined)
        return { thumbnail: thumbnailSrc(attachment), original: attachmentHref(attachment) };
      if (src !== undefined) return 'keep';
      const host = externalImageHost(href, origin);
      return host === undefined ? 'text' : { host };
    },
  });
  return parse(tokens);
}

/**
 * Normalised, nesting-capped Markdown of at most MAX_SOURCE_LENGTH characters, plus whatever
 * lies beyond: callers reject longer posts, so anything past it is only ever shown as text.
 * marked has superlinear corners (e.g. thousands of adjacent links) that stay cheap below the
 * limit but not at megabytes.
 */
function prepare(source: string): { markdown: string; overflow: string } {
  const { head, tail } = splitAtLimit(normaliseText(source), MAX_SOURCE_LENGTH);
  return { markdown: capNesting(head), overflow: tail };
}

// Plain paragraphs: for text beyond the limit, and for the whole post if marked ever fails.
function plainHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Markdown source to HTML that is safe to embed in a page or a mail. The sanitizer runs on
 * marked's output even though raw HTML was already escaped: it is the gate that enforces
 * the allowlist and the URL rules, whatever marked emits.
 */
export function renderMarkdown(source: string, options: RenderOptions): string {
  // Outside the try: a misconfigured origin is the caller's bug and must surface.
  const origin = ownOrigin(options.publicOrigin);
  const { markdown, overflow } = prepare(source);
  let html: string;
  try {
    html = markdownToHtml(markdown, origin, options);
  } catch {
    html = plainHtml(markdown);
  }
  const safe = sanitizeUserHtml(html, options.publicOrigin);
  // Escaped text in fixed tags is safe by construction, and at megabytes the sanitizer's
  // per-tag cost (one <br> per line) would dominate.
  return overflow === '' ? safe : `${safe}\n${plainHtml(overflow)}`;
}

/**
 * Candidate handles mentioned in a post, lowercased, unique, in order of first appearance,
 * outside code, link texts and quotes; at most MAX_MENTIONS. The caller resolves them to users.
 * Like renderMarkdown, only the first MAX_SOURCE_LENGTH characters count.
 */
export function extractMentions(source: string): string[] {
  const found = new Set<string>();
  try {
    rewriteTokens(lex(prepare(source).markdown), {
      mention: (handle) => {
        if (found.size < MAX_MENTIONS) found.add(handle);
        return false;
      },
      image: () => 'keep',
    });
  } catch {
    // Same failure as in renderMarkdown, whose fallback links no mentions either.
    found.clear();
  }
  return [...found];
}

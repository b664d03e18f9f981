import type { Token, Tokens } from 'marked';
import { isBoundary, splitMentions } from './mentions.js';

export interface RewriteRules {
  /** Called for every mention outside code and links; true renders it as a profile link. */
  mention(handle: string): boolean;
  /**
   * `keep` leaves the image; `{ host }` turns it into a plain link to it (an image on another
   * site), labelled with its alt text and host; `text` leaves only its alt text; `{ thumbnail,
   * original }` shows the thumbnail linked to the original (a picture uploaded with a post).
   */
  image(href: string): 'keep' | 'text' | { host: string } | { thumbnail: string; original: string };
}

function textToken(text: string): Tokens.Text {
  return { type: 'text', raw: text, text, escaped: false };
}

function imageReplacement(token: Tokens.Image, rules: RewriteRules, inLink: boolean): Token[] | undefined {
  const treatment = rules.image(token.href);
  if (treatment === 'keep') return undefined;
  if (typeof treatment === 'object' && 'thumbnail' in treatment) {
    const thumbnail: Tokens.Image = { ...token, href: treatment.thumbnail };
    // Inside a link the thumbnail stays unlinked: a link cannot hold another link.
    if (inLink) return [thumbnail];
    const link: Tokens.Link = {
      type: 'link',
      raw: token.raw,
      href: treatment.original,
      title: null,
      text: token.text,
      tokens: [thumbnail],
    };
    return [link];
  }
  // A link cannot hold another link: inside one, the image keeps only its alt text.
  if (treatment === 'text' || inLink) return [{ ...textToken(token.text), raw: token.raw }];
  if (typeof treatment !== 'object' || !('host' in treatment)) return undefined;
  const label = token.text.trim() === '' ? treatment.host : `${token.text} (${treatment.host})`;
  const link: Tokens.Link = {
    type: 'link',
    raw: token.raw,
    href: token.href,
    title: token.title ?? null,
    text: label,
    tokens: [textToken(label)],
  };
  return [link];
}

// Token types whose text is never prose: mentions inside them are not mentions.
const VERBATIM = new Set(['code', 'codespan', 'html']);
/**
 * Where a token sits. Inside a link or image label `@handle` is text, and an image cannot
 * become a link; inside a quote it is somebody else's words, shown as written but not a
 * mention (quoting a post must not notify its mentions again).
 */
interface Place {
  inLink: boolean;
  inQuote: boolean;
}

function rewriteList(tokens: Token[], rules: RewriteRules, place: Place): void {
  const rewritten: Token[] = [];
  let changed = false;
  let before: string | undefined;
  for (const token of tokens) {
    const replacement = rewriteToken(token, rules, place, before);
    before = token.raw.at(-1);
    if (replacement === undefined) {
      rewritten.push(token);
      continue;
    }
    changed = true;
    for (const part of replacement) rewritten.push(part);
  }
  if (!changed) return;
  // In place, because the parent token keeps its reference to this array.
  tokens.length = 0;
  for (const token of rewritten) tokens.push(token);
}

function rewriteToken(
  token: Token,
  rules: RewriteRules,
  place: Place,
  before: string | undefined,
): Token[] | undefined {
  if (VERBATIM.has(token.type)) return undefined;
  if (token.type === 'image') {
    const replacement = imageReplacement(token as Tokens.Image, rules, place.inLink);
    if (replacement) return replacement;
  }
  if (token.type === 'text' && !token.tokens) {
    return place.inLink || place.inQuote || token.escaped
      ? undefined
      : splitMentions(token.text, isBoundary(before), rules.mention);
  }
  const child: Place = {
    inLink: place.inLink || token.type === 'link' || token.type === 'image',
    inQuote: place.inQuote || token.type === 'blockquote',
  };
  if (token.type === 'list') {
    for (const item of token.items) rewriteList(item.tokens, rules, child);
  } else if (token.type === 'table') {
    for (const cell of token.header) rewriteList(cell.tokens, rules, child);
    for (const row of token.rows) for (const cell of row) rewriteList(cell.tokens, rules, child);
  } else if ('tokens' in token && token.tokens) {
    rewriteList(token.tokens, rules, child);
  }
  return undefined;
}

/**
 * Walks marked's token tree once, turning `@handle` text outside quotes into mention tokens,
 * images on other sites into links and other disallowed images into plain text. Working on tokens keeps code spans, code blocks and link texts
 * out of reach without any pattern matching on HTML.
 */
export function rewriteTokens(tokens: Token[], rules: RewriteRules): void {
  rewriteList(tokens, rules, { inLink: false, inQuote: false });
}

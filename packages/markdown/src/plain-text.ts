import sanitizeHtml from 'sanitize-html';
import { DROP_WITH_CONTENT } from './allowlist.js';
import { normaliseText } from './normalise.js';

const BLOCKS = 'p h1 h2 h3 h4 h5 h6 blockquote pre ul ol li table tr td th hr br'.split(' ');
const PARAGRAPH_BREAK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'hr']);
const LINE_BREAK = new Set(['tr', 'br']);
// After sanitize-html re-serialises, text carries only these entities and tags no attributes.
const PIECE = /<(\/?)([a-z0-9]+)[^>]*>|[^<]+/g;
const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

// Deeper lists are indented no further: a plain-text part is not a place for a staircase,
// and indenting each of thousands of nested items by its depth is quadratic in size.
const MAX_LIST_INDENT = 10;

function withoutTrailingSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end--;
  return text.slice(0, end);
}

// Output is kept as chunks and inspected only at its end: regexes anchored with `$` on the
// growing text would rescan it on every block.
class PlainTextWriter {
  private chunks: string[] = [];
  private pendingBreak = 0;
  private preDepth = 0;
  // One entry per open list: the next number for <ol>, undefined for <ul>.
  private lists: Array<number | undefined> = [];
  private firstCell = true;

  private get last(): string {
    return this.chunks.at(-1) ?? '';
  }

  private requestBreak(lines: number): void {
    this.pendingBreak = Math.max(this.pendingBreak, lines);
  }

  private write(text: string): void {
    if (this.pendingBreak > 0 && this.chunks.length > 0) {
      this.chunks.push(`${withoutTrailingSpaces(this.chunks.pop() ?? '')}${'\n'.repeat(this.pendingBreak)}`);
    }
    this.pendingBreak = 0;
    this.chunks.push(text);
  }

  tag(name: string, closing: boolean): void {
    if (PARAGRAPH_BREAK.has(name)) this.requestBreak(2);
    if (LINE_BREAK.has(name)) this.requestBreak(1);
    if (name === 'pre') this.preDepth += closing ? -1 : 1;
    if (name === 'ul' || name === 'ol') {
      if (closing) this.lists.pop();
      else this.lists.push(name === 'ol' ? 1 : undefined);
      this.requestBreak(this.lists.length > (closing ? 0 : 1) ? 1 : 2);
    }
    if (name === 'li' && !closing) {
      this.requestBreak(1);
      const number = this.lists.at(-1);
      if (number !== undefined) this.lists[this.lists.length - 1] = number + 1;
      const indent = '  '.repeat(Math.min(this.lists.length - 1, MAX_LIST_INDENT));
      this.write(`${indent}${number === undefined ? '-' : `${number}.`} `);
    }
    if (name === 'tr' && !closing) this.firstCell = true;
    if ((name === 'td' || name === 'th') && !closing) {
      if (!this.firstCell) this.write(this.last.endsWith(' ') ? '| ' : ' | ');
      this.firstCell = false;
    }
  }

  text(raw: string): void {
    const decoded = raw.replace(/&(?:amp|lt|gt|quot);/g, (entity) => ENTITY[entity] ?? entity);
    if (this.preDepth > 0) {
      this.write(decoded);
      return;
    }
    let text = decoded.replace(/\s+/g, ' ');
    const atLineStart =
      this.pendingBreak > 0 || this.chunks.length === 0 || this.last.endsWith(' ') || this.last.endsWith('\n');
    if (atLineStart) text = text.replace(/^ /, '');
    if (text !== '') this.write(text);
  }

  toString(): string {
    const lines = this.chunks
      .join('')
      .split('\n')
      .map((line) => line.trimEnd());
    return lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/**
 * Plain text of (sanitized) HTML for mail text parts and search snippets: no tags, entities
 * decoded, runs of whitespace collapsed except in code blocks, blocks separated by a blank line.
 */
export function toPlainText(html: string): string {
  // Reduce to bare structural tags first so the scan below never meets attributes or raw text.
  const structural = sanitizeHtml(normaliseText(html), {
    allowedTags: BLOCKS,
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
  });
  const writer = new PlainTextWriter();
  for (const match of structural.matchAll(PIECE)) {
    if (match[2] === undefined) writer.text(match[0]);
    else writer.tag(match[2], match[1] === '/');
  }
  return writer.toString();
}

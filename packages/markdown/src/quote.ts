import { normaliseText } from './normalise.js';

export interface QuoteInput {
  authorHandle: string;
  postNumber: number;
  source: string;
}

const QUOTE_LINE = /^ {0,3}>/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Removes the quotes a post already contains, so quoting a reply does not nest the whole
 * conversation. Lines inside fenced code are content and stay; a quote's lazy continuation
 * lines (up to the next blank line) belong to it and go with it.
 */
function dropQuotes(source: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  let inQuote = false;
  for (const line of source.split('\n')) {
    if (fence !== undefined) {
      kept.push(line);
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      continue;
    }
    if (line.trim() === '') {
      inQuote = false;
      kept.push(line);
      continue;
    }
    if (QUOTE_LINE.test(line)) {
      inQuote = true;
      continue;
    }
    if (inQuote) continue;
    fence = FENCE_OPEN.exec(line)?.[1];
    kept.push(line);
  }
  return kept.join('\n');
}

/**
 * The Markdown the composer inserts for "quote": an attribution line, then the post as a
 * blockquote, then a blank line to type the reply after.
 */
export function quoteMarkdown({ authorHandle, postNumber, source }: QuoteInput): string {
  if (!Number.isSafeInteger(postNumber) || postNumber < 1) {
    throw new RangeError(`postNumber must be a positive integer, got ${postNumber}`);
  }
  // The handle lands in Markdown unescaped, so anything outside the handle alphabet goes.
  const handle = authorHandle.replace(/[^A-Za-z0-9_.-]/g, '');
  const header = `@${handle} (#${postNumber}):`;
  // trimEnd per line rather than /[ \t]+$/gm, which is quadratic on long runs of spaces.
  const lines = dropQuotes(normaliseText(source))
    .split('\n')
    .map((line) => line.trimEnd());
  const first = lines.findIndex((line) => line !== '');
  const last = lines.findLastIndex((line) => line !== '');
  const body = lines
    .slice(first, last + 1)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  if (body === '') return `${header}\n\n`;
  const quoted = body
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  return `${header}\n${quoted}\n\n`;
}

import type { Tokens } from 'marked';

/** A resolved or unresolved `@handle`, inserted among marked's inline tokens. */
export interface MentionToken extends Tokens.Generic {
  type: 'mention';
  raw: string;
  handle: string;
  resolved: boolean;
}

const HANDLE = /^[a-z0-9][a-z0-9_.-]{1,30}$/;
// ASCII-only classes without the `i` flag: under `iu`, [a-z] would also match the long s and
// the Kelvin sign. A letter or digit in any script before `@` means an address, not a mention.
const CANDIDATE = /(?<![\p{L}\p{N}_])@([A-Za-z0-9][A-Za-z0-9_.-]*)/gu;
const WORD_CHAR = /[\p{L}\p{N}_]$/u;

/** True when text ending with `before` leaves a following `@` at a word boundary. */
export function isBoundary(before: string | undefined): boolean {
  return before === undefined || !WORD_CHAR.test(before);
}

// A loop, not /\.+$/, which is quadratic on a long run of dots that does not end the text.
function withoutTrailingDots(candidate: string): string {
  let end = candidate.length;
  while (end > 0 && candidate[end - 1] === '.') end--;
  return candidate.slice(0, end);
}

function textToken(text: string): Tokens.Text {
  return { type: 'text', raw: text, text, escaped: false };
}

/**
 * Splits the text of an inline text token around mentions. `atStart` says whether the text
 * begins at a word boundary (the preceding token may end in a letter). Trailing dots are
 * punctuation, not part of the handle. Returns undefined when there is nothing to split.
 */
export function splitMentions(
  text: string,
  atStart: boolean,
  resolve: (handle: string) => boolean,
): Array<Tokens.Text | MentionToken> | undefined {
  const parts: Array<Tokens.Text | MentionToken> = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const typed = withoutTrailingDots(match[1] ?? '');
    const handle = typed.toLowerCase();
    if ((match.index === 0 && !atStart) || !HANDLE.test(handle)) continue;
    if (match.index > last) parts.push(textToken(text.slice(last, match.index)));
    parts.push({ type: 'mention', raw: `@${typed}`, handle, resolved: resolve(handle) });
    last = match.index + 1 + typed.length;
  }
  if (parts.length === 0) return undefined;
  if (last < text.length) parts.push(textToken(text.slice(last)));
  return parts;
}

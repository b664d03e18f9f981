import { MAX_INDENT_COLUMNS, MAX_NESTING } from './limits.js';

// C0 and C1 controls except tab and newline (carriage returns are folded first).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Unpaired halves of surrogate pairs, typically left behind by a broken UTF-8 decoder.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Lines that may open a container are the only ones worth scanning.
const MAY_NEST = /^[ \t>*+\-0-9]/;

/** Makes arbitrary text safe to feed to parsers and to store as valid UTF-16. */
export function normaliseText(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Length of a blockquote or list marker at `i`, or 0 when there is none. */
function markerLength(line: string, i: number): number {
  const ch = line[i];
  if (ch === '>') return 1;
  let end = i;
  if (ch === '-' || ch === '+' || ch === '*') {
    end = i + 1;
  } else {
    while (end < line.length && end - i < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === i || (line[end] !== '.' && line[end] !== ')')) return 0;
    end++;
  }
  // A list marker must be followed by whitespace or end the line.
  const next = line[end];
  return next === undefined || next === ' ' || next === '\t' ? end - i : 0;
}

/**
 * Drops container markers beyond MAX_NESTING and indentation beyond MAX_INDENT_COLUMNS from
 * the start of a line. Everything after the container prefix is kept verbatim.
 */
function capLine(line: string): string {
  if (!MAY_NEST.test(line)) return line;
  let kept = '';
  let i = 0;
  let column = 0;
  let markers = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t') {
      const width = ch === '\t' ? 4 - (column % 4) : 1;
      if (column + width <= MAX_INDENT_COLUMNS) {
        kept += ch;
        column += width;
      }
      i++;
      continue;
    }
    const length = markerLength(line, i);
    if (length === 0) break;
    if (markers < MAX_NESTING) {
      kept += line.slice(i, i + length);
      column += length;
    }
    markers++;
    i += length;
  }
  return i === kept.length ? line : kept + line.slice(i);
}

/**
 * Bounds block nesting before marked sees the source. Applied to every line, fenced code
 * included: guessing where fences are would let crafted input slip past the cap.
 */
export function capNesting(text: string): string {
  return text.split('\n').map(capLine).join('\n');
}

// How far back from the limit to look for a paragraph break to split at.
const SPLIT_WINDOW = 5_000;

/**
 * Splits normalised text into the part parsed as Markdown (at most `limit` characters, cut at
 * a paragraph or line break when one is near) and the remainder, which is never parsed.
 */
export function splitAtLimit(text: string, limit: number): { head: string; tail: string } {
  if (text.length <= limit) return { head: text, tail: '' };
  const floor = limit - SPLIT_WINDOW;
  let cut = text.lastIndexOf('\n\n', limit);
  if (cut < floor) cut = text.lastIndexOf('\n', limit);
  if (cut < floor) cut = limit;
  // Never separate the halves of a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return { head: text.slice(0, cut), tail: text.slice(cut) };
}

import { normaliseText } from '@hubspoke/markdown';

/** The longest search text taken from a list's search box; the rest is dropped. */
export const SEARCH_WORDS_MAX = 200;

/** Words typed in a list's search box, as full-text search takes them; empty means no text filter. */
export function searchWords(q: string | undefined): string {
  return normaliseText(q ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SEARCH_WORDS_MAX);
}

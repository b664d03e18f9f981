import type { Config } from '@hubspoke/config';
import { normaliseText, renderMarkdown } from '@hubspoke/markdown';
import { invalid } from './errors.js';

export const ADMIN_TEXT_MAX = 100_000;

/**
 * A text an admin writes in Markdown for everyone to read (a consent, a footer page): trimmed,
 * bounded, and rendered once through the same sanitizer as posts.
 */
export function prepareAdminText(deps: { config: Pick<Config, 'publicOrigin'> }, field: string, source: string) {
  const text = normaliseText(source).trim();
  if (text.length === 0) throw invalid('empty_text', `${field} is empty`);
  if (text.length > ADMIN_TEXT_MAX)
    throw invalid('text_too_long', `${field} has more than ${ADMIN_TEXT_MAX} characters`);
  return { text, html: renderMarkdown(text, { publicOrigin: deps.config.publicOrigin, mentions: new Set() }).trim() };
}

export { sanitizeUserHtml } from './allowlist.js';
export { escapeHtml } from './escape.js';
export { MAX_MENTIONS, MAX_NESTING, MAX_SOURCE_LENGTH } from './limits.js';
export { normaliseText } from './normalise.js';
export { toPlainText } from './plain-text.js';
export { type QuoteInput, quoteMarkdown } from './quote.js';
export { extractMentions, type RenderOptions, renderMarkdown } from './render.js';

import sanitizeHtml from 'sanitize-html';
import { normaliseText } from './normalise.js';
import { attachmentId, ownOrigin, safeImageSrc, safeLinkHref } from './urls.js';

export const LINK_REL = 'nofollow ugc noopener';
export const MENTION_CLASS = 'mention';

// Tags that may appear, but never with attributes.
const BARE_TAGS = 'h1 h2 h3 h4 h5 h6 p br hr strong em del pre blockquote ul li table thead tbody tr'.split(' ');

/** The one allowlist: every tag, and its attributes, that may reach a page or a mail. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  ...Object.fromEntries(BARE_TAGS.map((tag) => [tag, []])),
  code: ['class'],
  ol: ['start'],
  input: ['type', 'checked', 'disabled'],
  th: ['align'],
  td: ['align'],
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'loading'],
  span: ['class'],
};
const ALLOWED_TAGS = Object.keys(ALLOWED_ATTRIBUTES);

const ALLOWED_CLASSES = {
  a: [MENTION_CLASS],
  span: [MENTION_CLASS],
  code: [/^language-[a-z0-9_+#.-]{1,32}$/i],
};

// Disallowed elements whose content is not prose: dropped with everything inside them.
// Foreign content (svg, math) is dropped whole because it parses differently in browsers.
export const DROP_WITH_CONTENT = (
  'script style textarea option select xmp plaintext noscript noembed noframes iframe frame frameset ' +
  'template title head svg math object embed applet audio video canvas'
).split(' ');

// A tag a transformer rejects becomes a bare span, unwrapped after sanitizing: its text stays,
// media leave nothing. (Dropping it through sanitize-html instead is either buggy, when renamed
// to a disallowed tag, or quadratic, through exclusiveFilter.)
const REJECTED: sanitizeHtml.Tag = { tagName: 'span', attribs: {} };

/** Removes bare spans, keeping their content; mention spans and their end tags stay. */
function unwrapBareSpans(html: string): string {
  const kept: boolean[] = [];
  return html.replace(/<span( class="mention")?>|<\/span>/g, (tag, mention: string | undefined) => {
    if (tag !== '</span>') {
      kept.push(mention !== undefined);
      return mention === undefined ? '' : tag;
    }
    return kept.pop() ? tag : '';
  });
}

const ALIGNMENTS = new Set(['left', 'center', 'right']);

function keepAlign(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = attribs.align?.toLowerCase();
  return { tagName, attribs: align !== undefined && ALIGNMENTS.has(align) ? { align } : {} };
}

function transformers(origin: string): Record<string, sanitizeHtml.Transformer> {
  return {
    a: (tagName, attribs) => {
      const href = attribs.href === undefined ? undefined : safeLinkHref(attribs.href);
      if (href === undefined) return REJECTED;
      const kept: sanitizeHtml.Attributes = { href, rel: LINK_REL };
      if (attribs.title) kept.title = attribs.title;
      if (attribs.class?.split(/\s+/).includes(MENTION_CLASS)) kept.class = MENTION_CLASS;
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const src = attribs.src === undefined ? undefined : safeImageSrc(attribs.src, origin);
      if (src === undefined) return REJECTED;
      const kept: sanitizeHtml.Attributes = { src, alt: attribs.alt ?? '' };
      if (attribs.title) kept.title = attribs.title;
      // A post's own pictures load as the reader scrolls to them; the value is ours, never the writer's.
      if (attachmentId(src) !== undefined) kept.loading = 'lazy';
      return { tagName, attribs: kept };
    },
    // Only the read-only checkbox of a GFM task list; it can never submit anything.
    input: (tagName, attribs) => {
      if (attribs.type?.toLowerCase() !== 'checkbox') return REJECTED;
      const kept: sanitizeHtml.Attributes = { type: 'checkbox', disabled: '' };
      if (attribs.checked !== undefined) kept.checked = '';
      return { tagName, attribs: kept };
    },
    ol: (tagName, attribs) => {
      const start = attribs.start;
      const kept: sanitizeHtml.Attributes = {};
      if (start !== undefined && /^\d{1,9}$/.test(start)) kept.start = start;
      return { tagName, attribs: kept };
    },
    th: keepAlign,
    td: keepAlign,
  };
}

/**
 * Applies the allowlist to arbitrary HTML. The transformers above decide URLs and values;
 * the sanitize-html options repeat the same limits so a transformer bug cannot widen them.
 */
export function sanitizeUserHtml(html: string, publicOrigin: string): string {
  const origin = ownOrigin(publicOrigin);
  const sanitized = sanitizeHtml(normaliseText(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: ALLOWED_CLASSES,
    allowedSchemes: ['http', 'https', 'mailto'],
    // Own uploads are emitted root-relative, so every absolute image URL is https.
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedEmptyAttributes: ['alt', 'checked', 'disabled'],
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    nestingLimit: 100,
    parseStyleAttributes: false,
    transformTags: transformers(origin),
  });
  return unwrapBareSpans(sanitized);
}

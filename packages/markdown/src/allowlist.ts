import sanitizeHtml from 'sanitize-html';
import { normaliseText } from './normalise.js';
import { ownOrigin, safeImageSrc, safeLinkHref } from './urls.js';

export const LINK_REL = 'nofollow ugc noopener';
export const MENTION_CLASS = 'mention';

/** The one allowlist: every tag, and its attributes, that may reach a page or a mail. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  p: [],
  br: [],
  hr: [],
  strong: [],
  em: [],
  del: [],
  pre: [],
  blockquote: [],
  code: ['class'],
  ul: [],
  ol: ['start'],
  li: [],
  input: ['type', 'checked', 'disabled'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title'],
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
export const DROP_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'xmp',
  'plaintext',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'frame',
  'frameset',
  'template',
  'title',
  'head',
  'svg',
  'math',
  'object',
  'embed',
  'applet',
  'audio',
  'video',
  'canvas',
];

// Transformers strip a tag they reject down to no attributes; exclusiveFilter then removes it.
// (Renaming it instead trips a sanitize-html bug that renames a later sibling's end tag.)
const REQUIRED_ATTRIBUTE: Record<string, string> = { a: 'href', img: 'src', input: 'type' };

function rejectIncomplete(frame: sanitizeHtml.Frame): boolean | 'excludeTag' {
  const required = REQUIRED_ATTRIBUTE[frame.tag];
  if (required === undefined || frame.attribs[required] !== undefined) return false;
  // A link loses only its tag and keeps its text; an image or input goes entirely.
  return frame.tag === 'a' ? 'excludeTag' : true;
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
      if (href === undefined) return { tagName, attribs: {} };
      const kept: sanitizeHtml.Attributes = { href, rel: LINK_REL };
      if (attribs.title) kept.title = attribs.title;
      if (attribs.class?.split(/\s+/).includes(MENTION_CLASS)) kept.class = MENTION_CLASS;
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const src = attribs.src === undefined ? undefined : safeImageSrc(attribs.src, origin);
      if (src === undefined) return { tagName, attribs: {} };
      const kept: sanitizeHtml.Attributes = { src, alt: attribs.alt ?? '' };
      if (attribs.title) kept.title = attribs.title;
      return { tagName, attribs: kept };
    },
    // Only the read-only checkbox of a GFM task list; it can never submit anything.
    input: (tagName, attribs) => {
      if (attribs.type?.toLowerCase() !== 'checkbox') return { tagName, attribs: {} };
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
  return sanitizeHtml(normaliseText(html), {
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
    exclusiveFilter: rejectIncomplete,
  });
}

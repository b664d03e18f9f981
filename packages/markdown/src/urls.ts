// Browsers drop these from URLs (C0 controls anywhere, space at the ends), so they must be
// gone before we decide what a URL means.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const URL_NOISE = /[\u0000-\u001F\u007F-\u009F]/g;
// Characters that are invisible to a reader; removed only when looking for `//`.
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const UPLOADS_PATH = '/uploads/';
/** A post's own picture (`/allegati/ID`) or its thumbnail (`/allegati/ID/anteprima`). */
const ATTACHMENT_PATH = /^\/allegati\/([1-9]\d{0,14})(\/anteprima)?$/;

function clean(raw: string): string {
  return raw.replace(URL_NOISE, '').trim();
}

function parseAbsolute(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Returns the href to emit for a link, or undefined when the link must lose its target.
 * Allowed: http, https and mailto URLs, and root-relative paths. `//host` and `/\host` are
 * refused because browsers read both as a different host.
 */
export function safeLinkHref(raw: string): string | undefined {
  const href = clean(raw);
  if (href.startsWith('/')) {
    return /^\/[/\\]/.test(href.replace(INVISIBLE, '')) ? undefined : href;
  }
  // The WHATWG parser decides the scheme exactly as the browser will.
  const url = parseAbsolute(href);
  return url && LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/** Origin that owns `/uploads/`; throws on a misconfigured publicOrigin rather than guess. */
export function ownOrigin(publicOrigin: string): string {
  const origin = new URL(publicOrigin).origin;
  if (origin === 'null') throw new TypeError(`publicOrigin is not an http(s) origin: ${publicOrigin}`);
  return origin;
}

/**
 * Returns the src to emit for an image, or undefined when the image must go. Allowed: our own
 * `/uploads/`, and the pictures uploaded with posts (`/allegati/ID` and its thumbnail), which the
 * server shows only to readers of the post's thread. An image on another host would be fetched by every reader's browser and
 * mail client — a tracking pixel — so it is refused (the renderer shows it as a link instead).
 * Other same-origin paths are refused so an image cannot fire a GET at our own endpoints with
 * the reader's cookies. Own uploads are emitted root-relative so stored HTML survives an origin
 * change.
 */
export function safeImageSrc(raw: string, origin: string): string | undefined {
  const src = clean(raw);
  let url: URL;
  try {
    url = new URL(src, `${origin}/`);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^https?:/i.test(src)) return undefined;
  if (ATTACHMENT_PATH.test(url.pathname)) return url.pathname;
  return url.pathname.startsWith(UPLOADS_PATH) ? url.pathname + url.search : undefined;
}

/**
 * The id of a picture uploaded with a post when `src` (already accepted by safeImageSrc) is one,
 * whether it names the picture or its thumbnail.
 */
export function attachmentId(src: string): string | undefined {
  return ATTACHMENT_PATH.exec(src)?.[1];
}

export const attachmentHref = (id: string) => `/allegati/${id}`;
export const thumbnailSrc = (id: string) => `/allegati/${id}/anteprima`;

/** The host of an image on another site that may be offered as a link, or undefined. */
export function externalImageHost(raw: string, origin: string): string | undefined {
  const href = safeLinkHref(raw);
  if (href === undefined || href.startsWith('/')) return undefined;
  const url = parseAbsolute(href);
  if (!url || url.origin === origin || !/^https?:$/.test(url.protocol)) return undefined;
  return url.host;
}

import { MEDIA_TYPES, type MediaType } from './media-types.js';

/** Room for the name on every common file system (255 bytes), with margin for "(1)" suffixes. */
const MAX_NAME_BYTES = 200;
const FALLBACK_BASE = 'documento';

// Control and invisible formatting characters (bidi overrides turn "exe.pdf" into "fdp.exe"),
// and the characters Windows refuses in names or that break a quoted header value.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const UNSAFE = /["*:<>?|]/g;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;
const SUPPORTED_EXTENSIONS = new Set<string>(Object.values(MEDIA_TYPES).flatMap((t) => t.extensions));

function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

/**
 * A name safe to store and to offer back in a download: no folders, no control or invisible
 * characters, nothing a header or Windows would choke on, and an extension that matches the
 * detected type (a PNG sent as "scan.pdf" becomes "scan.png"; "notes.v2" becomes "notes.v2.txt").
 * Readable Unicode (accents, other scripts) is kept.
 */
export function safeFilename(raw: string, type: MediaType): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const extension = /\.([\p{L}\p{N}]{1,10})$/u.exec(name)?.[1]?.toLowerCase();
  let base = name;
  if (extension !== undefined && (type.extensions.includes(extension) || SUPPORTED_EXTENSIONS.has(extension))) {
    base = name.slice(0, -(extension.length + 1));
  }
  const suffix = `.${extension !== undefined && type.extensions.includes(extension) ? extension : type.extensions[0]}`;
  base = truncateBytes(base, MAX_NAME_BYTES - Buffer.byteLength(suffix)).replace(/[\s.]+$/g, '');
  if (base === '') base = FALLBACK_BASE;
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  name = base + suffix;
  return name;
}

/** Printable ASCII only, for clients that ignore `filename*`. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
}

/** RFC 5987 value: UTF-8, percent-encoded beyond the few characters allowed bare. */
const encodeExtended = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Always an attachment, never shown inline: the browser saves the file and renders nothing of ours. */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtended(name)}`;
}

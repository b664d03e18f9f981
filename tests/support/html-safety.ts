/**
 * An independent check of sanitised HTML against the allowlist, shared by the markdown unit tests
 * and the API tests: every tag, attribute and URL a browser could act on.
 */
// Written out here rather than imported, so widening the package's allowlist fails this test.
const ALLOWED: Record<string, readonly string[]> = {
  ...Object.fromEntries(
    'h1 h2 h3 h4 h5 h6 p br hr strong em del pre blockquote ul li table thead tbody tr'.split(' ').map((t) => [t, []]),
  ),
  code: ['class'],
  ol: ['start'],
  input: ['type', 'checked', 'disabled'],
  th: ['align'],
  td: ['align'],
  a: ['href', 'title', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'loading'],
  span: ['class'],
};

// The only shape a tag may have in our output: lowercase name, double-quoted values without
// markup characters. Anything else starting with `<` means the output is not what we think.
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/y;
const ATTRIBUTE = /([a-z-]+)(?:="([^"]*)")?/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|lt|gt));/gi;
const NAMED: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>' };

function decode(value: string): string {
  return value.replace(ENTITY, (_, dec, hex, name) =>
    name ? (NAMED[name.toLowerCase()] ?? '') : String.fromCodePoint(Number.parseInt(dec ?? hex, dec ? 10 : 16)),
  );
}

function urlProblem(tag: string, attribute: string, raw: string): string | undefined {
  if (/&(?!(?:#\d+|#x[0-9a-f]+|amp|quot|lt|gt);)/i.test(raw)) return `unexpected entity in ${attribute}="${raw}"`;
  // What a browser would act on: controls and whitespace removed, case folded.
  const url = decode(raw)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these inside URLs
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();
  if (/(?:javascript|data|vbscript):/.test(url)) return `script-capable URL ${attribute}="${raw}"`;
  if (tag === 'a' && !/^(?:https?:\/\/|mailto:|\/(?![/\\]))/.test(url)) return `link target ${raw}`;
  // Images only from our own uploads and posts' pictures: one on another host is a tracking pixel.
  if (tag === 'img' && !/^\/uploads\/|^\/allegati\/[1-9]\d*(?:\/anteprima)?$/.test(url)) return `image source ${raw}`;
  return undefined;
}

function attributeProblems(tag: string, closing: boolean, attributes: string): string[] {
  const problems: string[] = [];
  const allowed = ALLOWED[tag];
  if (!allowed) problems.push(`tag <${tag}>`);
  for (const [, name = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
    if (closing) problems.push(`attribute on </${tag}>`);
    if (!allowed?.includes(name)) problems.push(`attribute ${name} on <${tag}>`);
    const url = name === 'href' || name === 'src' ? urlProblem(tag, name, value) : undefined;
    if (url) problems.push(url);
    if (name === 'class' && !/^(?:mention|language-[a-z0-9_+#.-]+)$/i.test(value)) problems.push(`class ${value}`);
    if (name === 'type' && value !== 'checkbox') problems.push(`input type ${value}`);
    if (name === 'loading' && value !== 'lazy') problems.push(`loading ${value}`);
  }
  return problems;
}

/** Every way `html` departs from the allowlist; empty when it is safe to embed. */
export function violations(html: string): string[] {
  const problems: string[] = [];
  let markup = '';
  let at = 0;
  for (;;) {
    const next = html.indexOf('<', at);
    if (html.slice(at, next === -1 ? undefined : next).includes('>')) problems.push(`unescaped > after ${at}`);
    if (next === -1) break;
    TAG.lastIndex = next;
    const match = TAG.exec(html);
    if (!match) {
      problems.push(`malformed markup at ${next}: ${html.slice(next, next + 40)}`);
      at = next + 1;
      continue;
    }
    const [tagText, closing, tag = '', attributes = ''] = match;
    markup += tagText;
    problems.push(...attributeProblems(tag, closing === '/', attributes));
    at = TAG.lastIndex;
  }
  // The red lines once more, literally: on the whole output, and on attribute names (a quoted,
  // escaped value such as a title may legitimately read "onmouseover=").
  const names = markup.replace(/="[^"]*"/g, '=""');
  if (/<script/i.test(html)) problems.push('<script');
  if (/\son\w+\s*=/i.test(names)) problems.push('event handler attribute');
  if (/\sstyle\b/i.test(names)) problems.push('style attribute');
  return problems;
}

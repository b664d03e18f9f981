import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './messages/en.js';
import { type Catalogue, it, type MessageKey } from './messages/it.js';

export type { Catalogue, MessageKey };

/** The languages the community speaks; Italian is the source, English follows it key by key. */
export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const catalogues: Record<Locale, Catalogue> = { it, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const isLocale = (value: unknown): value is Locale => value === 'it' || value === 'en';
export const isMessageKey = (value: string): value is MessageKey => Object.hasOwn(it, value);

/** The BCP 47 tag for dates and numbers in each language. */
export const intlLocale: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * A `t()` bound to one language. Messages are ICU: `{name}` placeholders, and
 * `{count, plural, one {…} other {…}}` for plurals. Each message is compiled once, on first
 * use; a message whose values are missing is shown as written, so a slip stays visible and
 * never breaks a page. Tags in messages are plain text: markup belongs to the templates.
 */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  const compiled = compiledFor(locale);
  return (key, params) => {
    const source = catalogue[key];
    if (!source.includes('{')) return source;
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, intlLocale[locale], undefined, { ignoreTag: true });
      compiled.set(key, format);
    }
    try {
      return String(format.format(params ?? {}));
    } catch {
      return source;
    }
  };
}

const cache = new Map<Locale, Map<MessageKey, IntlMessageFormat>>();
function compiledFor(locale: Locale) {
  let compiled = cache.get(locale);
  if (!compiled) {
    compiled = new Map();
    cache.set(locale, compiled);
  }
  return compiled;
}

/** A notification as the words of one sentence: the same on the page, in its mail and in the digest. */
export interface NotificationWords {
  kind: string;
  /** A document's new status, or a moderator's act (`lock`, `move`, `hide`): some kinds say which. */
  detail?: string | null | undefined;
  actor: string;
  title: string;
}

/** Kinds added later read as a plain "news in…" until they get words of their own. */
export function describeNotification(t: Translate, n: NotificationWords): string {
  const key =
    [`notifications.kind.${n.kind}.${n.detail}`, `notifications.kind.${n.kind}`].find(isMessageKey) ??
    'notifications.kind.other';
  return t(key, { actor: n.actor, title: n.title });
}

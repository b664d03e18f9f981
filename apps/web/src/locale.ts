import { isLocale, type Locale } from '@hubspoke/i18n';
import type { FastifyRequest } from 'fastify';
import { readCookie } from './cookies.js';

export const LANG_COOKIE = 'lang';

/** The first language of `Accept-Language` (by quality) that we speak, if any. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale);
}

/** The signed-in user's choice, else the visitor's `lang` cookie, else the browser's languages, else Italian. */
export function pickLocale(request: FastifyRequest): Locale {
  if (request.user) return request.user.locale;
  const cookie = readCookie(request, LANG_COOKIE);
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage(request.headers['accept-language']) ?? 'it';
}

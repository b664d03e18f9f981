import type { Config } from '@hubspoke/config';
import type { Locale, UserRow } from '@hubspoke/db';
import { intlLocale, type Translate, translator } from '@hubspoke/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Flash, takeFlash } from './flash.js';
import { type HeaderState, headerState } from './header-state.js';
import { pickLocale } from './locale.js';

/** Everything a page template needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  user: UserRow | null;
  /** The path asked for, for the navigation's current item and sign-in's `next`. */
  path: string;
  flash: Flash | null;
  requestId: string;
  /** Unread notifications and the live client's starting point; null on anonymous pages and POSTs. */
  header: HeaderState | null;
  /** Formats a date the way the reader expects. */
  date(value: Date): string;
  /** A date and time, in the reader's own time zone. */
  dateTime(value: Date): string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, config: Config): PageContext {
  const locale = pickLocale(request);
  const tag = intlLocale[locale];
  const timeZone = request.user?.timezone ?? 'Europe/Rome';
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const times = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    locale,
    t: translator(locale),
    user: request.user,
    path: request.url.split('?')[0] ?? '/',
    // Only a GET shows (and so consumes) the flash: it is the page the redirect leads to.
    flash: request.method === 'GET' ? takeFlash(request, reply, config.secureCookies) : null,
    requestId: request.id,
    header: headerState(request),
    date: (value) => dates.format(value),
    dateTime: (value) => times.format(value),
  };
}

import { type ConsentDto, listConsents } from '@hubspoke/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, writeCookie } from '../cookies.js';
import type { WebOptions } from '../web-options.js';

/** The pending versions the reader chose to read later, as `kind.version` words. */
export const LATER_COOKIE = 'hs_consents_later';
const LATER_SECONDS = 8 * 3600;

/**
 * What a page view asks for: of participants, the Patto and the privacy notice, and a new
 * Liberatoria if they gave an earlier one (the first is asked with the CV); of staff, only the
 * privacy notice.
 */
export function askedOf(role: string, consents: readonly ConsentDto[]): ConsentDto[] {
  const order = ['patto', 'privacy', 'liberatoria'] as const;
  return order
    .map((kind) => consents.find((c) => c.kind === kind))
    .filter((c): c is ConsentDto => c?.pending === true)
    .filter((c) =>
      role === 'participant' ? c.kind !== 'liberatoria' || c.acceptedVersion !== null : c.kind === 'privacy',
    );
}

const word = (c: ConsentDto) => `${c.kind}.${c.version}`;

export function putOff(request: FastifyRequest, reply: FastifyReply, asked: readonly ConsentDto[], secure: boolean) {
  const words = new Set((readCookie(request, LATER_COOKIE) ?? '').split(' ').filter(Boolean));
  for (const c of asked) words.add(word(c));
  writeCookie(reply, LATER_COOKIE, [...words].join(' '), { maxAgeSeconds: LATER_SECONDS, secure });
}

/**
 * At the next page view after a new version, the reader is taken to it first (once: "later"
 * remembers the versions put off). Only GET pages ask; forms keep working, and the services
 * refuse what needs the Patto.
 */
export const askForConsents =
  ({ deps }: WebOptions) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' || !request.user || request.url.startsWith('/consensi')) return;
    const asked = askedOf(request.user.role, await listConsents(deps, request.user));
    const later = new Set((readCookie(request, LATER_COOKIE) ?? '').split(' '));
    const first = asked.find((c) => !later.has(word(c)));
    if (!first) return;
    return reply.redirect(`/consensi/${first.kind}?chiesto=1&next=${encodeURIComponent(request.url)}`, 303);
  };

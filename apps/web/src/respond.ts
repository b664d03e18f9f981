import type { UserRow } from '@hubspoke/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from './context.js';
import type { SafeHtml } from './ui/html.js';
import { layout } from './ui/layout.js';

/** Sends a whole page. Pages are personal, so no cache may keep them (nor the back button after sign-out). */
export function sendPage(
  reply: FastifyReply,
  ctx: PageContext,
  title: string,
  body: SafeHtml,
  status = 200,
  extra: { scripts?: readonly string[] } = {},
) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(layout(ctx, { title, body, ...extra }).toString());
}

/** After a successful POST: 303 makes the browser GET the next page, so a reload never repeats the POST. */
export const seeOther = (reply: FastifyReply, location: string) => reply.redirect(location, 303);

/** Only a path on this site: never `//evil.example` or `/\evil.example`, which browsers treat as another host. */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return /[\p{Cc}\\]/u.test(value) ? fallback : value;
}

/** The user a signed-in-only route is sure to have (its hook redirected everyone else). */
export function currentUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new Error('a signed-in route ran without a user');
  return request.user;
}

/** A positive integer id from a path or query, or undefined (the route then answers 404 or ignores it). */
export const idParam = (value: string | undefined) =>
  value !== undefined && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : undefined;

/** A urlencoded form body, read leniently: a missing field is an empty string, not a crash. */
export interface Form {
  text(name: string): string;
  /** Untrimmed, for passwords: spaces at the ends are part of them. */
  secret(name: string): string;
  all(name: string): string[];
  id(name: string): number | undefined;
}

export function readForm(body: unknown): Form {
  const fields = (typeof body === 'object' && body ? body : {}) as Record<string, string | string[] | undefined>;
  const all = (name: string) => {
    const value = fields[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  return {
    text: (name) => (all(name)[0] ?? '').trim(),
    secret: (name) => all(name)[0] ?? '',
    all,
    id: (name) => {
      const value = all(name)[0] ?? '';
      return /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : undefined;
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The pages' own small cookies (language, one-shot flash message). The api's cookie plugin
 * parses cookies too, but its types belong to the api; reading the header here keeps apps/web
 * free of that dependency.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  httpOnly?: boolean;
}

export function writeCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax', `Max-Age=${options.maxAgeSeconds}`];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  // Fastify appends set-cookie headers instead of replacing them, so the session cookie survives.
  reply.header('set-cookie', parts.join('; '));
}

export const deleteCookie = (reply: FastifyReply, name: string, secure: boolean) =>
  writeCookie(reply, name, '', { maxAgeSeconds: 0, secure });

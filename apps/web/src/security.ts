import type { FastifyReply } from 'fastify';

/**
 * One Content-Security-Policy for every page: our own scripts and styles only (no inline
 * script, so an injected `<script>` cannot run), images also from https and data URLs, and no
 * framing. `upgrade-insecure-requests` only when we are served over https, or a plain-http
 * deployment (or test) would have its own forms upgraded to an address that does not answer.
 */
export function cspDirectives(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'https:', 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export const helmetOptions = (https: boolean) => ({
  contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(https) },
  referrerPolicy: { policy: 'same-origin' as const },
});

/**
 * The same policy for HTML error pages, which the api's root error handler sends outside the
 * pages' plugin (and so outside the helmet hooks registered there).
 */
export function applyPageSecurityHeaders(reply: FastifyReply, https: boolean): void {
  const policy = Object.entries(cspDirectives(https))
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
  reply.header('content-security-policy', policy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

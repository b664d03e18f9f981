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
  // The same as frame-ancestors 'none', for browsers that predate it.
  xFrameOptions: { action: 'deny' as const },
});

/**
 * The tools served beside the pages (the API reference at /docs, the job queues at
 * /admin/queues): the same policy, but images only from us and data URLs (their icons), since
 * they never show user content.
 */
export function toolCspDirectives(https: boolean): Record<string, string[]> {
  return { ...cspDirectives(https), 'img-src': ["'self'", 'data:'] };
}

export function cspHeaderValue(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/**
 * The security headers of a response sent outside the pages' plugin (and so outside the helmet
 * hooks registered there): the policy, no framing for browsers that predate frame-ancestors,
 * no sniffing, no referrer to other sites.
 */
export function applySecurityHeaders(reply: FastifyReply, directives: Record<string, string[]>): void {
  reply.header('content-security-policy', cspHeaderValue(directives));
  reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

/** The pages' policy for HTML error pages, which the api's root error handler sends. */
export function applyPageSecurityHeaders(reply: FastifyReply, https: boolean): void {
  applySecurityHeaders(reply, cspDirectives(https));
}

import type { Config } from '@hubspoke/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from './context.js';
import { sendPage } from './respond.js';
import { applyPageSecurityHeaders } from './security.js';
import { errorPage, errorStatus } from './ui/error.page.js';

/**
 * Whether a failed request should see an HTML page rather than the API's JSON error: always for
 * the pages' own routes, and for any other non-API address a browser asked for (an unknown page).
 */
export function wantsHtmlPage(request: FastifyRequest): boolean {
  if (request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?')) return false;
  if (request.routeOptions.config.page === true) return true;
  return /\btext\/html\b/.test(request.headers.accept ?? '');
}

/** The error as a page in the reader's language; used by the api's one error handler. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  status: number,
  code?: string,
) {
  applyPageSecurityHeaders(reply, config.secureCookies);
  const ctx = pageContext(request, reply, config);
  const shown = errorStatus(status);
  const csrf =
    code === 'csrf_rejected' ? { expected: config.publicOrigin, received: request.headers.origin } : undefined;
  const page = errorPage(ctx, shown, {
    csrf,
    pattoRequired: code === 'patto_required',
    localPasswordsOff: code === 'local_passwords_off',
  });
  return sendPage(reply, ctx, ctx.t(`errorPage.title.${shown}`), page, status);
}

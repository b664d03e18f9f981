import { AppError, beginOidcSignIn, completeOidcSignIn } from '@hubspoke/domain';
import { isMessageKey } from '@hubspoke/i18n';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { deleteCookie, readCookie, writeCookie } from '../cookies.js';
import { safeNext, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { oidcFailedPage } from './oidc.page.js';

/** The sealed state, nonce and PKCE verifier of one sign-in at the provider, read back by the callback. */
const OIDC_COOKIE = 'hs_oidc';

/** Sign-in through the organisation's OpenID Connect provider (404 when none is configured). */
const oidcRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  /** A refusal the person can act on, as a page; anything else goes to the one error handler. */
  const failed = (request: FastifyRequest, reply: FastifyReply, error: unknown, next: string) => {
    if (!(error instanceof AppError) || (error.status >= 500 && error.code !== 'oidc_unavailable')) throw error;
    if (error.code === 'rate_limited' || error.code === 'not_found') throw error;
    request.log.info({ code: error.code, reason: error.message }, 'oidc sign-in refused');
    const ctx = pageContext(request, reply, config);
    const key = `error.${error.code}`;
    const message = isMessageKey(key) ? key : 'error.oidc_failed';
    reply.headers(error.headers);
    return sendPage(reply, ctx, ctx.t('oidc.failedTitle'), oidcFailedPage(ctx, { message, next }), error.status);
  };

  app.get<{ Querystring: { next?: string } }>('/accedi/ente', async (request, reply) => {
    if (!config.oidc) throw new AppError(404, 'not_found', 'No identity provider is configured');
    const next = safeNext(request.query.next);
    if (request.user) return reply.redirect(next, 303);
    try {
      const { url, sealed, maxAgeSeconds } = await beginOidcSignIn(deps, { next });
      writeCookie(reply, OIDC_COOKIE, sealed, { maxAgeSeconds, secure: config.secureCookies });
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    } catch (error) {
      return failed(request, reply, error, next);
    }
  });

  app.get('/accedi/ente/callback', async (request, reply) => {
    if (!config.oidc) throw new AppError(404, 'not_found', 'No identity provider is configured');
    const sealed = readCookie(request, OIDC_COOKIE);
    // Single use: whatever happens next, this sign-in's state is spent.
    deleteCookie(reply, OIDC_COOKIE, config.secureCookies);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const { session, next } = await completeOidcSignIn(deps, { query, sealed, ip: request.ip });
      reply.setSessionCookie(session);
      return reply.header('cache-control', 'no-store').redirect(safeNext(next), 303);
    } catch (error) {
      return failed(request, reply, error, '/');
    }
  });
};

export default oidcRoutes;

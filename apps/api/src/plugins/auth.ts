import cookie from '@fastify/cookie';
import type { UserRow } from '@hubspoke/db';
import { AppError, authenticateApiToken, type IssuedSession, noteActivity, validateSession } from '@hubspoke/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import '@hubspoke/web';

export const SESSION_COOKIE = 'hs_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new AppError(401, 'unauthenticated', 'Sign in first');
  return request.user;
}

/**
 * Resolves who is calling (bearer token first, then the session cookie) and enforces the
 * Origin check on every state-changing request that a browser could have been tricked into.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    const { config, deps } = app;
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.secureCookies,
      path: '/',
    };

    app.decorateRequest('user', null);
    app.decorateRequest('authMethod', null);
    app.decorateRequest('sessionToken', null);
    app.decorateReply('setSessionCookie', function (this: FastifyReply, session: IssuedSession) {
      return this.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
    });
    app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, cookieOptions);
    });

    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/healthz' || request.url === '/readyz') return;
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const user = await authenticateApiToken(deps, authorization.slice(7).trim());
        if (!user) throw new AppError(401, 'invalid_token', 'The API token is unknown or revoked');
        request.user = user;
        request.authMethod = 'token';
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!SAFE_METHODS.has(request.method)) {
        // A browser always sends Origin on cross-site writes; a cookie-carrying write from
        // anywhere but our own pages, or with no Origin at all, is refused.
        const origin = request.headers.origin;
        const allowed = origin !== undefined && config.allowedOrigins.includes(origin);
        if ((token || origin) && !allowed) {
          throw new AppError(
            403,
            'csrf_rejected',
            `This request must come from the forum’s own pages: Origin ${config.publicOrigin} expected, got ${origin ?? 'none'}`,
          );
        }
      }
      if (!token) return;
      const session = await validateSession(deps, token);
      if (!session) {
        reply.clearSessionCookie();
        return;
      }
      request.user = await noteActivity(deps, session.user);
      request.authMethod = 'session';
      request.sessionToken = token;
      if (session.refreshed) reply.setSessionCookie({ token, expiresAt: session.expiresAt });
    });
  },
  { name: 'auth', dependencies: ['infra'] },
);

import type { UserRow } from '@hubspoke/db';
import type { IssuedSession } from '@hubspoke/domain';

/**
 * What the api's auth plugin puts on every request, declared once here so both the api routes
 * and the pages (registered by the api) see the same types.
 */
declare module 'fastify' {
  interface FastifyRequest {
    user: UserRow | null;
    /** How `user` was established; CSRF checks apply only to cookies. */
    authMethod: 'session' | 'token' | null;
    sessionToken: string | null;
  }
  interface FastifyReply {
    setSessionCookie(session: IssuedSession): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set on every route of the pages' plugin: their errors render as HTML pages. */
    page?: boolean;
  }
}

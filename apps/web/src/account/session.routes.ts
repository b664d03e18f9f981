import { assertLocalPasswords, invalidateSession, login, updatePreferences } from '@hubspoke/domain';
import { isLocale } from '@hubspoke/i18n';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { writeCookie } from '../cookies.js';
import { setFlash } from '../flash.js';
import { LANG_COOKIE } from '../locale.js';
import { readForm, safeNext, seeOther, sendPage } from '../respond.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { signInPage } from './sign-in.page.js';

/** Signing in and out, and the language switch of anonymous visitors. */
const sessionRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const signInOptions = { oidcLabel: config.oidc?.buttonLabel ?? null, passwords: config.localPasswords };

  app.get<{ Querystring: { next?: string } }>('/accedi', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.user) return seeOther(reply, next);
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('signIn.title'), signInPage(ctx, { ...signInOptions, next }));
  });

  app.post('/accedi', async (request, reply) => {
    assertLocalPasswords(config);
    const form = readForm(request.body);
    const ctx = pageContext(request, reply, config);
    const email = form.text('email');
    const password = form.secret('password');
    const next = safeNext(form.text('next'));
    const fail = (error: ReturnType<typeof formError>) =>
      sendPage(
        reply,
        ctx,
        ctx.t('signIn.title'),
        signInPage(ctx, { ...signInOptions, email, next, error }),
        error.status,
      );
    if (!email || !password) return fail(formError(ctx, 'error.required', ['email', 'password']));
    try {
      const { session } = await login(deps, { email, password, ip: request.ip });
      reply.setSessionCookie(session);
      return seeOther(reply, next);
    } catch (error) {
      return fail(toFormError(ctx, error, ['email', 'password']));
    }
  });

  app.post('/esci', async (request, reply) => {
    if (request.sessionToken) await invalidateSession(deps, request.sessionToken);
    reply.clearSessionCookie();
    setFlash(reply, { key: 'flash.signedOut' }, config.secureCookies);
    return seeOther(reply, '/accedi');
  });

  app.post('/lingua', async (request, reply) => {
    const form = readForm(request.body);
    const lang = form.text('lang');
    if (isLocale(lang)) {
      writeCookie(reply, LANG_COOKIE, lang, { maxAgeSeconds: 365 * 86_400, secure: config.secureCookies });
      if (request.user) await updatePreferences(deps, request.user, { locale: lang });
    }
    return seeOther(reply, safeNext(form.text('next')));
  });
};

export default sessionRoutes;

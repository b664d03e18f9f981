import { acceptInvitation, assertLocalPasswords, confirmPasswordReset, requestPasswordReset } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { type PageContext, pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { type Form, readForm, seeOther, sendPage } from '../respond.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { invitationPage } from './invitation.page.js';
import { resetConfirmPage, resetRequestPage } from './password-reset.page.js';

type TokenParams = { Params: { token: string } };

/** The two passwords of a "new password" form, checked before any service is asked. */
function checkNewPassword(ctx: PageContext, form: Form) {
  const password = form.secret('password');
  if (!password || !form.secret('passwordConfirm'))
    return formError(ctx, 'error.required', ['password', 'passwordConfirm']);
  if (password !== form.secret('passwordConfirm'))
    return formError(ctx, 'error.password_mismatch', ['passwordConfirm']);
  return null;
}

const PASSWORD_CODES = { weak_password: ['password'] };

/** Pages reached from the links we mail: accepting an invitation and resetting a password. */
const accountRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const minutes = config.passwordResetMinutes;
  // Every page here sets a password: with LOCAL_PASSWORDS=off each answers 403, pointing to the provider.
  app.addHook('onRequest', async () => assertLocalPasswords(config));

  app.get<TokenParams>('/invito/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('invitation.title'), invitationPage(ctx, { token: request.params.token }));
  });

  app.post<TokenParams>('/invito/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const { token } = request.params;
    const displayName = form.text('displayName');
    let error = !displayName ? formError(ctx, 'error.required', ['displayName']) : checkNewPassword(ctx, form);
    if (!error) {
      try {
        const { session } = await acceptInvitation(deps, { token, displayName, password: form.secret('password') });
        reply.setSessionCookie(session);
        setFlash(reply, { key: 'flash.welcome' }, config.secureCookies);
        return seeOther(reply, '/');
      } catch (caught) {
        error = toFormError(ctx, caught, [], { ...PASSWORD_CODES, invalid_display_name: ['displayName'] });
      }
    }
    const page = invitationPage(ctx, { token, displayName, error });
    return sendPage(reply, ctx, ctx.t('invitation.title'), page, error.status);
  });

  app.get<{ Querystring: { inviata?: string } }>('/password/reimposta', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const sent = request.query.inviata !== undefined;
    return sendPage(reply, ctx, ctx.t('reset.title'), resetRequestPage(ctx, { minutes, sent }));
  });

  app.post('/password/reimposta', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const email = readForm(request.body).text('email');
    let error = email ? null : formError(ctx, 'error.required', ['email']);
    if (!error) {
      try {
        await requestPasswordReset(deps, email, request.ip);
        // The same answer whether or not the address has an account.
        return seeOther(reply, '/password/reimposta?inviata');
      } catch (caught) {
        error = toFormError(ctx, caught, ['email']);
      }
    }
    return sendPage(reply, ctx, ctx.t('reset.title'), resetRequestPage(ctx, { minutes, email, error }), error.status);
  });

  app.get<TokenParams>('/password/nuova/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const page = resetConfirmPage(ctx, { token: request.params.token });
    return sendPage(reply, ctx, ctx.t('reset.confirmTitle'), page);
  });

  app.post<TokenParams>('/password/nuova/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const { token } = request.params;
    let error = checkNewPassword(ctx, form);
    if (!error) {
      try {
        await confirmPasswordReset(deps, { token, password: form.secret('password') });
        setFlash(reply, { key: 'flash.passwordReset' }, config.secureCookies);
        return seeOther(reply, '/accedi');
      } catch (caught) {
        error = toFormError(ctx, caught, [], PASSWORD_CODES);
      }
    }
    const page = resetConfirmPage(ctx, { token, error });
    return sendPage(reply, ctx, ctx.t('reset.confirmTitle'), page, error.status);
  });
};

export default accountRoutes;

import type { UserRow } from '@hubspoke/db';
import { changePassword, createApiToken, listApiTokens, revokeApiToken, updatePreferences } from '@hubspoke/domain';
import { isLocale } from '@hubspoke/i18n';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { type FailedForm, formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type ProfileView, profilePage } from './profile.page.js';
import { readEmailPreferences } from './profile-email.routes.js';

/** Profile and preferences: language, mails and digests, password, personal API tokens. Every form posts, then redirects. */
const profileRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRow,
    failed?: ProfileView['failed'] & { status: number },
  ) {
    const ctx = pageContext(request, reply, config);
    const tokens = await listApiTokens(deps, user.id);
    return sendPage(
      reply,
      ctx,
      ctx.t('profile.title'),
      profilePage(ctx, { user, tokens, passwords: config.localPasswords, ...(failed ? { failed } : {}) }),
      failed?.status,
    );
  }

  app.get('/profilo', (request, reply) => render(request, reply, currentUser(request)));

  app.post('/profilo/lingua', async (request, reply) => {
    const locale = readForm(request.body).text('locale');
    if (!isLocale(locale)) return seeOther(reply, '/profilo');
    await updatePreferences(deps, currentUser(request), { locale });
    setFlash(reply, { key: 'flash.languageSaved' }, secure);
    return seeOther(reply, '/profilo');
  });

  app.post('/profilo/email', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const { input, changes } = readEmailPreferences(readForm(request.body));
    const fail = (error: FailedForm) =>
      render(request, reply, user, { form: 'email', error, status: error.status, email: input });
    if (!changes) return fail(formError(ctx, 'error.required', []));
    try {
      await updatePreferences(deps, user, changes);
    } catch (error) {
      return fail(toFormError(ctx, error, [], { invalid_timezone: ['timezone'] }));
    }
    setFlash(reply, { key: 'flash.preferencesSaved' }, secure);
    return seeOther(reply, '/profilo#email-title');
  });

  app.post('/profilo/password', async (request, reply) => {
    const user = currentUser(request);
    const form = readForm(request.body);
    const ctx = pageContext(request, reply, config);
    const [currentPassword, newPassword] = [form.secret('currentPassword'), form.secret('password')];
    const fail = (error: ReturnType<typeof formError>) =>
      render(request, reply, user, { form: 'password', error, status: error.status });
    if (!currentPassword || !newPassword)
      return fail(formError(ctx, 'error.required', ['currentPassword', 'password']));
    if (newPassword !== form.secret('passwordConfirm'))
      return fail(formError(ctx, 'error.password_mismatch', ['passwordConfirm']));
    try {
      const session = await changePassword(deps, user, { currentPassword, newPassword });
      reply.setSessionCookie(session);
    } catch (error) {
      return fail(toFormError(ctx, error, [], { wrong_password: ['currentPassword'], weak_password: ['password'] }));
    }
    setFlash(reply, { key: 'flash.passwordChanged' }, secure);
    return seeOther(reply, '/profilo');
  });

  app.post('/profilo/token', async (request, reply) => {
    const user = currentUser(request);
    const name = readForm(request.body).text('name');
    if (!name || name.length > 80) {
      const error = formError(pageContext(request, reply, config), 'error.required', ['name']);
      return render(request, reply, user, { form: 'token', error, status: 400, tokenName: name });
    }
    const created = await createApiToken(deps, user.id, name);
    // The token leaves the server this once; only its hash is stored.
    setFlash(reply, { key: 'flash.tokenCreated', params: { name }, secret: created.token }, secure);
    return seeOther(reply, '/profilo');
  });

  app.post<{ Params: { id: string } }>('/profilo/token/:id/revoca', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) return reply.callNotFound();
    await revokeApiToken(deps, currentUser(request).id, id);
    setFlash(reply, { key: 'flash.tokenRevoked' }, secure);
    return seeOther(reply, '/profilo');
  });
};

export default profileRoutes;

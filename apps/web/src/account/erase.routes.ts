import { eraseOwnAccount } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { erasePage } from './erase.page.js';

/** Erasing one's own account, confirmed with the password; then the session is gone too. */
const eraseRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get('/profilo/elimina', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('erase.title'), erasePage(ctx, { email: currentUser(request).email }));
  });

  app.post('/profilo/elimina', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const form = readForm(request.body);
    const password = form.secret('password');
    let error = password ? null : formError(ctx, 'error.required', ['password']);
    if (!error) {
      try {
        await eraseOwnAccount(deps, user, { password, deletePosts: form.text('deletePosts') === '1' });
        reply.clearSessionCookie();
        setFlash(reply, { key: 'flash.accountErased' }, config.secureCookies);
        return seeOther(reply, '/accedi');
      } catch (caught) {
        error = toFormError(ctx, caught, ['password']);
      }
    }
    return sendPage(reply, ctx, ctx.t('erase.title'), erasePage(ctx, { email: user.email, error }), error.status);
  });
};

export default eraseRoutes;

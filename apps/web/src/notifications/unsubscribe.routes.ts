import { unsubscribe } from '@hubspoke/domain';
import { verifyUnsubscribeToken } from '@hubspoke/mail';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { unsubscribePage } from './unsubscribe.page.js';

type TokenParams = { Params: { token: string } };

// Longer than any token we sign; anything else is not worth verifying.
const MAX_TOKEN = 300;

/**
 * One-click unsubscribe from mails, no sign-in needed: GET shows a confirmation (link scanners
 * follow GETs, so GET never changes anything), POST does it — also the RFC 8058 one-click POST
 * that mail clients send, form-encoded `List-Unsubscribe=One-Click`, whose content does not matter.
 */
const unsubscribeRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const verify = (token: string) =>
    token.length > MAX_TOKEN ? undefined : verifyUnsubscribeToken(config.appSecret, token);

  app.get<TokenParams>('/email/unsubscribe/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const { token } = request.params;
    if (!verify(token))
      return sendPage(reply, ctx, ctx.t('unsubscribe.title'), unsubscribePage(ctx, { state: 'invalid' }), 404);
    return sendPage(reply, ctx, ctx.t('unsubscribe.title'), unsubscribePage(ctx, { state: 'confirm', token }));
  });

  app.post<TokenParams>('/email/unsubscribe/:token', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const valid = verify(request.params.token);
    if (!valid)
      return sendPage(reply, ctx, ctx.t('unsubscribe.title'), unsubscribePage(ctx, { state: 'invalid' }), 404);
    await unsubscribe(deps, valid.userId, valid.scope);
    return sendPage(
      reply,
      ctx,
      ctx.t('unsubscribe.title'),
      unsubscribePage(ctx, { state: 'done', scope: valid.scope }),
    );
  });
};

export default unsubscribeRoutes;

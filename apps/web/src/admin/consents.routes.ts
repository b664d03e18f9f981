import { isConsentKind, listAcceptances, listConsents, publishConsentVersion } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { adminAcceptancesPage, adminConsentsPage } from './consents.page.js';

type KindParams = { Params: { kind: string } };

/** Admin: publishing the Patto, the Liberatoria and the privacy notice, and who accepted them. */
const adminConsentRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get('/admin/consensi', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const consents = await listConsents(deps, currentUser(request));
    return sendPage(reply, ctx, ctx.t('admin.consents'), adminConsentsPage(ctx, consents));
  });

  app.post<KindParams>('/admin/consensi/:kind', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const actor = currentUser(request);
    const form = readForm(request.body);
    const input = { textIt: form.text('textIt'), textEn: form.text('textEn') };
    try {
      const { version, mailed } = await publishConsentVersion(deps, actor, request.params.kind, input);
      setFlash(reply, { key: 'flash.consentPublished', params: { version, mailed } }, config.secureCookies);
      return seeOther(reply, '/admin/consensi');
    } catch (caught) {
      const error = toFormError(ctx, caught, ['textIt', 'textEn']);
      const page = adminConsentsPage(ctx, await listConsents(deps, actor), {
        kind: request.params.kind,
        ...input,
        error,
      });
      return sendPage(reply, ctx, ctx.t('admin.consents'), page, error.status);
    }
  });

  app.get<KindParams & { Querystring: { dopo?: string } }>('/admin/consensi/:kind', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const { kind } = request.params;
    if (!isConsentKind(kind)) return reply.callNotFound();
    const cursor = request.query.dopo;
    const page = await listAcceptances(deps, currentUser(request), kind, cursor ? { cursor } : {});
    const view = { kind, items: page.items, nextCursor: page.nextCursor };
    return sendPage(reply, ctx, ctx.t('admin.consentAcceptances'), adminAcceptancesPage(ctx, view));
  });
};

export default adminConsentRoutes;

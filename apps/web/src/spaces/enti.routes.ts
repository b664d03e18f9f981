import { getEnte, listDimensions, listEnteSummaries } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { currentUser, idParam, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { entePage, entiPage } from './enti.page.js';

/** The programme's enti and one ente's page. */
const enteRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get('/enti', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const enti = await listEnteSummaries(deps, currentUser(request));
    return sendPage(reply, ctx, ctx.t('enti.title'), entiPage(ctx, enti));
  });

  app.get<{ Params: { id: string } }>('/enti/:id', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const [view, dimensions] = await Promise.all([getEnte(deps, currentUser(request), id), listDimensions(deps)]);
    const names = new Map(dimensions.map((d) => [d.slug, ctx.locale === 'en' ? d.name_en : d.name_it]));
    return sendPage(reply, ctx, view.ente.name, entePage(ctx, view, names));
  });
};

export default enteRoutes;

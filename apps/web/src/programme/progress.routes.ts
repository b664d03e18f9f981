import { listDimensions, listEnti, type ProgressView, programmeProgress } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { currentUser, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { progressPage, VIEW_PARAMS } from './progress.page.js';

type ProgressQuery = { Querystring: { vista?: string; regione?: string; dopo?: string } };

/** Moderators and admins: how far each ente and table has got. */
const progressRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<ProgressQuery>('/programma', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const { vista, regione, dopo } = request.query;
    const view: ProgressView = vista === VIEW_PARAMS.tables ? 'tables' : 'enti';
    const region = typeof regione === 'string' ? regione.slice(0, 80) : '';
    const [page, enti, dimensions] = await Promise.all([
      programmeProgress(deps, currentUser(request), {
        view,
        ...(region ? { region } : {}),
        ...(typeof dopo === 'string' && dopo ? { cursor: dopo } : {}),
        limit: 50,
      }),
      listEnti(deps),
      listDimensions(deps),
    ]);
    const regions = [...new Set(enti.map((e) => e.region).filter((r): r is string => Boolean(r)))].sort((a, b) =>
      a.localeCompare(b, 'it'),
    );
    const names = new Map(dimensions.map((d) => [d.slug, ctx.locale === 'en' ? d.name_en : d.name_it]));
    return sendPage(
      reply,
      ctx,
      ctx.t('progress.title'),
      progressPage(ctx, { page, region, regions, dimensions: names }),
    );
  });
};

export default progressRoutes;

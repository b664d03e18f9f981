import { listFocusAreas, listVisibleTables, ownWatchLevels } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { type ListingQuery, listingHref, loadListing, readListing } from '../forum/listing.js';
import { currentUser, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { focusAreaPage } from './focus-area.page.js';

/** A focus area: its threads across every table the reader can see. */
const focusAreaRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<{ Params: { slug: string }; Querystring: ListingQuery }>('/aree/:slug', async (request, reply) => {
    const user = currentUser(request);
    const areas = await listFocusAreas(deps);
    const area = areas.find((a) => a.slug === request.params.slug);
    if (!area) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps.config);
    const { focusArea: _fixed, ...listing } = readListing(request.query, []);
    const path = `/aree/${area.slug}`;
    const [page, tables, levels] = await Promise.all([
      loadListing(deps, user, { ...listing, focusArea: area.slug }),
      listVisibleTables(deps, user),
      ownWatchLevels(deps, user),
    ]);
    const view = {
      area,
      listing,
      threads: page.items,
      tables,
      level: levels.focusArea(area.slug),
      moreHref: page.nextCursor ? listingHref(path, listing, page.nextCursor) : null,
      firstHref: listing.cursor ? listingHref(path, listing) : null,
    };
    const name = ctx.locale === 'en' ? area.name_en : area.name_it;
    return sendPage(reply, ctx, name, focusAreaPage(ctx, view));
  });
};

export default focusAreaRoutes;

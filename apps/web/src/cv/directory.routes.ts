import {
  directoryFilterOptions,
  getDirectoryEntry,
  isCountryCode,
  isLanguageCode,
  searchDirectory,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { currentUser, idParam, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { type DirectoryFilters, directoryEntryPage, directoryHref, directoryPage } from './directory.page.js';
import { loadVocabularies } from './vocabularies.js';

type ListQuery = {
  Querystring: {
    q?: string;
    area?: string;
    dimensione?: string;
    lingua?: string;
    paese?: string;
    regione?: string;
    ente?: string;
    cursore?: string;
  };
};

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The competence directory ("Competenze"): the search and one person's entry. */
const directoryRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<ListQuery>('/competenze', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const [vocabularies, options] = await Promise.all([
      loadVocabularies(deps, ctx.locale),
      directoryFilterOptions(deps),
    ]);
    const query = request.query;
    const [q, area, dimension, language, country, region] = [
      one(query.q).slice(0, 200),
      one(query.area),
      one(query.dimensione),
      one(query.lingua).toLowerCase(),
      one(query.paese).toUpperCase(),
      one(query.regione),
    ];
    const enteId = idParam(one(query.ente));
    // Unknown filter values are dropped rather than refused, like the other lists.
    const filters: DirectoryFilters = {
      ...(q ? { q } : {}),
      ...(vocabularies.focusAreas.has(area) ? { focusArea: area } : {}),
      ...(vocabularies.dimensions.has(dimension) ? { dimension } : {}),
      ...(isLanguageCode(language) ? { language } : {}),
      ...(isCountryCode(country) ? { country } : {}),
      ...(options.regions.includes(region) ? { region } : {}),
      ...(enteId && options.enti.some((e) => e.id === enteId) ? { enteId } : {}),
    };
    const cursor = one(query.cursore);
    const page = await searchDirectory(deps, currentUser(request), { ...filters, ...(cursor ? { cursor } : {}) });
    const view = {
      items: page.items,
      filters,
      vocabularies,
      regions: options.regions,
      enti: options.enti,
      moreHref: page.nextCursor ? directoryHref(filters, page.nextCursor) : null,
      paged: Boolean(cursor),
    };
    return sendPage(reply, ctx, ctx.t('directory.title'), directoryPage(ctx, view));
  });

  app.get<{ Params: { userId: string } }>('/competenze/:userId', async (request, reply) => {
    const userId = idParam(request.params.userId);
    if (!userId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const [entry, vocabularies] = await Promise.all([
      getDirectoryEntry(deps, currentUser(request), userId),
      loadVocabularies(deps, ctx.locale),
    ]);
    return sendPage(reply, ctx, entry.person.displayName, directoryEntryPage(ctx, entry, vocabularies));
  });
};

export default directoryRoutes;

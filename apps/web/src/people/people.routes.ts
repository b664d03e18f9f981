import { findDirectoryEntry, getProfileByHandle, latestActivity } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { loadVocabularies } from '../cv/vocabularies.js';
import { currentUser, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { personPage } from './person.page.js';

const RECENT_POSTS = 10;

/** People's pages, by handle: `@giulia.ferri` in a post links to `/u/giulia.ferri`. */
const peopleRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<{ Params: { handle: string } }>('/u/:handle', async (request, reply) => {
    const { handle } = request.params;
    if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(handle)) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps.config);
    const profile = await getProfileByHandle(deps, handle);
    // Their recent posts, as far as the reader may read them (private labs stay private).
    const [posts, cv, vocabularies] = await Promise.all([
      latestActivity(deps, currentUser(request), { authorId: profile.id, limit: RECENT_POSTS }),
      // Their CV only as the directory shows it: with the current Liberatoria, else nothing of it.
      findDirectoryEntry(deps, profile.id),
      loadVocabularies(deps, ctx.locale),
    ]);
    const page = personPage(ctx, profile, posts.items, cv ? { entry: cv, vocabularies } : null);
    return sendPage(reply, ctx, ctx.t('person.title', { name: profile.displayName }), page);
  });
};

export default peopleRoutes;

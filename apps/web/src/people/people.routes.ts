import { getProfileByHandle, latestActivity } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
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
    const posts = await latestActivity(deps, currentUser(request), { authorId: profile.id, limit: RECENT_POSTS });
    const page = personPage(ctx, profile, posts.items);
    return sendPage(reply, ctx, ctx.t('person.title', { name: profile.displayName }), page);
  });
};

export default peopleRoutes;

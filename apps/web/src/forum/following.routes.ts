import {
  listFocusAreas,
  listThreads,
  listVisibleTables,
  setBookmark,
  setFocusAreaSubscription,
  setTableSubscription,
  setThreadSubscription,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, safeNext, seeOther, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { bookmarksPage } from './bookmarks.page.js';
import { focusAreaNames } from './listing.js';
import { isWatchLevel } from './watch-level.view.js';

type IdParams = { Params: { id: string } };

/** Following tables, focus areas and threads, and bookmarks (each a small form that redirects back), and the bookmarks' page. */
const followingRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const secure = deps.config.secureCookies;

  app.get<{ Querystring: { cursore?: string } }>('/segnalibri', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const user = currentUser(request);
    const cursor = request.query.cursore;
    const [page, tables, areas] = await Promise.all([
      listThreads(deps, user, { bookmarkedOnly: true, ...(cursor ? { cursor } : {}) }),
      listVisibleTables(deps, user),
      focusAreaNames(deps, ctx),
    ]);
    const view = {
      threads: page.items,
      tables,
      areas,
      moreHref: page.nextCursor ? `/segnalibri?cursore=${encodeURIComponent(page.nextCursor)}` : null,
      firstHref: cursor ? '/segnalibri' : null,
    };
    return sendPage(reply, ctx, ctx.t('bookmarks.title'), bookmarksPage(ctx, view));
  });

  app.post<IdParams>('/tavoli/:id/notifiche', async (request, reply) => {
    const id = idParam(request.params.id);
    const level = readForm(request.body).text('level');
    if (!id) return reply.callNotFound();
    if (isWatchLevel(level)) {
      await setTableSubscription(deps, currentUser(request), id, level);
      setFlash(reply, { key: 'flash.watchSaved' }, secure);
    }
    return seeOther(reply, `/tavoli/${id}`);
  });

  app.post<{ Params: { slug: string } }>('/aree/:slug/notifiche', async (request, reply) => {
    const { slug } = request.params;
    const level = readForm(request.body).text('level');
    if (!(await listFocusAreas(deps)).some((area) => area.slug === slug)) return reply.callNotFound();
    if (isWatchLevel(level)) {
      await setFocusAreaSubscription(deps, currentUser(request), slug, level);
      setFlash(reply, { key: 'flash.watchSaved' }, secure);
    }
    return seeOther(reply, `/aree/${slug}`);
  });

  app.post<IdParams>('/discussioni/:id/notifiche', async (request, reply) => {
    const id = idParam(request.params.id);
    const form = readForm(request.body);
    const level = form.text('level');
    if (!id) return reply.callNotFound();
    if (isWatchLevel(level)) {
      await setThreadSubscription(deps, currentUser(request), id, level);
      setFlash(reply, { key: 'flash.watchSaved' }, secure);
    }
    return seeOther(reply, safeNext(form.text('next'), `/discussioni/${id}`));
  });

  app.post<IdParams>('/discussioni/:id/segnalibro', async (request, reply) => {
    const id = idParam(request.params.id);
    const form = readForm(request.body);
    if (!id) return reply.callNotFound();
    const on = form.text('on') === '1';
    await setBookmark(deps, currentUser(request), id, on);
    setFlash(reply, { key: on ? 'flash.bookmarkAdded' : 'flash.bookmarkRemoved' }, secure);
    return seeOther(reply, safeNext(form.text('next'), `/discussioni/${id}`));
  });
};

export default followingRoutes;

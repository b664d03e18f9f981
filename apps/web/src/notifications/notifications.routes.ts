import { listNotifications, markNotificationsRead } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, safeNext, seeOther, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { notificationsPage } from './notifications.page.js';

/** The reader's notifications, newest first; following one marks it read. */
const notificationRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<{ Querystring: { cursore?: string } }>('/notifiche', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const cursor = request.query.cursore;
    const page = await listNotifications(deps, currentUser(request), cursor ? { cursor } : {});
    const view = {
      items: page.items,
      unread: page.unread,
      moreHref: page.nextCursor ? `/notifiche?cursore=${encodeURIComponent(page.nextCursor)}` : null,
      firstHref: cursor ? '/notifiche' : null,
    };
    return sendPage(reply, ctx, ctx.t('notifications.title'), notificationsPage(ctx, view));
  });

  app.post('/notifiche/lette', async (request, reply) => {
    await markNotificationsRead(deps, currentUser(request), 'all');
    setFlash(reply, { key: 'flash.notificationsRead' }, deps.config.secureCookies);
    return seeOther(reply, '/notifiche');
  });

  // A link, so it opens like any other; marking one's own notification read is safe to repeat.
  app.get<{ Params: { id: string }; Querystring: { vai?: string } }>('/notifiche/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    await markNotificationsRead(deps, currentUser(request), [id]);
    return seeOther(reply, safeNext(request.query.vai, '/notifiche'));
  });
};

export default notificationRoutes;

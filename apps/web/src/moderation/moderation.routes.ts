import { AppError, listAudit, listOpenFlags, resolveFlag, reviewQueue } from '@hubspoke/domain';
import type { MessageKey } from '@hubspoke/i18n';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { reviewQueuePage } from '../documents/review-queue.page.js';
import { setFlash } from '../flash.js';
import { focusAreaNames } from '../forum/listing.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { auditLogPage } from './audit-log.page.js';
import { flagsPage } from './moderation.page.js';

type PageQuery = { Querystring: { cursore?: string } };

/** Moderators' pages: open flags, documents to review, the audit log. Registered behind `requireStaff`. */
const moderationRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<PageQuery>('/moderazione', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const cursor = request.query.cursore;
    const page = await listOpenFlags(deps, currentUser(request), cursor ? { cursor } : {});
    const moreHref = page.nextCursor ? `/moderazione?cursore=${encodeURIComponent(page.nextCursor)}` : null;
    return sendPage(reply, ctx, ctx.t('moderation.flags'), flagsPage(ctx, page.items, moreHref));
  });

  app.post<{ Params: { id: string } }>('/moderazione/segnalazioni/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const action = readForm(request.body).text('action');
    if (action !== 'hide' && action !== 'dismiss') throw new AppError(400, 'invalid_request', 'Unknown resolution');
    let flash: MessageKey = action === 'hide' ? 'flash.flagHidden' : 'flash.flagDismissed';
    try {
      await resolveFlag(deps, currentUser(request), id, action);
    } catch (error) {
      // Another moderator got there first (or a double click): the queue is what matters.
      if (!(error instanceof AppError && error.code === 'flag_resolved')) throw error;
      flash = 'flash.flagAlreadyResolved';
    }
    setFlash(reply, { key: flash }, deps.config.secureCookies);
    return seeOther(reply, '/moderazione');
  });

  app.get('/moderazione/revisione', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const [items, areas] = await Promise.all([reviewQueue(deps, currentUser(request)), focusAreaNames(deps, ctx)]);
    return sendPage(reply, ctx, ctx.t('moderation.review'), reviewQueuePage(ctx, items, areas));
  });

  app.get<PageQuery>('/moderazione/registro', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const cursor = request.query.cursore;
    const page = await listAudit(deps, currentUser(request), cursor ? { cursor } : {});
    const moreHref = page.nextCursor ? `/moderazione/registro?cursore=${encodeURIComponent(page.nextCursor)}` : null;
    const firstHref = cursor ? '/moderazione/registro' : null;
    return sendPage(reply, ctx, ctx.t('moderation.audit'), auditLogPage(ctx, page.items, moreHref, firstHref));
  });
};

export default moderationRoutes;

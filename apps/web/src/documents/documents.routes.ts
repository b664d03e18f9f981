import type { DocumentKind, DocumentStatus } from '@hubspoke/db';
import {
  AppError,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  getDocument,
  listDocuments,
  requestDocumentReview,
  transitionDocument,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { focusAreaNames } from '../forum/listing.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type DocumentFilters, documentPage, documentsHref, documentsPage } from './documents.page.js';

type ListQuery = { Querystring: { tipo?: string; area?: string; stato?: string; q?: string; cursore?: string } };

const isKind = (value: string | undefined): value is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(value ?? '');
const isStatus = (value: string | undefined): value is DocumentStatus =>
  (DOCUMENT_STATUSES as readonly string[]).includes(value ?? '');

/** The document library: the list, one document, its review moves and its tutor review requests. */
const documentRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<ListQuery>('/documenti', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const areas = await focusAreaNames(deps, ctx);
    const { tipo, area, stato, q, cursore } = request.query;
    // Unknown filter values are dropped rather than refused, like the thread lists.
    const filters: DocumentFilters = {
      ...(isKind(tipo) ? { kind: tipo } : {}),
      ...(area && areas.has(area) ? { focusArea: area } : {}),
      ...(isStatus(stato) ? { status: stato } : {}),
      ...(q?.trim() ? { q: q.trim().slice(0, 200) } : {}),
    };
    const page = await listDocuments(deps, currentUser(request), {
      ...filters,
      ...(cursore ? { cursor: cursore } : {}),
    });
    const view = {
      items: page.items,
      filters,
      areas,
      moreHref: page.nextCursor ? documentsHref(filters, page.nextCursor) : null,
      paged: Boolean(cursore),
    };
    return sendPage(reply, ctx, ctx.t('documents.title'), documentsPage(ctx, view));
  });

  app.get<{ Params: { id: string } }>('/documenti/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const [data, areas] = await Promise.all([getDocument(deps, currentUser(request), id), focusAreaNames(deps, ctx)]);
    const page = documentPage(ctx, data, areas, { maxBytes: config.uploads.maxBytes });
    return sendPage(reply, ctx, data.document.title, page);
  });

  app.post<{ Params: { id: string } }>('/documenti/:id/stato', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const form = readForm(request.body);
    const to = form.text('to');
    if (!isStatus(to)) throw new AppError(400, 'invalid_request', 'Unknown document status');
    try {
      await transitionDocument(deps, user, id, { to, comment: form.secret('comment') });
    } catch (caught) {
      // Not found and not allowed are the error page's; the rest is shown on the document.
      if (caught instanceof AppError && (caught.status === 403 || caught.status === 404)) throw caught;
      const error = toFormError(ctx, caught, ['comment']);
      const [data, areas] = await Promise.all([getDocument(deps, user, id), focusAreaNames(deps, ctx)]);
      const page = documentPage(ctx, data, areas, { maxBytes: config.uploads.maxBytes, workflowError: error.message });
      return sendPage(reply, ctx, data.document.title, page, error.status);
    }
    setFlash(
      reply,
      { key: 'flash.documentMoved', params: { status: ctx.t(`documentStatus.${to}`) } },
      config.secureCookies,
    );
    return seeOther(reply, `/documenti/${id}`);
  });

  app.post<{ Params: { id: string; n: string } }>('/documenti/:id/versioni/:n/revisione', async (request, reply) => {
    const id = idParam(request.params.id);
    const number = idParam(request.params.n);
    if (!id || !number) return reply.callNotFound();
    const { thread } = await requestDocumentReview(deps, currentUser(request), id, number);
    setFlash(reply, { key: 'flash.reviewRequested' }, config.secureCookies);
    return seeOther(reply, `/discussioni/${thread.id}`);
  });
};

export default documentRoutes;

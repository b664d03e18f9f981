import type { UserRow } from '@hubspoke/db';
import {
  canCreateAnnouncement,
  canPostInTable,
  createThread,
  getDraft,
  listDimensions,
  listVisibleTables,
  saveDraft,
} from '@hubspoke/domain';
import { renderMarkdown } from '@hubspoke/markdown';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, type Form, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { type FailedForm, formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { focusAreaNames, isThreadKind } from './listing.js';
import { type NewThreadInput, newThreadPage } from './thread-new.page.js';

const FIELDS_BY_CODE = {
  invalid_title: ['title'],
  empty_body: ['body'],
  body_too_long: ['body'],
  table_not_found: ['tableId'],
  forbidden: ['tableId', 'kind'],
};

export const readNewThreadInput = (form: Form): NewThreadInput => ({
  tableId: form.text('tableId'),
  focusArea: form.text('focusArea'),
  dimension: form.text('dimension'),
  kind: form.text('kind'),
  title: form.text('title'),
});

/** The new-thread page: first shown, or again after a preview, a draft, an upload or a refusal. */
export async function renderNewThread(
  deps: WebOptions['deps'],
  request: FastifyRequest,
  reply: FastifyReply,
  input: NewThreadInput,
  composer: { body: string; error?: FailedForm; previewHtml?: string; draftSavedAt?: string },
) {
  const user = currentUser(request);
  const ctx = pageContext(request, reply, deps.config);
  const [tables, focusAreas, dimensions] = await Promise.all([
    listVisibleTables(deps, user),
    focusAreaNames(deps, ctx),
    listDimensions(deps),
  ]);
  const page = newThreadPage(ctx, {
    input,
    composer,
    tables: tables.filter((table) => canPostInTable(user, table.is_member)),
    focusAreas,
    dimensions: dimensions.map((d) => ({ slug: d.slug, name: ctx.locale === 'en' ? d.name_en : d.name_it })),
    mayAnnounce: canCreateAnnouncement(user),
  });
  return sendPage(reply, ctx, ctx.t('newThread.title'), page, composer.error?.status);
}

/** Starting a thread in one of the tables the writer belongs to. */
const newThreadRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<{ Querystring: { tavolo?: string; area?: string } }>('/discussioni/nuova', async (request, reply) => {
    const tableId = idParam(request.query.tavolo);
    // The draft of a new thread is kept per table: choosing the table brings it back.
    const draft = tableId ? await getDraft(deps, currentUser(request), { tableId }) : null;
    const input = {
      tableId: request.query.tavolo ?? '',
      focusArea: request.query.area ?? '',
      dimension: '',
      kind: '',
      title: draft?.title ?? '',
    };
    return renderNewThread(deps, request, reply, input, {
      body: draft?.body ?? '',
      ...(draft ? { draftSavedAt: draft.updatedAt } : {}),
    });
  });

  app.post('/discussioni/nuova', async (request, reply) => {
    const user: UserRow = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const input = readNewThreadInput(form);
    const body = form.secret('body');
    if (form.text('intent') === 'preview') {
      return renderNewThread(deps, request, reply, input, {
        body,
        previewHtml: renderMarkdown(body, { publicOrigin: config.publicOrigin }),
      });
    }
    const tableId = form.id('tableId');
    if (form.text('intent') === 'draft') {
      if (!tableId)
        return renderNewThread(deps, request, reply, input, {
          body,
          error: formError(ctx, 'error.draft_needs_table', ['tableId']),
        });
      try {
        await saveDraft(deps, user, { tableId }, { title: input.title, body });
      } catch (caught) {
        return renderNewThread(deps, request, reply, input, {
          body,
          error: toFormError(ctx, caught, [], FIELDS_BY_CODE),
        });
      }
      setFlash(reply, { key: 'flash.draftSaved' }, config.secureCookies);
      return seeOther(reply, `/discussioni/nuova?tavolo=${tableId}`);
    }
    const areas = await focusAreaNames(deps, ctx);
    const dimensions = (await listDimensions(deps)).map((d) => d.slug);
    const missing = [
      ...(tableId ? [] : ['tableId']),
      ...(areas.has(input.focusArea) ? [] : ['focusArea']),
      ...(isThreadKind(input.kind) ? [] : ['kind']),
      ...(input.title ? [] : ['title']),
      ...(body.trim() ? [] : ['body']),
    ];
    if (missing.length || !tableId || !isThreadKind(input.kind)) {
      return renderNewThread(deps, request, reply, input, { body, error: formError(ctx, 'error.required', missing) });
    }
    try {
      const created = await createThread(deps, user, {
        tableId,
        focusArea: input.focusArea,
        dimension: dimensions.includes(input.dimension) ? input.dimension : null,
        kind: input.kind,
        title: input.title,
        body,
      });
      return seeOther(reply, `/discussioni/${created.thread.id}`);
    } catch (caught) {
      return renderNewThread(deps, request, reply, input, {
        body,
        error: toFormError(ctx, caught, [], FIELDS_BY_CODE),
      });
    }
  });
};

export default newThreadRoutes;

import type { UserRow } from '@hubspoke/db';
import {
  AppError,
  createCalendarToken,
  createPathSession,
  createProduct,
  deletePathSession,
  deleteProduct,
  getAttendance,
  getPath,
  getReadableTable,
  listMembers,
  revokeCalendarToken,
  setAttendance,
  updatePathSession,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type PageContext, pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { CONFIRMED, confirmPage } from '../ui/confirm.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type FailedPathForm, PATH_URL, type PathPageView, pathPage } from './path.page.js';
import {
  PRODUCT_FIELDS_BY_CODE,
  productFields,
  productInput,
  SESSION_FIELDS_BY_CODE,
  sessionFields,
  sessionInput,
} from './path-forms.js';

type TableParams = { Params: { id: string } };
type SessionParams = { Params: { id: string; sid: string } };
type ProductParams = { Params: { id: string; pid: string } };

/** Refusals the person can fix in the form (400, 409); anything else is the error page's (403, 404, 5xx). */
const fixable = (error: unknown) => error instanceof AppError && (error.status === 400 || error.status === 409);

/** A table's path: its sessions by dimension, products due, attendance and calendar. */
const pathRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;
  const base = config.publicUrl.replace(/\/$/, '');

  async function loadView(user: UserRow, tableId: number, token?: string): Promise<PathPageView> {
    const table = await getReadableTable(deps, user, tableId);
    const path = await getPath(deps, user, tableId);
    const attendance = new Map<number, readonly number[]>();
    let people: PathPageView['people'] = [];
    if (path.canManage) {
      const held = path.modules.flatMap((m) => m.sessions).filter((s) => s.past);
      const [members, records] = await Promise.all([
        listMembers(deps, user, tableId),
        Promise.all(held.map((s) => getAttendance(deps, user, tableId, s.id))),
      ]);
      people = members;
      for (const record of records) attendance.set(record.sessionId, record.userIds);
    }
    return {
      table: { id: table.id, name: table.name },
      path,
      attendance,
      people,
      calendar: {
        tableFeed: `${base}/api/tables/${tableId}/calendar.ics`,
        personalFeed: `${base}/api/me/calendar.ics`,
        ...(token ? { token } : {}),
      },
    };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    tableId: number,
    options: { failed?: FailedPathForm; token?: string; status?: number } = {},
  ) {
    const view = await loadView(currentUser(request), tableId, options.token);
    const page = pathPage(ctx, { ...view, ...(options.failed ? { failed: options.failed } : {}) });
    return sendPage(reply, ctx, ctx.t('path.pageTitle', { table: view.table.name }), page, options.status);
  }

  const back = (reply: FastifyReply, tableId: number, flash: Parameters<typeof setFlash>[1], anchor = '') => {
    setFlash(reply, flash, secure);
    return seeOther(reply, `${PATH_URL(tableId)}${anchor}`);
  };

  app.get<TableParams>('/tavoli/:id/percorso', async (request, reply) => {
    const tableId = idParam(request.params.id);
    if (!tableId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    // A new calendar link travels in the flash once: shown in the calendar box, not in the banner.
    const token = ctx.flash?.key === 'flash.pathCalendarCreated' ? ctx.flash.secret : undefined;
    const shown: PageContext = token ? { ...ctx, flash: { key: 'flash.pathCalendarCreated' } } : ctx;
    return render(request, reply, shown, tableId, token ? { token } : {});
  });

  app.post<TableParams>('/tavoli/:id/percorso/sessioni', async (request, reply) => {
    const tableId = idParam(request.params.id);
    if (!tableId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const fields = sessionFields(readForm(request.body));
    try {
      const created = await createPathSession(deps, currentUser(request), tableId, sessionInput(fields));
      return back(
        reply,
        tableId,
        { key: 'flash.pathSessionCreated', params: { title: created.title } },
        `#sessione-${created.id}`,
      );
    } catch (error) {
      if (!fixable(error)) throw error;
      const failed = toFormError(ctx, error, ['title'], SESSION_FIELDS_BY_CODE);
      return render(request, reply, ctx, tableId, {
        failed: { form: 'new-session', error: failed, session: fields },
        status: failed.status,
      });
    }
  });

  app.post<SessionParams>('/tavoli/:id/percorso/sessioni/:sid', async (request, reply) => {
    const tableId = idParam(request.params.id);
    const sessionId = idParam(request.params.sid);
    if (!tableId || !sessionId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const fields = sessionFields(readForm(request.body));
    try {
      const changed = await updatePathSession(deps, currentUser(request), tableId, sessionId, sessionInput(fields));
      return back(
        reply,
        tableId,
        { key: 'flash.pathSessionUpdated', params: { title: changed.title } },
        `#sessione-${changed.id}`,
      );
    } catch (error) {
      if (!fixable(error)) throw error;
      const failed = toFormError(ctx, error, ['title'], SESSION_FIELDS_BY_CODE);
      return render(request, reply, ctx, tableId, {
        failed: { form: `session-${sessionId}`, error: failed, session: fields },
        status: failed.status,
      });
    }
  });

  app.post<SessionParams>('/tavoli/:id/percorso/sessioni/:sid/elimina', async (request, reply) => {
    const tableId = idParam(request.params.id);
    const sessionId = idParam(request.params.sid);
    if (!tableId || !sessionId) return reply.callNotFound();
    const user = currentUser(request);
    if (readForm(request.body).text(CONFIRMED) !== '1') {
      // Asking first: only those who may plan are asked, the others see the refusal at once.
      const path = await getPath(deps, user, tableId);
      const session = path.modules.flatMap((m) => m.sessions).find((s) => s.id === sessionId);
      if (!session) return reply.callNotFound();
      if (!path.canManage) throw new AppError(403, 'forbidden', 'Only the table’s moderators and admins plan its path');
      const ctx = pageContext(request, reply, config);
      const page = confirmPage(ctx, {
        title: ctx.t('path.deleteSessionConfirm', { title: session.title }),
        intro: ctx.t('path.deleteSessionIntro'),
        action: `${PATH_URL(tableId)}/sessioni/${sessionId}/elimina`,
        submit: ctx.t('path.deleteSession'),
        cancel: `${PATH_URL(tableId)}#sessione-${sessionId}`,
      });
      return sendPage(reply, ctx, ctx.t('path.deleteSession'), page);
    }
    await deletePathSession(deps, user, tableId, sessionId);
    return back(reply, tableId, { key: 'flash.pathSessionDeleted' });
  });

  app.post<SessionParams>('/tavoli/:id/percorso/sessioni/:sid/presenze', async (request, reply) => {
    const tableId = idParam(request.params.id);
    const sessionId = idParam(request.params.sid);
    if (!tableId || !sessionId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const userIds = readForm(request.body)
      .all('userIds')
      .map((v) => idParam(v))
      .filter((v): v is number => v !== undefined);
    try {
      const saved = await setAttendance(deps, currentUser(request), tableId, sessionId, userIds);
      return back(
        reply,
        tableId,
        { key: 'flash.pathAttendanceSaved', params: { count: saved.userIds.length } },
        `#sessione-${sessionId}`,
      );
    } catch (error) {
      if (!fixable(error)) throw error;
      const failed = toFormError(ctx, error, []);
      return render(request, reply, ctx, tableId, {
        failed: { form: `attendance-${sessionId}`, error: failed, attendees: userIds },
        status: failed.status,
      });
    }
  });

  app.post<TableParams>('/tavoli/:id/percorso/prodotti', async (request, reply) => {
    const tableId = idParam(request.params.id);
    if (!tableId) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const fields = productFields(readForm(request.body));
    try {
      await createProduct(deps, currentUser(request), tableId, productInput(fields));
      return back(reply, tableId, { key: 'flash.pathProductCreated' }, `#dimensione-${fields.dimension}`);
    } catch (error) {
      if (!fixable(error)) throw error;
      const failed = toFormError(ctx, error, ['documentKind'], PRODUCT_FIELDS_BY_CODE);
      return render(request, reply, ctx, tableId, {
        failed: { form: 'new-product', error: failed, product: fields },
        status: failed.status,
      });
    }
  });

  app.post<ProductParams>('/tavoli/:id/percorso/prodotti/:pid/elimina', async (request, reply) => {
    const tableId = idParam(request.params.id);
    const productId = idParam(request.params.pid);
    if (!tableId || !productId) return reply.callNotFound();
    await deleteProduct(deps, currentUser(request), tableId, productId);
    return back(reply, tableId, { key: 'flash.pathProductDeleted' });
  });

  app.post<TableParams>('/tavoli/:id/percorso/calendario', async (request, reply) => {
    const tableId = idParam(request.params.id);
    if (!tableId) return reply.callNotFound();
    const user = currentUser(request);
    // Only from a table the person may read: the page it returns to must exist for them.
    await getReadableTable(deps, user, tableId);
    const created = await createCalendarToken(deps, user);
    // The token leaves the server this once; only its hash is stored.
    return back(reply, tableId, { key: 'flash.pathCalendarCreated', secret: created.token }, '#calendario');
  });

  app.post<TableParams>('/tavoli/:id/percorso/calendario/revoca', async (request, reply) => {
    const tableId = idParam(request.params.id);
    if (!tableId) return reply.callNotFound();
    const user = currentUser(request);
    await getReadableTable(deps, user, tableId);
    try {
      await revokeCalendarToken(deps, user);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        return back(reply, tableId, { key: 'flash.pathCalendarNone' }, '#calendario');
      }
      throw error;
    }
    return back(reply, tableId, { key: 'flash.pathCalendarRevoked' }, '#calendario');
  });
};

export default pathRoutes;

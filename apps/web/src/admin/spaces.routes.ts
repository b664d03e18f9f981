import type { EnteKind, TableKind, TableVisibility } from '@hubspoke/db';
import {
  createEnte,
  createTable,
  ENTE_KINDS,
  findEnte,
  listEnti,
  listVisibleTables,
  updateEnte,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, type Form, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { TABLE_KINDS } from '../spaces/tables.view.js';
import { attempt, formError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { enteEditPage, entiPage } from './enti.page.js';
import { adminOverview } from './frame.view.js';
import { adminTablesPage } from './tables.page.js';

const oneOf = <T extends string>(allowed: readonly T[], value: string): T | undefined =>
  (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const VISIBILITIES: readonly TableVisibility[] = ['members', 'participants'];

/** The new-table form as typed, kept to fill the form again if it fails. */
const tableInput = (form: Form) => ({
  name: form.text('name'),
  description: form.text('description'),
  kind: form.text('kind'),
  regions: form.text('regions'),
  visibility: form.text('visibility'),
  enteId: form.text('enteId'),
});

/** Admin: the overview, enti and tables. */
const adminSpaceRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const enteById = async (param: string) => {
    const id = idParam(param);
    return id ? findEnte(deps, id) : undefined;
  };
  const secure = config.secureCookies;

  app.get('/admin', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const [enti, tables] = await Promise.all([listEnti(deps), listVisibleTables(deps, currentUser(request))]);
    return sendPage(reply, ctx, ctx.t('admin.title'), adminOverview(ctx, { enti: enti.length, tables: tables.length }));
  });

  app.get('/admin/enti', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('admin.enti'), entiPage(ctx, await listEnti(deps)));
  });

  app.post('/admin/enti', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const input = { name: form.text('name'), kind: form.text('kind'), region: form.text('region') };
    const kind: EnteKind = oneOf(ENTE_KINDS, input.kind) ?? 'altro';
    const error =
      (input.name ? null : formError(ctx, 'error.required', ['name'])) ??
      (await attempt(ctx, async () => {
        const ente = await createEnte(deps, currentUser(request), { ...input, kind, region: input.region || null });
        setFlash(reply, { key: 'flash.enteCreated', params: { name: ente.name } }, secure);
      }, ['name']));
    if (!error) return seeOther(reply, '/admin/enti');
    const page = entiPage(ctx, await listEnti(deps), input, error);
    return sendPage(reply, ctx, ctx.t('admin.enti'), page, error.status);
  });

  app.get<{ Params: { id: string } }>('/admin/enti/:id', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const ente = await enteById(request.params.id);
    if (!ente) return reply.callNotFound();
    return sendPage(reply, ctx, ctx.t('enti.edit'), enteEditPage(ctx, ente));
  });

  app.post<{ Params: { id: string } }>('/admin/enti/:id', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const ente = await enteById(request.params.id);
    if (!ente) return reply.callNotFound();
    const form = readForm(request.body);
    const input = { name: form.text('name'), kind: form.text('kind'), region: form.text('region') };
    const kind = oneOf(ENTE_KINDS, input.kind) ?? ente.kind;
    const error =
      (input.name ? null : formError(ctx, 'error.required', ['name'])) ??
      (await attempt(ctx, () => updateEnte(deps, currentUser(request), ente.id, { ...input, kind }), ['name']));
    if (!error) {
      setFlash(reply, { key: 'flash.enteSaved' }, secure);
      return seeOther(reply, `/enti/${ente.id}`);
    }
    return sendPage(reply, ctx, ctx.t('enti.edit'), enteEditPage(ctx, ente, input, error), error.status);
  });

  app.get('/admin/tavoli', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const [tables, enti] = await Promise.all([listVisibleTables(deps, currentUser(request)), listEnti(deps)]);
    return sendPage(reply, ctx, ctx.t('admin.tables'), adminTablesPage(ctx, { tables, enti }));
  });

  app.post('/admin/tavoli', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const input = tableInput(form);
    const kind = oneOf<TableKind>(TABLE_KINDS, input.kind);
    const visibility = oneOf(VISIBILITIES, input.visibility);
    const error =
      (input.name && kind ? null : formError(ctx, 'error.required', ['name'])) ??
      (await attempt(ctx, async () => {
        const table = await createTable(deps, user, {
          name: input.name,
          description: input.description,
          kind: kind ?? 'lab',
          regions: input.regions
            .split(',')
            .map((region) => region.trim())
            .filter(Boolean),
          enteId: form.id('enteId') ?? null,
          ...(visibility ? { visibility } : {}),
        });
        setFlash(reply, { key: 'flash.tableCreated', params: { name: table.name } }, secure);
      }, ['name']));
    if (!error) return seeOther(reply, '/admin/tavoli');
    const [tables, enti] = await Promise.all([listVisibleTables(deps, user), listEnti(deps)]);
    const page = adminTablesPage(ctx, { tables, enti, input, error });
    return sendPage(reply, ctx, ctx.t('admin.tables'), page, error.status);
  });
};

export default adminSpaceRoutes;

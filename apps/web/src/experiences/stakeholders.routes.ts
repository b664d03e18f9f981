import {
  createStakeholder,
  deleteStakeholder,
  forbidden,
  getStakeholder,
  isCountryCode,
  listEnti,
  listStakeholders,
  SECTORS,
  STAKEHOLDER_KINDS,
  stakeholderRegions,
  updateStakeholder,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { CONFIRMED, confirmPage } from '../ui/confirm.js';
import type { WebOptions } from '../web-options.js';
import { writesForSomeEnte } from './labels.js';
import {
  emptyStakeholder,
  readStakeholder,
  type StakeholderDraft,
  type StakeholderFilters,
  type StakeholderFormError,
  stakeholderDraftOf,
  stakeholderFormError,
  stakeholderFormPage,
  stakeholderInputOf,
  stakeholdersHref,
  stakeholdersPage,
} from './stakeholders.page.js';

type ListQuery = {
  Querystring: Record<'q' | 'tipo' | 'regione' | 'settore' | 'paese' | 'ente' | 'cursore', string | undefined>;
};
type IdRequest = { Params: { id: string } };

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The territorial stakeholders each ente keeps: the list, and the forms to add, change and delete. */
const stakeholderRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  app.get<ListQuery>('/stakeholder', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const [regions, enti] = await Promise.all([stakeholderRegions(deps), listEnti(deps)]);
    const query = request.query;
    const [q, kind, region, sector, country] = [
      one(query.q).slice(0, 200),
      one(query.tipo),
      one(query.regione),
      one(query.settore),
      one(query.paese).toUpperCase(),
    ];
    const enteId = idParam(one(query.ente));
    const filters: StakeholderFilters = {
      ...(q ? { q } : {}),
      ...((STAKEHOLDER_KINDS as readonly string[]).includes(kind) ? { kind } : {}),
      ...(region && regions.includes(region) ? { region } : {}),
      ...((SECTORS as readonly string[]).includes(sector) ? { sector } : {}),
      ...(isCountryCode(country) ? { country } : {}),
      ...(enteId && enti.some((e) => e.id === enteId) ? { enteId } : {}),
    };
    const cursor = one(query.cursore);
    const page = await listStakeholders(deps, user, { ...filters, ...(cursor ? { cursor } : {}) });
    const view = {
      items: page.items,
      filters,
      regions,
      enti: enti.map((e) => ({ id: e.id, name: e.name })),
      mayKeep: writesForSomeEnte(user),
      moreHref: page.nextCursor ? stakeholdersHref(filters, page.nextCursor) : null,
      paged: Boolean(cursor),
    };
    return sendPage(reply, ctx, ctx.t('stakeholders.title'), stakeholdersPage(ctx, view));
  });

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { draft: StakeholderDraft; id?: number; error?: StakeholderFormError },
  ) {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const all = (await listEnti(deps)).map((e) => ({ id: e.id, name: e.name }));
    const enti = user.role === 'participant' ? all.filter((e) => e.id === user.ente_id) : all;
    if (enti.length === 0) throw forbidden('Each ente keeps its own stakeholders');
    const title = o.id !== undefined ? ctx.t('stakeholders.editTitle') : ctx.t('stakeholders.newTitle');
    const page = stakeholderFormPage(ctx, { draft: o.draft, enti, error: o.error, id: o.id });
    return sendPage(reply, ctx, title, page, o.error?.status ?? 200);
  }

  /** The entry, when the person may keep it; a 404 or 403 page otherwise. */
  async function kept(request: FastifyRequest, id: number) {
    const stakeholder = await getStakeholder(deps, currentUser(request), id);
    if (!stakeholder.canEdit) throw forbidden('Each ente keeps its own stakeholders');
    return stakeholder;
  }

  app.get('/stakeholder/nuovo', (request, reply) =>
    renderForm(request, reply, { draft: emptyStakeholder(currentUser(request).ente_id) }),
  );

  app.post('/stakeholder', async (request, reply) => {
    const draft = readStakeholder(readForm(request.body));
    try {
      await createStakeholder(deps, currentUser(request), stakeholderInputOf(draft));
    } catch (error) {
      return renderForm(request, reply, {
        draft,
        error: stakeholderFormError(pageContext(request, reply, config), error),
      });
    }
    setFlash(reply, { key: 'flash.stakeholderCreated', params: { name: draft.name } }, secure);
    return seeOther(reply, '/stakeholder');
  });

  app.get<IdRequest>('/stakeholder/:id/modifica', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const stakeholder = await kept(request, id);
    return renderForm(request, reply, { draft: stakeholderDraftOf(stakeholder), id });
  });

  app.post<IdRequest>('/stakeholder/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    await kept(request, id);
    const draft = readStakeholder(readForm(request.body));
    try {
      await updateStakeholder(deps, currentUser(request), id, stakeholderInputOf(draft));
    } catch (error) {
      return renderForm(request, reply, {
        draft,
        id,
        error: stakeholderFormError(pageContext(request, reply, config), error),
      });
    }
    setFlash(reply, { key: 'flash.stakeholderSaved', params: { name: draft.name } }, secure);
    return seeOther(reply, '/stakeholder');
  });

  app.post<IdRequest>('/stakeholder/:id/elimina', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const stakeholder = await kept(request, id);
    const ctx = pageContext(request, reply, config);
    if (readForm(request.body).text(CONFIRMED) !== '1') {
      const page = confirmPage(ctx, {
        title: ctx.t('stakeholders.confirmTitle', { name: stakeholder.name }),
        intro: ctx.t('stakeholders.confirmIntro'),
        action: `/stakeholder/${id}/elimina`,
        submit: ctx.t('stakeholders.confirmDelete'),
        cancel: `/stakeholder/${id}/modifica`,
      });
      return sendPage(reply, ctx, ctx.t('stakeholders.deleteTitle'), page);
    }
    await deleteStakeholder(deps, currentUser(request), id);
    setFlash(reply, { key: 'flash.stakeholderDeleted', params: { name: stakeholder.name } }, secure);
    return seeOther(reply, '/stakeholder');
  });
};

export default stakeholderRoutes;

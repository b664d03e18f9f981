import {
  createExperience,
  experienceFilterOptions,
  forbidden,
  getExperience,
  isCountryCode,
  listEnti,
  listExperiences,
  SECTORS,
  updateExperience,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { loadVocabularies } from '../cv/vocabularies.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { experiencePage } from './experience.page.js';
import {
  draftOf,
  type ExperienceDraft,
  type ExperienceFormError,
  emptyDraft,
  experienceFormError,
  experienceFormPage,
  inputOf,
  readDraft,
} from './experience-form.js';
import { type ExperienceFilters, experiencesHref, experiencesPage } from './experiences.page.js';
import { writesForSomeEnte } from './labels.js';

type ListQuery = {
  Querystring: Record<
    'q' | 'area' | 'paese' | 'settore' | 'fondo' | 'ente' | 'anno' | 'stato' | 'cursore',
    string | undefined
  >;
};
type IdRequest = { Params: { id: string } };

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Experiences (schede di valorizzazione): the list with its filters, a page per sheet, the forms. */
const experienceRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  app.get<ListQuery>('/esperienze', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const [vocabularies, options, enti] = await Promise.all([
      loadVocabularies(deps, ctx.locale),
      experienceFilterOptions(deps),
      listEnti(deps),
    ]);
    const query = request.query;
    const [q, area, country, sector, fund, status] = [
      one(query.q).slice(0, 200),
      one(query.area),
      one(query.paese).toUpperCase(),
      one(query.settore),
      one(query.fondo),
      one(query.stato),
    ];
    const enteId = idParam(one(query.ente));
    const year = /^\d{4}$/.test(one(query.anno)) ? Number(one(query.anno)) : undefined;
    const seesDrafts = writesForSomeEnte(user);
    // Unknown filter values are dropped rather than refused, like the other lists.
    const filters: ExperienceFilters = {
      ...(q ? { q } : {}),
      ...(vocabularies.focusAreas.has(area) ? { focusArea: area } : {}),
      ...(isCountryCode(country) ? { country } : {}),
      ...((SECTORS as readonly string[]).includes(sector) ? { sector } : {}),
      ...(fund && options.funds.includes(fund) ? { fund } : {}),
      ...(enteId && enti.some((e) => e.id === enteId) ? { enteId } : {}),
      ...(year !== undefined && year >= 1950 && year <= 2100 ? { year } : {}),
      ...(seesDrafts && (status === 'draft' || status === 'published') ? { status } : {}),
    };
    const cursor = one(query.cursore);
    const page = await listExperiences(deps, user, { ...filters, ...(cursor ? { cursor } : {}) });
    const view = {
      items: page.items,
      filters,
      focusAreas: vocabularies.focusAreas,
      funds: options.funds,
      enti: enti.map((e) => ({ id: e.id, name: e.name })),
      seesDrafts,
      mayWrite: writesForSomeEnte(user),
      moreHref: page.nextCursor ? experiencesHref(filters, page.nextCursor) : null,
      paged: Boolean(cursor),
    };
    return sendPage(reply, ctx, ctx.t('experiences.title'), experiencesPage(ctx, view));
  });

  /** The enti a person may write a sheet for: their own, or all of them for tutors, moderators and admins. */
  async function writableEnti(request: FastifyRequest) {
    const user = currentUser(request);
    const enti = (await listEnti(deps)).map((e) => ({ id: e.id, name: e.name }));
    return user.role === 'participant' ? enti.filter((e) => e.id === user.ente_id) : enti;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { draft: ExperienceDraft; id?: number; error?: ExperienceFormError },
  ) {
    const ctx = pageContext(request, reply, config);
    const [vocabularies, enti] = await Promise.all([loadVocabularies(deps, ctx.locale), writableEnti(request)]);
    if (enti.length === 0) throw forbidden('Participants without an ente write no sheets');
    const editing = o.id !== undefined;
    const heading = editing ? ctx.t('experiences.editTitle') : ctx.t('experiences.newTitle');
    const page = experienceFormPage(ctx, {
      draft: o.draft,
      enti,
      vocabularies,
      error: o.error,
      action: editing ? `/esperienze/${o.id}` : '/esperienze',
      cancel: editing ? `/esperienze/${o.id}` : '/esperienze',
      heading,
      submitLabel: editing ? ctx.t('experiences.save') : ctx.t('experiences.create'),
    });
    return sendPage(reply, ctx, heading, page, o.error?.status ?? 200);
  }

  app.get('/esperienze/nuova', (request, reply) =>
    renderForm(request, reply, { draft: emptyDraft(currentUser(request).ente_id) }),
  );

  app.post('/esperienze', async (request, reply) => {
    const draft = readDraft(readForm(request.body));
    let id: number;
    try {
      id = (await createExperience(deps, currentUser(request), inputOf(draft))).id;
    } catch (error) {
      return renderForm(request, reply, {
        draft,
        error: experienceFormError(pageContext(request, reply, config), error),
      });
    }
    setFlash(reply, { key: 'flash.experienceCreated' }, secure);
    return seeOther(reply, `/esperienze/${id}`);
  });

  app.get<IdRequest>('/esperienze/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const [experience, vocabularies] = await Promise.all([
      getExperience(deps, currentUser(request), id),
      loadVocabularies(deps, ctx.locale),
    ]);
    return sendPage(reply, ctx, experience.title, experiencePage(ctx, experience, vocabularies));
  });

  app.get<IdRequest>('/esperienze/:id/modifica', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const experience = await getExperience(deps, currentUser(request), id);
    if (!experience.canEdit)
      throw forbidden('Only the author, the ente while it is a draft, and moderators edit this sheet');
    return renderForm(request, reply, { draft: draftOf(experience), id });
  });

  app.post<IdRequest>('/esperienze/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const experience = await getExperience(deps, user, id);
    if (!experience.canEdit)
      throw forbidden('Only the author, the ente while it is a draft, and moderators edit this sheet');
    const draft = readDraft(readForm(request.body));
    try {
      await updateExperience(deps, user, id, inputOf(draft));
    } catch (error) {
      return renderForm(request, reply, {
        draft,
        id,
        error: experienceFormError(pageContext(request, reply, config), error),
      });
    }
    setFlash(reply, { key: 'flash.experienceSaved' }, secure);
    return seeOther(reply, `/esperienze/${id}`);
  });

  app.post<IdRequest>('/esperienze/:id/stato', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const status = readForm(request.body).text('stato') === 'draft' ? 'draft' : 'published';
    await updateExperience(deps, currentUser(request), id, { status });
    setFlash(
      reply,
      { key: status === 'published' ? 'flash.experiencePublished' : 'flash.experienceUnpublished' },
      secure,
    );
    return seeOther(reply, `/esperienze/${id}`);
  });
};

export default experienceRoutes;

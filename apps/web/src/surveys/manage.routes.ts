import { createSurvey, listSurveys, listSurveyTemplates, listVisibleTables, updateSurvey } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type ManageView, manageSurveysPage, type NewSurveyForm } from './manage.page.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day from a date input: a survey opens at its start and closes at its end (UTC). */
const dayStart = (day: string) => (DAY.test(day) ? `${day}T00:00:00Z` : day || undefined);
const dayEnd = (day: string) => (DAY.test(day) ? `${day}T23:59:59Z` : day || undefined);

/** Moderators and admins: creating questionnaires from the programme's templates, closing them. */
const manageSurveyRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  const view = async (user: ReturnType<typeof currentUser>, form?: NewSurveyForm): Promise<ManageView> => {
    const [surveys, tables] = await Promise.all([listSurveys(deps, user), listVisibleTables(deps, user)]);
    return { surveys, templates: listSurveyTemplates(), tables, ...(form ? { form } : {}) };
  };

  app.get('/moderazione/questionari', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('surveys.manage'), manageSurveysPage(ctx, await view(currentUser(request))));
  });

  app.post('/moderazione/questionari', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const body = readForm(request.body);
    const form: NewSurveyForm = {
      template: body.text('template'),
      title: body.text('title'),
      description: body.text('description'),
      respondent: body.text('respondent'),
      tableIds: body
        .all('tableIds')
        .map((v) => idParam(v))
        .filter((v): v is number => v !== undefined),
      opensOn: body.text('opensOn'),
      closesOn: body.text('closesOn'),
    };
    try {
      const opensAt = dayStart(form.opensOn);
      const closesAt = dayEnd(form.closesOn);
      const survey = await createSurvey(deps, user, {
        title: form.title,
        description: form.description,
        template: form.template,
        respondent: form.respondent === 'person' ? 'person' : 'ente',
        ...(form.tableIds.length ? { tableIds: form.tableIds } : {}),
        ...(opensAt ? { opensAt } : {}),
        ...(closesAt ? { closesAt } : {}),
      });
      setFlash(reply, { key: 'flash.surveyCreated' }, config.secureCookies);
      return seeOther(reply, `/questionari/${survey.id}`);
    } catch (caught) {
      const error = toFormError(ctx, caught, ['title']);
      const page = manageSurveysPage(ctx, await view(user, { ...form, error }));
      return sendPage(reply, ctx, ctx.t('surveys.manage'), page, error.status);
    }
  });

  app.post<{ Params: { id: string } }>('/moderazione/questionari/:id/chiudi', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    await updateSurvey(deps, currentUser(request), id, { closesAt: new Date().toISOString() });
    setFlash(reply, { key: 'flash.surveyClosed' }, config.secureCookies);
    return seeOther(reply, '/moderazione/questionari');
  });
};

export default manageSurveyRoutes;

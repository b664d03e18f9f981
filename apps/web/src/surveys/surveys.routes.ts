import {
  AnswerError,
  type Answers,
  AppError,
  getSurvey,
  isStaff,
  listSurveys,
  type Question,
  saveSurveyResponse,
  surveyResults,
} from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, type Form, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { resultsPage } from './results.page.js';
import { surveyFormPage, surveysPage } from './surveys.page.js';

type IdParams = { Params: { id: string } };

/** A chosen option as the API takes it: its key, or `{option, text}` when it takes a text. */
function choice(form: Form, q: Question, key: string) {
  const option = q.options?.find((o) => o.key === key);
  return option?.other ? { option: key, text: form.text(`q.${q.key}.${key}.text`) } : key;
}

/** The form's fields as answers, in the shape the service checks (it says what is wrong). */
export function answersOfForm(form: Form, questions: readonly Question[]): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    const name = `q.${q.key}`;
    switch (q.type) {
      case 'multi':
      case 'countries': {
        const list = form.all(name).filter((v) => v !== '');
        if (list.length) answers[q.key] = list.map((v) => choice(form, q, v));
        break;
      }
      case 'single': {
        const value = form.text(name);
        if (value) answers[q.key] = choice(form, q, value);
        break;
      }
      case 'scale':
      case 'number': {
        const value = form.text(name).replace(',', '.');
        if (value) answers[q.key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
        break;
      }
      default: {
        const value = form.text(name);
        if (value) answers[q.key] = value;
      }
    }
  }
  return answers;
}

/** The questionnaires as participants see them: the list, the form, and the results. */
const surveyRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get('/questionari', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const items = await listSurveys(deps, user);
    return sendPage(reply, ctx, ctx.t('surveys.title'), surveysPage(ctx, items, isStaff(user)));
  });

  app.get<IdParams>('/questionari/:id', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const view = await getSurvey(deps, currentUser(request), id);
    const page = surveyFormPage(ctx, { view, answers: view.response?.answers ?? {} });
    return sendPage(reply, ctx, view.survey.title, page);
  });

  app.post<IdParams>('/questionari/:id', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const view = await getSurvey(deps, user, id);
    const form = readForm(request.body);
    const answers = answersOfForm(form, view.survey.questions);
    const submit = form.text('action') === 'submit';
    try {
      await saveSurveyResponse(deps, user, id, { answers, submit });
    } catch (error) {
      if (error instanceof AnswerError) {
        const page = surveyFormPage(ctx, { view, answers, problems: error.problems });
        return sendPage(reply, ctx, view.survey.title, page, 400);
      }
      if (error instanceof AppError && error.status === 409) {
        const failed = toFormError(ctx, error, []);
        const fresh = await getSurvey(deps, user, id);
        const page = surveyFormPage(ctx, { view: fresh, answers, error: failed.message });
        return sendPage(reply, ctx, view.survey.title, page, 409);
      }
      throw error;
    }
    const submitted = submit || view.response?.submitted === true;
    setFlash(reply, { key: submitted ? 'flash.surveySubmitted' : 'flash.surveyDraftSaved' }, config.secureCookies);
    return seeOther(reply, `/questionari/${id}`);
  });

  app.get<IdParams>('/questionari/:id/risultati', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const results = await surveyResults(deps, user, id);
    return sendPage(
      reply,
      ctx,
      ctx.t('surveys.resultsOf', { title: results.survey.title }),
      resultsPage(ctx, results, isStaff(user)),
    );
  });
};

export default surveyRoutes;

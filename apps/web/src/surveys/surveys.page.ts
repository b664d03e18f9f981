import type { AnswerProblem, Answers, Question, SurveyListItemDto, SurveyViewDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { attr, html, type SafeHtml } from '../ui/html.js';

/** When a survey closes or closed, in a sentence. */
export function surveyDates(ctx: PageContext, s: { status: string; opensAt: string; closesAt: string | null }) {
  const { t } = ctx;
  if (s.status === 'scheduled') return t('surveys.opensAt', { date: ctx.date(new Date(s.opensAt)) });
  if (!s.closesAt) return t('surveys.noClose');
  const date = ctx.date(new Date(s.closesAt));
  return s.status === 'closed' ? t('surveys.closedAt', { date }) : t('surveys.closesAt', { date });
}

function standing(ctx: PageContext, s: SurveyListItemDto) {
  const { t } = ctx;
  if (s.answeredAt)
    return html`<span class="badge bg-success">${t('surveys.answered', { date: ctx.date(new Date(s.answeredAt)) })}</span>`;
  if (s.draftSavedAt)
    return html`<span class="badge bg-warning text-dark">${t('surveys.draft', { date: ctx.date(new Date(s.draftSavedAt)) })}</span>`;
  return s.canAnswer && s.status === 'open'
    ? html`<span class="badge bg-primary">${t('surveys.notAnswered')}</span>`
    : '';
}

/** One survey in a list: its title (to the form), when it closes, and whether I answered. */
export function surveyItem(ctx: PageContext, s: SurveyListItemDto, level: 2 | 3 = 3) {
  const title = html`<a href="/questionari/${s.id}">${s.title}</a>`;
  return html`<li class="mb-3">
    ${level === 2 ? html`<h3 class="h5 mb-1">${title}</h3>` : html`<p class="mb-1 fw-semibold">${title}</p>`}
    <p class="small text-secondary mb-0">${surveyDates(ctx, s)} · ${ctx.t(`surveys.respondent.${s.respondent}`)} ${standing(ctx, s)}${
      s.status === 'closed' ? html` · <a href="/questionari/${s.id}/risultati">${ctx.t('surveys.resultsLink')}</a>` : ''
    }</p>
  </li>`;
}

export function surveysPage(ctx: PageContext, items: readonly SurveyListItemDto[], staff: boolean) {
  const { t } = ctx;
  const group = (status: string, key: 'surveys.openList' | 'surveys.closedList' | 'surveys.scheduledList') => {
    const list = items.filter((s) => s.status === status);
    return list.length
      ? section(
          `surveys-${status}`,
          t(key),
          html`<ul class="list-unstyled">${list.map((s) => surveyItem(ctx, s, 2))}</ul>`,
        )
      : '';
  };
  return html`<h1 class="mb-2">${t('surveys.title')}</h1>
    <p class="lead mb-4">${t('surveys.intro')}</p>
    ${staff ? html`<p><a class="btn btn-outline-primary btn-sm" href="/moderazione/questionari">${t('surveys.manage')}</a></p>` : ''}
    ${items.length === 0 ? html`<p>${t('surveys.empty')}</p>` : ''}
    ${group('open', 'surveys.openList')}${group('scheduled', 'surveys.scheduledList')}${group('closed', 'surveys.closedList')}`;
}

/** The chosen options of an answer, each with the text written next to it. */
function chosen(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]) {
    if (typeof raw === 'string' || typeof raw === 'number') map.set(String(raw), '');
    else if (raw && typeof raw === 'object' && typeof (raw as { option?: unknown }).option === 'string') {
      const { option, text } = raw as { option: string; text?: unknown };
      map.set(option, typeof text === 'string' ? text : '');
    }
  }
  return map;
}

const fieldId = (key: string) => `q-${key}`;

function questionHint(ctx: PageContext, q: Question): string | null {
  const { t } = ctx;
  if (q.type === 'scale') return t('surveys.scaleHint');
  if (q.type === 'countries') return t('surveys.countriesHint');
  if (q.type === 'number') {
    if (q.min !== undefined && q.max !== undefined) return t('surveys.numberRange', { min: q.min, max: q.max });
    if (q.min !== undefined) return t('surveys.numberMin', { min: q.min });
    if (q.max !== undefined) return t('surveys.numberMax', { max: q.max });
  }
  return null;
}

/** One question of the form, with its hint and, after a refused save, what is wrong with it. */
function questionField(ctx: PageContext, q: Question, value: unknown, problem: string | undefined, disabled: boolean) {
  const { t, locale } = ctx;
  const id = fieldId(q.key);
  const hint = questionHint(ctx, q);
  const hintId = hint ? `${id}-hint` : '';
  const errorId = problem ? `${id}-error` : '';
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const describedBy = described ? html` aria-describedby="${described}"` : '';
  const invalid = problem ? html` aria-invalid="true"` : '';
  const required = q.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : '';
  const hintLine = hint ? html`<p class="form-text small mb-1" id="${hintId}">${hint}</p>` : '';
  const errorLine = problem ? html`<p class="text-danger fw-semibold small mb-1" id="${errorId}">${problem}</p>` : '';
  const off = attr('disabled', disabled);
  const picked = chosen(value);
  const label = q.label[locale];

  const otherInput = (optionKey: string, optionLabel: string) =>
    html`<input type="text" class="form-control form-control-sm d-inline-block w-auto ms-2 survey-other" name="q.${q.key}.${optionKey}.text"
      id="${id}-${optionKey}-text" value="${picked.get(optionKey) ?? ''}" maxlength="500"
      aria-label="${t('surveys.otherText', { option: optionLabel })}"${off}>`;

  const choices = (type: 'radio' | 'checkbox', options: NonNullable<Question['options']>) =>
    options.map((o, i) => {
      const optionId = `${id}-${i}`;
      const optionLabel = o.label[locale];
      return html`<div class="form-check survey-option">
        <input class="form-check-input" type="${type}" name="q.${q.key}" id="${optionId}" value="${o.key}"${attr('checked', picked.has(o.key))}${off}${invalid}>
        <label class="form-check-label" for="${optionId}">${optionLabel}</label>${o.other ? otherInput(o.key, optionLabel) : ''}
      </div>`;
    });

  let control: SafeHtml;
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'scale': {
      const options =
        q.type === 'scale'
          ? [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: { it: String(n), en: String(n) } }))
          : (q.options ?? []);
      return html`<fieldset class="survey-question mb-4" id="${id}"${describedBy}>
        <legend class="h6 fw-semibold mb-2">${label}${required}</legend>
        ${hintLine}${errorLine}
        <div${q.type === 'scale' ? html` class="d-flex gap-3 flex-wrap"` : ''}>${choices(q.type === 'multi' ? 'checkbox' : 'radio', options)}</div>
      </fieldset>`;
    }
    case 'countries': {
      const options = q.options ?? [];
      const extra = options.filter((o) => !o.group);
      control = html`<select multiple size="${Math.min(20, options.filter((o) => o.group).length + (q.groups ?? []).length)}" class="form-select" name="q.${q.key}" id="${id}-select"${describedBy}${invalid}${off}>
        ${(q.groups ?? []).map(
          (g) =>
            html`<optgroup label="${g.label[locale]}">${options
              .filter((o) => o.group === g.key)
              .map(
                (o) => html`<option value="${o.key}"${attr('selected', picked.has(o.key))}>${o.label[locale]}</option>`,
              )}</optgroup>`,
        )}
      </select>${extra.length ? choices('checkbox', extra) : ''}`;
      return html`<div class="survey-question mb-4" id="${id}">
        <label class="h6 fw-semibold mb-2 d-block" for="${id}-select">${label}${required}</label>
        ${hintLine}${errorLine}${control}
      </div>`;
    }
    case 'number':
      control = html`<input type="number" step="any" class="form-control w-auto" name="q.${q.key}" id="${id}-input"
        value="${typeof value === 'number' || typeof value === 'string' ? String(value) : ''}"${
          q.min !== undefined ? html` min="${q.min}"` : ''
        }${q.max !== undefined ? html` max="${q.max}"` : ''}${describedBy}${invalid}${off}>`;
      break;
    default:
      control = html`<textarea class="form-control" rows="3" maxlength="5000" name="q.${q.key}" id="${id}-input"${describedBy}${invalid}${off}>${
        typeof value === 'string' ? value : ''
      }</textarea>`;
  }
  return html`<div class="survey-question mb-4" id="${id}">
    <label class="h6 fw-semibold mb-2 d-block" for="${id}-input">${label}${required}</label>
    ${hintLine}${errorLine}${control}
  </div>`;
}

export interface SurveyFormView {
  view: SurveyViewDto;
  /** What the form shows: the saved answer, or what was just sent and refused. */
  answers: Answers;
  problems?: readonly AnswerProblem[];
  /** A refusal not about one question (closed meanwhile, say). */
  error?: string;
}

export function surveyFormPage(ctx: PageContext, form: SurveyFormView) {
  const { t, locale } = ctx;
  const { survey, response, history } = form.view;
  const questions = survey.questions;
  const labels = new Map(questions.map((q) => [q.key, q.label[locale]]));
  const problemOf = new Map<string, string>();
  for (const p of form.problems ?? []) {
    if (!problemOf.has(p.question))
      problemOf.set(p.question, t(`surveys.problem.${p.code}`, { question: labels.get(p.question) ?? p.question }));
  }
  const open = survey.status === 'open';
  const disabled = !form.view.canAnswer;
  let lastSection: string | null = null;
  const fields = questions.map((q) => {
    const heading =
      q.section && q.section[locale] !== lastSection ? html`<h2 class="h5 mt-4 mb-3">${q.section[locale]}</h2>` : '';
    lastSection = q.section?.[locale] ?? null;
    return html`${heading}${questionField(ctx, q, form.answers[q.key], problemOf.get(q.key), disabled)}`;
  });
  const summary = problemOf.size
    ? html`<div class="alert alert-danger" role="alert" id="survey-errors">
        <p class="fw-semibold mb-1">${t('surveys.errorsTitle')}</p>
        <ul class="mb-0">${[...problemOf].map(([key, message]) => html`<li><a href="#${fieldId(key)}">${message}</a></li>`)}</ul>
      </div>`
    : form.error
      ? html`<div class="alert alert-danger" role="alert"><p class="mb-0">${form.error}</p></div>`
      : '';
  const status = response
    ? html`<p class="small ${response.submitted ? 'text-success' : 'text-secondary'}">${
        response.submitted && response.submittedAt
          ? t('surveys.submittedNotice', { date: ctx.date(new Date(response.submittedAt)) })
          : t('surveys.draftNotice')
      }${
        response.updatedBy
          ? html` ${t('surveys.lastChange', { name: response.updatedBy.displayName, date: ctx.dateTime(new Date(response.updatedAt)) })}`
          : ''
      }</p>`
    : '';
  const changes =
    survey.respondent === 'ente' && history.length
      ? html`<details class="mt-4"><summary>${t('surveys.history')}</summary><ul class="small">${history.map(
          (h) =>
            html`<li>${t('surveys.historyItem', {
              name: h.changedBy?.displayName ?? '—',
              date: ctx.dateTime(new Date(h.changedAt)),
              submitted: String(h.submitted),
            })}</li>`,
        )}</ul></details>`
      : '';
  const buttons = form.view.canAnswer
    ? html`<div class="d-flex gap-3 mt-4">
        ${response?.submitted ? '' : html`<button type="submit" name="action" value="draft" class="btn btn-outline-primary">${t('surveys.saveDraft')}</button>`}
        <button type="submit" name="action" value="submit" class="btn btn-primary">${response?.submitted ? t('surveys.submitAgain') : t('surveys.submit')}</button>
      </div>`
    : '';
  const notice = !open
    ? html`<div class="alert alert-info" role="status"><p class="mb-0">${survey.status === 'closed' ? t('surveys.closedNotice') : surveyDates(ctx, survey)}</p></div>`
    : disabled
      ? html`<div class="alert alert-info" role="status"><p class="mb-0">${t('surveys.cannotAnswer')}</p></div>`
      : '';
  return html`<p class="mb-1"><a href="/questionari">${t('surveys.title')}</a></p>
    <h1 class="mb-2">${survey.title}</h1>
    ${survey.description ? html`<p class="lead">${survey.description}</p>` : ''}
    <p class="small text-secondary">${surveyDates(ctx, survey)} · ${t(`surveys.respondent.${survey.respondent}`)}</p>
    ${form.view.resultsVisible ? html`<p><a href="/questionari/${survey.id}/risultati">${t('surveys.resultsLink')}</a></p>` : ''}
    ${notice}${status}${summary}
    <form method="post" action="/questionari/${survey.id}" novalidate class="survey-form">
      ${fields}
      ${buttons}
    </form>
    ${changes}`;
}

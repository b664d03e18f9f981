import type { SurveyListItemDto, SurveyTemplate, TableDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { type FormError, field, formErrorMessage, select, submit, textarea } from '../ui/form.js';
import { attr, html } from '../ui/html.js';
import { surveyDates } from './surveys.page.js';

export interface NewSurveyForm {
  template: string;
  title: string;
  description: string;
  respondent: string;
  tableIds: number[];
  opensOn: string;
  closesOn: string;
  error?: FormError;
}

export interface ManageView {
  surveys: readonly SurveyListItemDto[];
  templates: readonly SurveyTemplate[];
  tables: readonly Pick<TableDto, 'id' | 'name'>[];
  form?: NewSurveyForm;
}

export function manageSurveysPage(ctx: PageContext, view: ManageView) {
  const { t, locale } = ctx;
  const f = view.form;
  const errorId = f?.error ? 'new-survey-error' : undefined;
  const list = view.surveys.length
    ? html`<ul class="list-unstyled">${view.surveys.map(
        (s) => html`<li class="mb-3">
          <p class="mb-1 fw-semibold"><a href="/questionari/${s.id}">${s.title}</a> <span class="badge bg-light text-dark">${t(`surveys.status.${s.status}`)}</span></p>
          <p class="small text-secondary mb-1">${surveyDates(ctx, s)} · ${t(`surveys.respondent.${s.respondent}`)}</p>
          <p class="mb-0"><a href="/questionari/${s.id}/risultati" class="me-3">${t('surveys.resultsLink')}</a>${
            s.status === 'open'
              ? html`<form method="post" action="/moderazione/questionari/${s.id}/chiudi" class="d-inline">
                  <button type="submit" class="btn btn-outline-danger btn-sm">${t('surveys.closeNow')}</button></form>`
              : ''
          }</p>
        </li>`,
      )}</ul>`
    : html`<p>${t('surveys.empty')}</p>`;
  const chosenTemplate = f?.template ?? view.templates[0]?.key;
  const respondent = f?.respondent ?? 'ente';
  const create = html`${formErrorMessage(ctx, 'new-survey', f?.error)}
    <form method="post" action="/moderazione/questionari" class="mb-4">
      ${select(ctx, {
        id: 'survey-template',
        name: 'template',
        label: t('surveys.template'),
        options: view.templates.map((tp) => ({ value: tp.key, label: tp.title[locale] })),
        selected: chosenTemplate,
        required: true,
      })}
      <div class="mt-4">${field(ctx, { id: 'survey-title', name: 'title', label: t('surveys.titleField'), value: f?.title ?? '', required: true, maxlength: 200, errorId })}</div>
      ${textarea(ctx, { id: 'survey-description', name: 'description', label: t('surveys.descriptionField'), value: f?.description ?? '', maxlength: 5000 })}
      <fieldset class="mb-4"><legend class="h6">${t('surveys.respondentField')}</legend>
        ${(['ente', 'person'] as const).map(
          (
            r,
          ) => html`<div class="form-check"><input class="form-check-input" type="radio" name="respondent" id="survey-respondent-${r}" value="${r}"${attr('checked', respondent === r)}>
            <label class="form-check-label" for="survey-respondent-${r}">${t(r === 'ente' ? 'surveys.respondentEnte' : 'surveys.respondentPerson')}</label></div>`,
        )}
      </fieldset>
      <fieldset class="mb-4" aria-describedby="survey-tables-hint"><legend class="h6">${t('surveys.tablesField')}</legend>
        <p class="form-text small" id="survey-tables-hint">${t('surveys.tablesHint')}</p>
        ${view.tables.map(
          (
            tb,
          ) => html`<div class="form-check"><input class="form-check-input" type="checkbox" name="tableIds" id="survey-table-${tb.id}" value="${tb.id}"${attr('checked', f?.tableIds.includes(tb.id) ?? false)}>
            <label class="form-check-label" for="survey-table-${tb.id}">${tb.name}</label></div>`,
        )}
      </fieldset>
      <p class="form-text small" id="survey-dates-hint">${t('surveys.datesHint')}</p>
      <div class="row">
        <div class="col-12 col-md-6"><div class="form-group">
          <label for="survey-opens" class="active">${t('surveys.opensField')}</label>
          <input type="date" id="survey-opens" name="opensOn" class="form-control" value="${f?.opensOn ?? ''}" aria-describedby="survey-dates-hint">
        </div></div>
        <div class="col-12 col-md-6"><div class="form-group">
          <label for="survey-closes" class="active">${t('surveys.closesField')}</label>
          <input type="date" id="survey-closes" name="closesOn" class="form-control" value="${f?.closesOn ?? ''}" aria-describedby="survey-dates-hint">
        </div></div>
      </div>
      ${submit(t('surveys.create'))}
    </form>`;
  return html`<h1 class="mb-2">${t('surveys.manage')}</h1>
    <p class="lead mb-4">${t('surveys.manageIntro')}</p>
    <div class="row">
      <div class="col-12 col-lg-6">${section('new-survey-h', t('surveys.new'), create)}</div>
      <div class="col-12 col-lg-6">${section('all-surveys-h', t('surveys.all'), list)}</div>
    </div>`;
}

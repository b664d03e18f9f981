import { AppError, EXPERIENCE_LIMITS, type ExperienceDetailDto, type ExperienceInput, invalid } from '@hubspoke/domain';
import { isMessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import type { Vocabularies } from '../cv/cv.view.js';
import type { Form } from '../respond.js';
import { label, requiredNote, submit } from '../ui/form.js';
import { attr, html, type SafeHtml } from '../ui/html.js';
import { countryOptionGroups, isKnownCountry, type Option, sectorOptions } from './labels.js';

/** The sheet's form as the browser holds it: every value a string, lists one entry per item. */
export interface ExperienceDraft {
  title: string;
  enteId: string;
  summary: string;
  programme: string;
  fund: string;
  countries: string[];
  partners: string;
  sectors: string[];
  focusArea: string;
  dimension: string;
  yearFrom: string;
  yearTo: string;
  budgetEur: string;
  results: string;
  lessons: string;
  threadIds: string;
  documentIds: string;
}

export const emptyDraft = (enteId?: number | null): ExperienceDraft => ({
  title: '',
  enteId: enteId ? String(enteId) : '',
  summary: '',
  programme: '',
  fund: '',
  countries: [],
  partners: '',
  sectors: [],
  focusArea: '',
  dimension: '',
  yearFrom: '',
  yearTo: '',
  budgetEur: '',
  results: '',
  lessons: '',
  threadIds: '',
  documentIds: '',
});

export function draftOf(e: ExperienceDetailDto): ExperienceDraft {
  const ids = (kind: 'document' | 'thread') =>
    e.links
      .filter((l) => l.kind === kind)
      .map((l) => l.id)
      .join(', ');
  return {
    title: e.title,
    enteId: String(e.ente.id),
    summary: e.summary,
    programme: e.programme ?? '',
    fund: e.fund ?? '',
    countries: [...e.countries],
    partners: e.partners.join('\n'),
    sectors: [...e.sectors],
    focusArea: e.focusArea,
    dimension: e.dimension ?? '',
    yearFrom: String(e.yearFrom),
    yearTo: e.yearTo === null ? '' : String(e.yearTo),
    budgetEur: e.budgetEur === null ? '' : String(e.budgetEur),
    results: e.results ?? '',
    lessons: e.lessons ?? '',
    threadIds: ids('thread'),
    documentIds: ids('document'),
  };
}

const list = (form: Form, name: string) =>
  form
    .all(name)
    .map((v) => v.trim())
    .filter(Boolean);

export function readDraft(form: Form): ExperienceDraft {
  return {
    title: form.text('title'),
    enteId: form.text('enteId'),
    summary: form.secret('summary'),
    programme: form.text('programme'),
    fund: form.text('fund'),
    countries: list(form, 'countries'),
    partners: form.secret('partners'),
    sectors: list(form, 'sectors'),
    focusArea: form.text('focusArea'),
    dimension: form.text('dimension'),
    yearFrom: form.text('yearFrom'),
    yearTo: form.text('yearTo'),
    budgetEur: form.text('budgetEur'),
    results: form.secret('results'),
    lessons: form.secret('lessons'),
    threadIds: form.text('threadIds'),
    documentIds: form.text('documentIds'),
  };
}

function year(text: string, required: boolean): number | null {
  if (text === '' && !required) return null;
  const value = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1950 && value <= 2100)) throw invalid('invalid_years', 'yearFrom: a year between 1950 and 2100');
  return value;
}

/** "480.000", "480 000 €" and "480000" are the same sum; cents are not asked for. */
function budget(text: string): number | null {
  const clean = text.replace(/[\s.’'€]/g, '').replace(/,00$/, '');
  if (clean === '') return null;
  if (!/^\d{1,12}$/.test(clean)) throw invalid('invalid_budget', 'budgetEur: a sum in euro, digits only');
  return Number(clean);
}

function ids(text: string, field: string): number[] {
  const parts = text
    .replace(/#/g, '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (parts.some((p) => !/^[1-9]\d{0,14}$/.test(p)) || parts.length > EXPERIENCE_LIMITS.links) {
    throw invalid('invalid_links', `${field}: numbers separated by commas`);
  }
  return [...new Set(parts.map(Number))];
}

/** What the service is given, or the refusal of a value the page itself can tell is wrong. */
export function inputOf(draft: ExperienceDraft): ExperienceInput {
  const enteId = /^[1-9]\d{0,14}$/.test(draft.enteId) ? Number(draft.enteId) : Number.NaN;
  if (Number.isNaN(enteId)) throw invalid('invalid_ente', 'enteId: choose the ente');
  const partners = draft.partners
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (partners.length > EXPERIENCE_LIMITS.partners) throw invalid('invalid_partners', 'partners: too many');
  if (partners.some((p) => p.length > EXPERIENCE_LIMITS.partner))
    throw invalid('invalid_partners', 'partners: too long');
  if (draft.countries.length > EXPERIENCE_LIMITS.countries) throw invalid('invalid_country', 'countries: too many');
  const yearFrom = year(draft.yearFrom, true) as number;
  const yearTo = year(draft.yearTo, false);
  return {
    title: draft.title,
    enteId,
    summary: draft.summary,
    programme: draft.programme || null,
    fund: draft.fund || null,
    countries: draft.countries,
    partners,
    sectors: draft.sectors,
    focusArea: draft.focusArea,
    dimension: draft.dimension || null,
    yearFrom,
    yearTo,
    budgetEur: budget(draft.budgetEur),
    results: draft.results || null,
    lessons: draft.lessons || null,
    threadIds: ids(draft.threadIds, 'threadIds'),
    documentIds: ids(draft.documentIds, 'documentIds'),
  };
}

/** The form fields an error code is about: the one its message names, which gets the message next to it. */
const FIELD_BY_CODE: Record<string, keyof ExperienceDraft> = {
  invalid_experience_title: 'title',
  invalid_experience_summary: 'summary',
  invalid_experience_programme: 'programme',
  invalid_experience_fund: 'fund',
  invalid_partners: 'partners',
  invalid_experience_results: 'results',
  invalid_experience_lessons: 'lessons',
  invalid_country: 'countries',
  invalid_sector: 'sectors',
  invalid_focus_area: 'focusArea',
  invalid_dimension: 'dimension',
  invalid_budget: 'budgetEur',
  invalid_ente: 'enteId',
  ente_not_found: 'enteId',
  forbidden: 'enteId',
};

/** A refusal as it is shown: its message, and the field it sits next to. */
export interface ExperienceFormError {
  message: string;
  field: keyof ExperienceDraft | null;
  status: number;
}

export function experienceFormError(ctx: PageContext, error: unknown): ExperienceFormError {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const named = error.message.split(':')[0] ?? '';
  let field: keyof ExperienceDraft | null = FIELD_BY_CODE[error.code] ?? null;
  if (error.code === 'invalid_years') field = named === 'yearTo' ? 'yearTo' : 'yearFrom';
  if (error.code === 'invalid_links') field = named.startsWith('documentIds') ? 'documentIds' : 'threadIds';
  const key = `error.${error.code}`;
  const message = ctx.t(isMessageKey(key) ? key : 'error.generic');
  return { message, field, status: error.status };
}

export interface ExperienceFormView {
  draft: ExperienceDraft;
  /** The enti the person may write for: only their own for a participant. */
  enti: ReadonlyArray<{ id: number; name: string }>;
  vocabularies: Vocabularies;
  error?: ExperienceFormError | undefined;
  /** Where the form posts, and where "cancel" goes. */
  action: string;
  cancel: string;
  heading: string;
  submitLabel: string;
}

const FORM = 'experience-form';
const fieldId = (name: string) => `exp-${name}`;

function described(view: ExperienceFormView, name: keyof ExperienceDraft, hint?: string) {
  const id = fieldId(name);
  const message = view.error?.field === name ? view.error.message : undefined;
  const ids = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    invalid: message !== undefined,
    attributes: html`${ids ? html` aria-describedby="${ids}"` : ''}${message ? html` aria-invalid="true"` : ''}`,
    after: html`${hint ? html`<small id="${id}-hint" class="form-text">${hint}</small>` : ''}${
      message ? html`<div id="${id}-error" class="invalid-feedback d-block" data-field-error>${message}</div>` : ''
    }`,
  };
}

interface TextOptions {
  name: keyof ExperienceDraft;
  label: string;
  maxlength?: number;
  required?: boolean;
  hint?: string;
  inputmode?: 'numeric';
  rows?: number;
}

function textInput(ctx: PageContext, view: ExperienceFormView, o: TextOptions) {
  const d = described(view, o.name, o.hint);
  const value = view.draft[o.name] as string;
  return html`<div class="form-group">
    ${label(ctx, d.id, o.label, o.required)}
    <input type="text" id="${d.id}" name="${o.name}" value="${value}" class="form-control${d.invalid ? ' is-invalid' : ''}"${
      o.maxlength ? html` maxlength="${o.maxlength}"` : ''
    }${attr('required', o.required ?? false)}${o.inputmode ? html` inputmode="numeric"` : ''}${d.attributes}>
    ${d.after}
  </div>`;
}

function textArea(ctx: PageContext, view: ExperienceFormView, o: TextOptions) {
  const d = described(view, o.name, o.hint);
  const value = view.draft[o.name] as string;
  return html`<div class="form-group">
    ${label(ctx, d.id, o.label, o.required)}
    <textarea id="${d.id}" name="${o.name}" rows="${o.rows ?? 4}" class="form-control${d.invalid ? ' is-invalid' : ''}"${
      o.maxlength ? html` maxlength="${o.maxlength}"` : ''
    }${attr('required', o.required ?? false)}${d.attributes}>${value}</textarea>
    ${d.after}
  </div>`;
}

function selectInput(
  ctx: PageContext,
  view: ExperienceFormView,
  o: { name: keyof ExperienceDraft; label: string; options: Option[]; required?: boolean; hint?: string },
) {
  const d = described(view, o.name, o.hint);
  const selected = view.draft[o.name] as string;
  return html`<div class="select-wrapper mb-4">
    ${label(ctx, d.id, o.label, o.required)}
    <select id="${d.id}" name="${o.name}"${attr('required', o.required ?? false)}${d.attributes}>
      ${o.options.map((option) => html`<option value="${option.value}"${attr('selected', option.value === selected)}>${option.label}</option>`)}
    </select>
    ${d.after}
  </div>`;
}

function countriesInput(ctx: PageContext, view: ExperienceFormView) {
  const { t } = ctx;
  const chosen = view.draft.countries;
  const d = described(view, 'countries', t('experiences.form.countriesHint'));
  const unknown = chosen.filter((c) => !isKnownCountry(ctx.locale, c));
  return html`<div class="form-group">
    ${label(ctx, d.id, t('experiences.countries'))}
    <select id="${d.id}" name="countries" multiple size="10" class="form-select"${d.attributes}>
      ${countryOptionGroups(ctx, (code) => chosen.includes(code))}
      ${unknown.map((c) => html`<option value="${c}" selected>${c}</option>`)}
    </select>
    ${d.after}
  </div>`;
}

function sectorsInput(ctx: PageContext, view: ExperienceFormView) {
  const { t } = ctx;
  const chosen = view.draft.sectors;
  const message = view.error?.field === 'sectors' ? view.error.message : undefined;
  const known = sectorOptions(ctx.locale);
  const unknown = chosen.filter((s) => !known.some((o) => o.value === s)).map((s) => ({ value: s, label: s }));
  return html`<fieldset class="mb-4" id="${fieldId('sectors')}"${message ? html` aria-describedby="${fieldId('sectors')}-error"` : ''}>
    <legend class="h6">${t('experiences.sectors')}</legend>
    ${[...known, ...unknown].map(
      (o, i) => html`<div class="form-check form-check-inline">
        <input type="checkbox" id="${fieldId('sectors')}-${i}" name="sectors" value="${o.value}"${attr('checked', chosen.includes(o.value))}${
          message ? html` aria-invalid="true"` : ''
        }>
        <label for="${fieldId('sectors')}-${i}">${o.label}</label>
      </div>`,
    )}
    ${message ? html`<div id="${fieldId('sectors')}-error" class="invalid-feedback d-block" data-field-error>${message}</div>` : ''}
  </fieldset>`;
}

function errorSummary(ctx: PageContext, view: ExperienceFormView) {
  const { error } = view;
  if (!error) return '';
  return html`<div class="alert alert-danger" id="${FORM}-error" role="alert">
    <p class="fw-semibold mb-1">${ctx.t('form.errorTitle')}</p>
    <p class="mb-0">${error.field ? html`<a href="#${fieldId(error.field)}">${error.message}</a>` : error.message}</p>
  </div>`;
}

/** The whole sheet as one plain form, in four parts; the same for a new sheet and for changes. */
export function experienceFormPage(ctx: PageContext, view: ExperienceFormView): SafeHtml {
  const { t } = ctx;
  const fromMap = (map: ReadonlyMap<string, string>) => [...map].map(([value, label]) => ({ value, label }));
  const section = (id: string, title: string, body: SafeHtml) =>
    html`<fieldset class="card card-bg no-after mb-4" id="${id}">
      <legend class="h5 px-4 pt-4 mb-0">${title}</legend><div class="card-body">${body}</div></fieldset>`;
  const enteOptions = view.enti.map((e) => ({ value: String(e.id), label: e.name }));
  return html`<p class="mb-1"><a href="${view.cancel}">${t('experiences.back')}</a></p>
    <h1 class="mb-3">${view.heading}</h1>
    <p class="lead mb-3">${t('experiences.form.intro')}</p>
    ${requiredNote(ctx)}
    ${errorSummary(ctx, view)}
    <form method="post" action="${view.action}" id="${FORM}" novalidate>
      ${section(
        'exp-part-what',
        t('experiences.form.what'),
        html`${textInput(ctx, view, { name: 'title', label: t('experiences.field.title'), maxlength: EXPERIENCE_LIMITS.title, required: true })}
        ${selectInput(ctx, view, {
          name: 'enteId',
          label: t('experiences.field.ente'),
          required: true,
          options: enteOptions.length === 1 ? enteOptions : [{ value: '', label: t('form.choose') }, ...enteOptions],
        })}
        ${textArea(ctx, view, { name: 'summary', label: t('experiences.field.summary'), maxlength: EXPERIENCE_LIMITS.summary, required: true, rows: 6, hint: t('experiences.form.summaryHint') })}
        <div class="row">
          <div class="col-12 col-md-6">${selectInput(ctx, view, {
            name: 'focusArea',
            label: t('experiences.focusArea'),
            required: true,
            options: [{ value: '', label: t('form.choose') }, ...fromMap(view.vocabularies.focusAreas)],
          })}</div>
          <div class="col-12 col-md-6">${selectInput(ctx, view, {
            name: 'dimension',
            label: t('experiences.dimension'),
            options: [{ value: '', label: t('form.noDimension') }, ...fromMap(view.vocabularies.dimensions)],
          })}</div>
        </div>`,
      )}
      ${section(
        'exp-part-where',
        t('experiences.form.where'),
        html`<div class="row">
          <div class="col-6 col-md-3">${textInput(ctx, view, { name: 'yearFrom', label: t('experiences.field.yearFrom'), maxlength: 4, required: true, inputmode: 'numeric' })}</div>
          <div class="col-6 col-md-3">${textInput(ctx, view, { name: 'yearTo', label: t('experiences.field.yearTo'), maxlength: 4, inputmode: 'numeric', hint: t('experiences.form.yearToHint') })}</div>
        </div>
        ${countriesInput(ctx, view)}
        ${sectorsInput(ctx, view)}
        ${textArea(ctx, view, { name: 'partners', label: t('experiences.field.partners'), hint: t('experiences.form.partnersHint'), rows: 4 })}`,
      )}
      ${section(
        'exp-part-money',
        t('experiences.form.money'),
        html`<div class="row">
          <div class="col-12 col-md-6">${textInput(ctx, view, { name: 'programme', label: t('experiences.field.programme'), maxlength: EXPERIENCE_LIMITS.programme, hint: t('experiences.form.programmeHint') })}</div>
          <div class="col-12 col-md-6">${textInput(ctx, view, { name: 'fund', label: t('experiences.field.fund'), maxlength: EXPERIENCE_LIMITS.fund, hint: t('experiences.form.fundHint') })}</div>
          <div class="col-12 col-md-6">${textInput(ctx, view, { name: 'budgetEur', label: t('experiences.field.budget'), maxlength: 20, inputmode: 'numeric', hint: t('experiences.form.budgetHint') })}</div>
        </div>`,
      )}
      ${section(
        'exp-part-results',
        t('experiences.form.results'),
        html`${textArea(ctx, view, { name: 'results', label: t('experiences.field.results'), maxlength: EXPERIENCE_LIMITS.results, rows: 5 })}
        ${textArea(ctx, view, { name: 'lessons', label: t('experiences.field.lessons'), maxlength: EXPERIENCE_LIMITS.lessons, rows: 5 })}
        <div class="row">
          <div class="col-12 col-md-6">${textInput(ctx, view, { name: 'threadIds', label: t('experiences.field.threads'), maxlength: 300, hint: t('experiences.form.threadsHint') })}</div>
          <div class="col-12 col-md-6">${textInput(ctx, view, { name: 'documentIds', label: t('experiences.field.documents'), maxlength: 300, hint: t('experiences.form.documentsHint') })}</div>
        </div>`,
      )}
      <div class="d-flex flex-wrap gap-3 align-items-center">
        ${submit(view.submitLabel)}
        <a href="${view.cancel}">${t('common.cancel')}</a>
      </div>
    </form>`;
}

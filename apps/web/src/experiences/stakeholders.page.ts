import { AppError, invalid, STAKEHOLDER_LIMITS, type StakeholderDto, type StakeholderInput } from '@hubspoke/domain';
import { isMessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { codeNames } from '../cv/cv.view.js';
import type { Form } from '../respond.js';
import { label, requiredNote, type SelectOptions, select, submit } from '../ui/form.js';
import { attr, html } from '../ui/html.js';
import {
  countryName,
  countryOptionGroups,
  isKnownCountry,
  kindOptions,
  type Option,
  sectorName,
  sectorOptions,
} from './labels.js';

export interface StakeholderFilters {
  q?: string;
  kind?: string;
  region?: string;
  sector?: string;
  country?: string;
  enteId?: number;
}

const WEB_NAMES = {
  q: 'q',
  kind: 'tipo',
  region: 'regione',
  sector: 'settore',
  country: 'paese',
  enteId: 'ente',
} as const;
const API_NAMES = {
  q: 'q',
  kind: 'kind',
  region: 'region',
  sector: 'sector',
  country: 'country',
  enteId: 'ente',
} as const;

function query(filters: StakeholderFilters, names: Record<keyof StakeholderFilters, string>) {
  const out = new URLSearchParams();
  for (const key of Object.keys(names) as Array<keyof StakeholderFilters>) {
    const value = filters[key];
    if (value !== undefined && value !== '') out.set(names[key], String(value));
  }
  return out;
}

export function stakeholdersHref(filters: StakeholderFilters, cursor?: string) {
  const search = query(filters, WEB_NAMES);
  if (cursor) search.set('cursore', cursor);
  const text = search.toString();
  return `/stakeholder${text ? `?${text}` : ''}`;
}

export function stakeholdersCsvHref(filters: StakeholderFilters) {
  const search = query(filters, API_NAMES);
  search.set('format', 'csv');
  return `/api/stakeholders?${search.toString()}`;
}

export interface StakeholdersView {
  items: readonly StakeholderDto[];
  filters: StakeholderFilters;
  regions: readonly string[];
  enti: ReadonlyArray<{ id: number; name: string }>;
  mayKeep: boolean;
  moreHref: string | null;
  paged: boolean;
}

function filtersForm(ctx: PageContext, view: StakeholdersView) {
  const { t } = ctx;
  const { filters } = view;
  const all = { value: '', label: t('experiences.all') };
  const pick = (o: Omit<SelectOptions, 'options'> & { options: Option[] }) =>
    html`<div class="col-12 col-md-6 col-lg-4">${select(ctx, { ...o, options: [all, ...o.options] })}</div>`;
  const countries = [...codeNames(ctx.locale).countries].map(([value, label]) => ({ value, label }));
  return html`<form method="get" action="/stakeholder" class="row g-3 align-items-end mb-4" aria-label="${t('stakeholders.filters')}">
    <div class="col-12 form-group mb-0">
      <label for="sh-q" class="active">${t('stakeholders.q')}</label>
      <input type="search" id="sh-q" name="q" class="form-control" value="${filters.q ?? ''}" maxlength="200">
    </div>
    ${pick({ id: 'sh-kind', name: 'tipo', label: t('stakeholders.field.kind'), selected: filters.kind ?? '', options: kindOptions(ctx) })}
    ${pick({ id: 'sh-region', name: 'regione', label: t('stakeholders.field.region'), selected: filters.region ?? '', options: view.regions.map((r) => ({ value: r, label: r })) })}
    ${pick({ id: 'sh-sector', name: 'settore', label: t('experiences.sector'), selected: filters.sector ?? '', options: sectorOptions(ctx.locale) })}
    ${pick({ id: 'sh-country', name: 'paese', label: t('experiences.country'), selected: filters.country ?? '', options: countries })}
    ${pick({ id: 'sh-ente', name: 'ente', label: t('stakeholders.field.ente'), selected: filters.enteId ? String(filters.enteId) : '', options: view.enti.map((e) => ({ value: String(e.id), label: e.name })) })}
    <div class="col-12 d-flex flex-wrap gap-3 align-items-center">
      <button type="submit" class="btn btn-primary">${t('experiences.apply')}</button>
      <a href="/stakeholder">${t('experiences.reset')}</a>
    </div>
  </form>`;
}

function row(ctx: PageContext, s: StakeholderDto) {
  const { t, locale } = ctx;
  return html`<tr data-stakeholder="${s.id}">
    <th scope="row">${s.name}${s.notes ? html`<span class="d-block small text-secondary fw-normal">${s.notes}</span>` : ''}</th>
    <td>${t(`stakeholders.kind.${s.kind}`)}</td>
    <td>${s.region}</td>
    <td>${s.sectors.map((x) => sectorName(locale, x)).join(', ')}</td>
    <td>${s.countries.map((c) => countryName(locale, c)).join(', ')}</td>
    <td>${
      s.website || s.email
        ? html`${s.website ? html`<a href="${s.website}" rel="noopener noreferrer nofollow">${new URL(s.website).host}</a>` : ''}${
            s.website && s.email ? html`<br>` : ''
          }${s.email ? html`<a href="mailto:${s.email}">${s.email}</a>` : ''}`
        : ''
    }</td>
    <td>${s.ente.name}</td>
    <td>${
      s.canEdit
        ? html`<a href="/stakeholder/${s.id}/modifica">${t('stakeholders.edit')}<span class="visually-hidden">: ${s.name}</span></a>`
        : ''
    }</td>
  </tr>`;
}

/** The territorial stakeholders: filters, one table row each, the CSV, and a way to add one. */
export function stakeholdersPage(ctx: PageContext, view: StakeholdersView) {
  const { t } = ctx;
  const filtered = Object.keys(view.filters).length > 0;
  const table = view.items.length
    ? html`<div class="table-responsive"><table class="table" data-stakeholders>
        <caption>${t('stakeholders.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('stakeholders.field.name')}</th>
          <th scope="col">${t('stakeholders.field.kind')}</th>
          <th scope="col">${t('stakeholders.field.region')}</th>
          <th scope="col">${t('experiences.sectors')}</th>
          <th scope="col">${t('experiences.countries')}</th>
          <th scope="col">${t('stakeholders.contacts')}</th>
          <th scope="col">${t('stakeholders.field.ente')}</th>
          <th scope="col"><span class="visually-hidden">${t('stakeholders.actions')}</span></th>
        </tr></thead>
        <tbody>${view.items.map((s) => row(ctx, s))}</tbody>
      </table></div>`
    : html`<p data-stakeholders-empty>${t(filtered || view.paged ? 'stakeholders.empty' : 'stakeholders.emptyAll')}</p>`;
  return html`<h1 class="mb-2">${t('stakeholders.title')}</h1>
    <p class="lead mb-3">${t('stakeholders.intro')}</p>
    <p class="d-flex flex-wrap gap-3 mb-4">
      ${view.mayKeep ? html`<a class="btn btn-primary" href="/stakeholder/nuovo">${t('stakeholders.new')}</a>` : ''}
      <a class="btn btn-outline-primary" href="${stakeholdersCsvHref(view.filters)}" download>${t('experiences.csv')}</a>
      <a class="align-self-center" href="/esperienze">${t('stakeholders.toExperiences')}</a>
    </p>
    ${filtersForm(ctx, view)}
    <h2 class="h4">${t('stakeholders.results')}</h2>
    ${table}
    <nav aria-label="${t('experiences.pages')}" class="d-flex gap-3">
      ${view.paged ? html`<a href="${stakeholdersHref(view.filters)}">${t('experiences.first')}</a>` : ''}
      ${view.moreHref ? html`<a href="${view.moreHref}" rel="next">${t('experiences.more')}</a>` : ''}
    </nav>`;
}

/** The stakeholder form as the browser holds it. */
export interface StakeholderDraft {
  name: string;
  kind: string;
  region: string;
  sectors: string[];
  countries: string[];
  website: string;
  email: string;
  notes: string;
  enteId: string;
}

export const emptyStakeholder = (enteId?: number | null): StakeholderDraft => ({
  name: '',
  kind: '',
  region: '',
  sectors: [],
  countries: [],
  website: '',
  email: '',
  notes: '',
  enteId: enteId ? String(enteId) : '',
});

export const stakeholderDraftOf = (s: StakeholderDto): StakeholderDraft => ({
  name: s.name,
  kind: s.kind,
  region: s.region,
  sectors: [...s.sectors],
  countries: [...s.countries],
  website: s.website ?? '',
  email: s.email ?? '',
  notes: s.notes ?? '',
  enteId: String(s.ente.id),
});

const list = (form: Form, name: string) =>
  form
    .all(name)
    .map((v) => v.trim())
    .filter(Boolean);

export const readStakeholder = (form: Form): StakeholderDraft => ({
  name: form.text('name'),
  kind: form.text('kind'),
  region: form.text('region'),
  sectors: list(form, 'sectors'),
  countries: list(form, 'countries'),
  website: form.text('website'),
  email: form.text('email'),
  notes: form.secret('notes'),
  enteId: form.text('enteId'),
});

export function stakeholderInputOf(draft: StakeholderDraft): StakeholderInput {
  if (!/^[1-9]\d{0,14}$/.test(draft.enteId)) throw invalid('invalid_ente', 'enteId: choose the ente');
  return {
    name: draft.name,
    kind: draft.kind,
    region: draft.region,
    sectors: draft.sectors,
    countries: draft.countries,
    website: draft.website || null,
    email: draft.email || null,
    notes: draft.notes || null,
    enteId: Number(draft.enteId),
  };
}

const FIELD_BY_CODE: Record<string, keyof StakeholderDraft> = {
  invalid_stakeholder_name: 'name',
  invalid_stakeholder_kind: 'kind',
  invalid_region: 'region',
  invalid_sector: 'sectors',
  invalid_country: 'countries',
  invalid_website: 'website',
  invalid_email: 'email',
  invalid_stakeholder_notes: 'notes',
  invalid_ente: 'enteId',
  ente_not_found: 'enteId',
  forbidden: 'enteId',
};

export interface StakeholderFormError {
  message: string;
  field: keyof StakeholderDraft | null;
  status: number;
}

export function stakeholderFormError(ctx: PageContext, error: unknown): StakeholderFormError {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const key = `error.${error.code}`;
  return {
    message: ctx.t(isMessageKey(key) ? key : 'error.generic'),
    field: FIELD_BY_CODE[error.code] ?? null,
    status: error.status,
  };
}

export interface StakeholderFormView {
  draft: StakeholderDraft;
  enti: ReadonlyArray<{ id: number; name: string }>;
  error?: StakeholderFormError | undefined;
  /** Set when changing an entry: its id, for the form's address and the delete button. */
  id?: number | undefined;
}

const fieldId = (name: string) => `sh-${name}`;

/** The form to add or change a stakeholder, and on a change the button that deletes it. */
export function stakeholderFormPage(ctx: PageContext, view: StakeholderFormView) {
  const { t } = ctx;
  const { draft, error } = view;
  const editing = view.id !== undefined;
  const described = (name: keyof StakeholderDraft, hint?: string) => {
    const id = fieldId(name);
    const message = error?.field === name ? error.message : undefined;
    const ids = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
    return {
      id,
      invalid: message !== undefined,
      attributes: html`${ids ? html` aria-describedby="${ids}"` : ''}${message ? html` aria-invalid="true"` : ''}`,
      after: html`${hint ? html`<small id="${id}-hint" class="form-text">${hint}</small>` : ''}${
        message ? html`<div id="${id}-error" class="invalid-feedback d-block" data-field-error>${message}</div>` : ''
      }`,
    };
  };
  const text = (
    name: 'name' | 'region' | 'website' | 'email',
    o: { label: string; max: number; required?: boolean; type?: string; hint?: string },
  ) => {
    const d = described(name, o.hint);
    return html`<div class="form-group">
      ${label(ctx, d.id, o.label, o.required)}
      <input type="${o.type ?? 'text'}" id="${d.id}" name="${name}" value="${draft[name]}" maxlength="${o.max}" class="form-control${d.invalid ? ' is-invalid' : ''}"${attr('required', o.required ?? false)}${d.attributes}>
      ${d.after}
    </div>`;
  };
  const choice = (name: 'kind' | 'enteId', o: { label: string; options: Option[] }) => {
    const d = described(name);
    return html`<div class="select-wrapper mb-4">
      ${label(ctx, d.id, o.label, true)}
      <select id="${d.id}" name="${name}" required${d.attributes}>
        ${o.options.map((option) => html`<option value="${option.value}"${attr('selected', option.value === draft[name])}>${option.label}</option>`)}
      </select>
      ${d.after}
    </div>`;
  };
  const sectorsError = error?.field === 'sectors' ? error.message : undefined;
  const countries = described('countries', t('experiences.form.countriesHint'));
  const notes = described('notes');
  const enteOptions = view.enti.map((e) => ({ value: String(e.id), label: e.name }));
  const heading = editing ? t('stakeholders.editTitle') : t('stakeholders.newTitle');
  return html`<p class="mb-1"><a href="/stakeholder">${t('stakeholders.back')}</a></p>
    <h1 class="mb-3">${heading}</h1>
    ${requiredNote(ctx)}
    ${
      error
        ? html`<div class="alert alert-danger" id="sh-form-error" role="alert">
            <p class="fw-semibold mb-1">${t('form.errorTitle')}</p>
            <p class="mb-0">${error.field ? html`<a href="#${fieldId(error.field)}">${error.message}</a>` : error.message}</p>
          </div>`
        : ''
    }
    <form method="post" action="${editing ? `/stakeholder/${view.id}` : '/stakeholder'}" id="sh-form" novalidate class="mb-5">
      ${text('name', { label: t('stakeholders.field.name'), max: STAKEHOLDER_LIMITS.name, required: true })}
      <div class="row">
        <div class="col-12 col-md-6">${choice('kind', { label: t('stakeholders.field.kind'), options: [{ value: '', label: t('form.choose') }, ...kindOptions(ctx)] })}</div>
        <div class="col-12 col-md-6">${text('region', { label: t('stakeholders.field.region'), max: STAKEHOLDER_LIMITS.region, required: true, hint: t('stakeholders.regionHint') })}</div>
      </div>
      ${choice('enteId', { label: t('stakeholders.field.ente'), options: enteOptions.length === 1 ? enteOptions : [{ value: '', label: t('form.choose') }, ...enteOptions] })}
      <fieldset class="mb-4" id="${fieldId('sectors')}"${sectorsError ? html` aria-describedby="${fieldId('sectors')}-error"` : ''}>
        <legend class="h6">${t('experiences.sectors')}</legend>
        ${sectorOptions(ctx.locale).map(
          (o, i) => html`<div class="form-check form-check-inline">
            <input type="checkbox" id="${fieldId('sectors')}-${i}" name="sectors" value="${o.value}"${attr('checked', draft.sectors.includes(o.value))}>
            <label for="${fieldId('sectors')}-${i}">${o.label}</label>
          </div>`,
        )}
        ${sectorsError ? html`<div id="${fieldId('sectors')}-error" class="invalid-feedback d-block" data-field-error>${sectorsError}</div>` : ''}
      </fieldset>
      <div class="form-group">
        ${label(ctx, countries.id, t('experiences.countries'))}
        <select id="${countries.id}" name="countries" multiple size="10" class="form-select"${countries.attributes}>
          ${countryOptionGroups(ctx, (code) => draft.countries.includes(code))}
          ${draft.countries.filter((c) => !isKnownCountry(ctx.locale, c)).map((c) => html`<option value="${c}" selected>${c}</option>`)}
        </select>
        ${countries.after}
      </div>
      <div class="row">
        <div class="col-12 col-md-6">${text('website', { label: t('stakeholders.field.website'), max: STAKEHOLDER_LIMITS.website, type: 'url', hint: t('stakeholders.websiteHint') })}</div>
        <div class="col-12 col-md-6">${text('email', { label: t('stakeholders.field.email'), max: STAKEHOLDER_LIMITS.email, type: 'email' })}</div>
      </div>
      <div class="form-group">
        ${label(ctx, notes.id, t('stakeholders.field.notes'))}
        <textarea id="${notes.id}" name="notes" rows="3" maxlength="${STAKEHOLDER_LIMITS.notes}" class="form-control${notes.invalid ? ' is-invalid' : ''}"${notes.attributes}>${draft.notes}</textarea>
        ${notes.after}
      </div>
      <div class="d-flex flex-wrap gap-3 align-items-center">
        ${submit(editing ? t('stakeholders.save') : t('stakeholders.create'))}
        <a href="/stakeholder">${t('common.cancel')}</a>
      </div>
    </form>
    ${
      editing
        ? html`<section aria-labelledby="sh-delete-title" class="border-top pt-4">
            <h2 class="h5" id="sh-delete-title">${t('stakeholders.deleteTitle')}</h2>
            <p>${t('stakeholders.deleteIntro')}</p>
            <form method="post" action="/stakeholder/${view.id}/elimina">
              <button type="submit" class="btn btn-outline-danger">${t('stakeholders.delete')}</button>
            </form>
          </section>`
        : ''
    }`;
}

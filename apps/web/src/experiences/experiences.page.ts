import type { ExperienceDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { codeNames, years } from '../cv/cv.view.js';
import { type SelectOptions, select } from '../ui/form.js';
import { html } from '../ui/html.js';
import { countryName, sectorName, sectorOptions } from './labels.js';

/** The list's filters, with the names the query string uses (Italian, like the paths). */
export interface ExperienceFilters {
  q?: string;
  focusArea?: string;
  country?: string;
  sector?: string;
  fund?: string;
  enteId?: number;
  year?: number;
  status?: 'draft' | 'published';
}

function query(filters: ExperienceFilters, names: Record<keyof ExperienceFilters, string>) {
  const out = new URLSearchParams();
  for (const key of Object.keys(names) as Array<keyof ExperienceFilters>) {
    const value = filters[key];
    if (value !== undefined && value !== '') out.set(names[key], String(value));
  }
  return out;
}

const WEB_NAMES = {
  q: 'q',
  focusArea: 'area',
  country: 'paese',
  sector: 'settore',
  fund: 'fondo',
  enteId: 'ente',
  year: 'anno',
  status: 'stato',
} as const;
const API_NAMES = {
  ...WEB_NAMES,
  focusArea: 'focusArea',
  country: 'country',
  sector: 'sector',
  fund: 'fund',
  year: 'year',
  status: 'status',
} as const;

export function experiencesHref(filters: ExperienceFilters, cursor?: string) {
  const search = query(filters, WEB_NAMES);
  if (cursor) search.set('cursore', cursor);
  const text = search.toString();
  return `/esperienze${text ? `?${text}` : ''}`;
}

/** The same selection as a spreadsheet, from the API. */
export function experiencesCsvHref(filters: ExperienceFilters) {
  const search = query(filters, API_NAMES);
  search.set('format', 'csv');
  return `/api/experiences?${search.toString()}`;
}

export interface ExperiencesView {
  items: readonly ExperienceDto[];
  filters: ExperienceFilters;
  focusAreas: ReadonlyMap<string, string>;
  funds: readonly string[];
  enti: ReadonlyArray<{ id: number; name: string }>;
  /** Whether the reader sees some drafts, and so may filter by status. */
  seesDrafts: boolean;
  mayWrite: boolean;
  moreHref: string | null;
  paged: boolean;
}

function filtersForm(ctx: PageContext, view: ExperiencesView) {
  const { t } = ctx;
  const { filters } = view;
  const all = { value: '', label: t('experiences.all') };
  const pick = (o: Omit<SelectOptions, 'options'> & { options: Array<{ value: string; label: string }> }) =>
    html`<div class="col-12 col-md-6 col-lg-4">${select(ctx, { ...o, options: [all, ...o.options] })}</div>`;
  const countries = [...codeNames(ctx.locale).countries].map(([value, label]) => ({ value, label }));
  return html`<form method="get" action="/esperienze" class="row g-3 align-items-end mb-4" aria-label="${t('experiences.filters')}">
    <div class="col-12 col-lg-8 form-group mb-0">
      <label for="exp-q" class="active">${t('experiences.q')}</label>
      <input type="search" id="exp-q" name="q" class="form-control" value="${filters.q ?? ''}" maxlength="200" aria-describedby="exp-q-hint">
      <small id="exp-q-hint" class="form-text">${t('experiences.qHint')}</small>
    </div>
    <div class="col-12 col-md-6 col-lg-4 form-group mb-0">
      <label for="exp-year" class="active">${t('experiences.year')}</label>
      <input type="text" id="exp-year" name="anno" class="form-control" inputmode="numeric" maxlength="4" value="${filters.year ? String(filters.year) : ''}" aria-describedby="exp-year-hint">
      <small id="exp-year-hint" class="form-text">${t('experiences.yearHint')}</small>
    </div>
    ${pick({ id: 'exp-area', name: 'area', label: t('experiences.focusArea'), selected: filters.focusArea ?? '', options: [...view.focusAreas].map(([value, label]) => ({ value, label })) })}
    ${pick({ id: 'exp-country', name: 'paese', label: t('experiences.country'), selected: filters.country ?? '', options: countries })}
    ${pick({ id: 'exp-sector', name: 'settore', label: t('experiences.sector'), selected: filters.sector ?? '', options: sectorOptions(ctx.locale) })}
    ${pick({ id: 'exp-fund', name: 'fondo', label: t('experiences.fund'), selected: filters.fund ?? '', options: view.funds.map((f) => ({ value: f, label: f })) })}
    ${pick({ id: 'exp-ente', name: 'ente', label: t('experiences.ente'), selected: filters.enteId ? String(filters.enteId) : '', options: view.enti.map((e) => ({ value: String(e.id), label: e.name })) })}
    ${
      view.seesDrafts
        ? pick({
            id: 'exp-status',
            name: 'stato',
            label: t('experiences.status'),
            selected: filters.status ?? '',
            options: [
              { value: 'published', label: t('experiences.status.published') },
              { value: 'draft', label: t('experiences.status.draft') },
            ],
          })
        : ''
    }
    <div class="col-12 d-flex flex-wrap gap-3 align-items-center">
      <button type="submit" class="btn btn-primary">${t('experiences.apply')}</button>
      <a href="/esperienze">${t('experiences.reset')}</a>
    </div>
  </form>`;
}

export const draftBadge = (ctx: PageContext) =>
  html`<span class="badge bg-secondary fs-6 align-middle ms-2" data-draft>${ctx.t('experiences.status.draft')}</span>`;

function card(ctx: PageContext, e: ExperienceDto, focusAreas: ReadonlyMap<string, string>) {
  const { locale } = ctx;
  const facts = [
    years(ctx, e.yearFrom, e.yearTo),
    focusAreas.get(e.focusArea) ?? e.focusArea,
    ...(e.fund ? [e.fund] : []),
  ];
  return html`<li class="card card-bg no-after mb-3" data-experience="${e.id}"><article class="card-body" aria-labelledby="experience-${e.id}-title">
    <h2 class="h5 mb-1" id="experience-${e.id}-title"><a href="/esperienze/${e.id}">${e.title}</a>${e.status === 'draft' ? draftBadge(ctx) : ''}</h2>
    <p class="small text-secondary mb-2">${e.ente.name} · ${facts.join(' · ')}</p>
    ${e.countries.length ? html`<p class="mb-1"><span class="visually-hidden">${ctx.t('experiences.countries')}: </span>${e.countries.map((c) => countryName(locale, c)).join(', ')}</p>` : ''}
    ${
      e.sectors.length
        ? html`<p class="mb-0"><span class="visually-hidden">${ctx.t('experiences.sectors')}: </span>${e.sectors.map(
            (s, i) => html`${i > 0 ? ' ' : ''}<span class="label label-area">${sectorName(locale, s)}</span>`,
          )}</p>`
        : ''
    }
  </article></li>`;
}

/** The schede di valorizzazione: filters as a GET form, cards, a "more" link and the CSV. */
export function experiencesPage(ctx: PageContext, view: ExperiencesView) {
  const { t } = ctx;
  const filtered = Object.keys(view.filters).length > 0;
  return html`<h1 class="mb-2">${t('experiences.title')}</h1>
    <p class="lead mb-3">${t('experiences.intro')}</p>
    <p class="d-flex flex-wrap gap-3 mb-4">
      ${view.mayWrite ? html`<a class="btn btn-primary" href="/esperienze/nuova">${t('experiences.new')}</a>` : ''}
      <a class="btn btn-outline-primary" href="${experiencesCsvHref(view.filters)}" download>${t('experiences.csv')}</a>
      <a class="align-self-center" href="/stakeholder">${t('experiences.toStakeholders')}</a>
    </p>
    ${filtersForm(ctx, view)}
    <h2 class="visually-hidden">${t('experiences.results')}</h2>
    ${
      view.items.length === 0
        ? html`<p data-experiences-empty>${t(filtered || view.paged ? 'experiences.empty' : 'experiences.emptyAll')}</p>`
        : html`<ul class="list-unstyled" data-experiences>${view.items.map((e) => card(ctx, e, view.focusAreas))}</ul>`
    }
    <nav aria-label="${t('experiences.pages')}" class="d-flex gap-3">
      ${view.paged ? html`<a href="${experiencesHref(view.filters)}">${t('experiences.first')}</a>` : ''}
      ${view.moreHref ? html`<a href="${view.moreHref}" rel="next">${t('experiences.more')}</a>` : ''}
    </nav>`;
}

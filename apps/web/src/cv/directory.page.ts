import type { DirectoryEntryDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { writePrivatelyLink } from '../conversations/write-link.view.js';
import { type SelectOptions, select } from '../ui/form.js';
import { html } from '../ui/html.js';
import { codeNames, cvView, levelName, type Vocabularies, workplace } from './cv.view.js';

/** The directory's filters as the query string carries them (Italian names, like the paths). */
export interface DirectoryFilters {
  q?: string;
  focusArea?: string;
  dimension?: string;
  language?: string;
  country?: string;
  region?: string;
  enteId?: number;
}

export function directoryHref(filters: DirectoryFilters, cursor?: string) {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.focusArea) query.set('area', filters.focusArea);
  if (filters.dimension) query.set('dimensione', filters.dimension);
  if (filters.language) query.set('lingua', filters.language);
  if (filters.country) query.set('paese', filters.country);
  if (filters.region) query.set('regione', filters.region);
  if (filters.enteId) query.set('ente', String(filters.enteId));
  if (cursor) query.set('cursore', cursor);
  const search = query.toString();
  return `/competenze${search ? `?${search}` : ''}`;
}

export interface DirectoryView {
  items: readonly DirectoryEntryDto[];
  filters: DirectoryFilters;
  vocabularies: Vocabularies;
  regions: readonly string[];
  enti: ReadonlyArray<{ id: number; name: string }>;
  moreHref: string | null;
  paged: boolean;
}

function filtersForm(ctx: PageContext, view: DirectoryView) {
  const { t } = ctx;
  const { filters } = view;
  const all = { value: '', label: t('directory.all') };
  const names = codeNames(ctx.locale);
  const pick = (o: Omit<SelectOptions, 'options'> & { options: Array<{ value: string; label: string }> }) =>
    html`<div class="col-12 col-md-6 col-lg-4">${select(ctx, { ...o, options: [all, ...o.options] })}</div>`;
  const fromMap = (map: ReadonlyMap<string, string>) => [...map].map(([value, label]) => ({ value, label }));
  return html`<form method="get" action="/competenze" class="row g-3 align-items-end mb-4" aria-label="${t('directory.filters')}">
    <div class="col-12 form-group mb-0">
      <label for="dir-q" class="active">${t('directory.q')}</label>
      <input type="search" id="dir-q" name="q" class="form-control" value="${filters.q ?? ''}" maxlength="200" aria-describedby="dir-q-hint">
      <small id="dir-q-hint" class="form-text">${t('directory.qHint')}</small>
    </div>
    ${pick({ id: 'dir-area', name: 'area', label: t('directory.focusArea'), selected: filters.focusArea ?? '', options: fromMap(view.vocabularies.focusAreas) })}
    ${pick({ id: 'dir-dimension', name: 'dimensione', label: t('directory.dimension'), selected: filters.dimension ?? '', options: fromMap(view.vocabularies.dimensions) })}
    ${pick({ id: 'dir-language', name: 'lingua', label: t('directory.language'), selected: filters.language ?? '', options: fromMap(names.languages) })}
    ${pick({ id: 'dir-country', name: 'paese', label: t('directory.country'), selected: filters.country ?? '', options: fromMap(names.countries) })}
    ${pick({ id: 'dir-region', name: 'regione', label: t('directory.region'), selected: filters.region ?? '', options: view.regions.map((r) => ({ value: r, label: r })) })}
    ${pick({ id: 'dir-ente', name: 'ente', label: t('directory.ente'), selected: filters.enteId ? String(filters.enteId) : '', options: view.enti.map((e) => ({ value: String(e.id), label: e.name })) })}
    <div class="col-12 d-flex flex-wrap gap-3 align-items-center">
      <button type="submit" class="btn btn-primary">${t('directory.apply')}</button>
      <a href="/competenze">${t('directory.reset')}</a>
    </div>
  </form>`;
}

const SHOWN_COMPETENCES = 8;

function entryItem(ctx: PageContext, entry: DirectoryEntryDto, vocabularies: Vocabularies) {
  const { cv } = entry;
  const languages = codeNames(ctx.locale).languages;
  const extra = cv.competences.length - SHOWN_COMPETENCES;
  return html`<li class="card card-bg no-after mb-3" data-directory-person="${entry.person.id}"><article class="card-body" aria-labelledby="person-${entry.person.id}-name">
    <h2 class="h5 mb-1" id="person-${entry.person.id}-name"><a href="/competenze/${entry.person.id}">${entry.person.displayName}</a></h2>
    <p class="small text-secondary mb-2">${workplace(ctx, entry)}</p>
    ${cv.headline ? html`<p class="mb-2">${cv.headline}</p>` : ''}
    ${
      cv.competences.length
        ? html`<p class="mb-1">${cv.competences
            .slice(0, SHOWN_COMPETENCES)
            .map(
              (c, i) =>
                html`${i > 0 ? ' · ' : ''}<span>${c.skill}</span>${
                  c.focusArea
                    ? html` <span class="label label-area">${vocabularies.focusAreas.get(c.focusArea) ?? c.focusArea}</span>`
                    : ''
                }`,
            )}${extra > 0 ? ` · +${extra}` : ''}</p>`
        : ''
    }
    ${
      cv.languages.length
        ? html`<p class="small mb-0">${cv.languages
            .map((l) => `${languages.get(l.code) ?? l.code} (${levelName(ctx, l.level)})`)
            .join(', ')}</p>`
        : ''
    }
    ${ctx.user && ctx.user.id !== entry.person.id ? html`<p class="small mt-2 mb-0">${writePrivatelyLink(ctx, entry.person)}</p>` : ''}
  </article></li>`;
}

/** The competence directory: the filters as a GET form, the people, and a "more" link. */
export function directoryPage(ctx: PageContext, view: DirectoryView) {
  const { t } = ctx;
  const filtered = Object.keys(view.filters).length > 0;
  return html`<h1 class="mb-2">${t('directory.title')}</h1>
    <p class="lead mb-3">${t('directory.intro')}</p>
    <p class="mb-4"><a href="/profilo/cv">${t('directory.ownCv')}</a></p>
    ${filtersForm(ctx, view)}
    <h2 class="visually-hidden">${t('directory.results')}</h2>
    ${
      view.items.length === 0
        ? html`<p data-directory-empty>${t(filtered || view.paged ? 'directory.empty' : 'directory.emptyAll')}</p>`
        : html`<ul class="list-unstyled" data-directory>${view.items.map((entry) => entryItem(ctx, entry, view.vocabularies))}</ul>`
    }
    <nav aria-label="${t('directory.more')}" class="d-flex gap-3">
      ${view.paged ? html`<a href="${directoryHref(view.filters)}">${t('directory.first')}</a>` : ''}
      ${view.moreHref ? html`<a href="${view.moreHref}" rel="next">${t('directory.more')}</a>` : ''}
    </nav>`;
}

/** One person's entry: where they work, their CV, their file, and their page in the community. */
export function directoryEntryPage(ctx: PageContext, entry: DirectoryEntryDto, vocabularies: Vocabularies) {
  const { t } = ctx;
  return html`<p class="mb-1"><a href="/competenze">${t('directory.back')}</a></p>
    <h1 class="mb-1">${entry.person.displayName}</h1>
    <p class="text-secondary mb-3">${workplace(ctx, entry)}</p>
    ${cvView(ctx, entry.cv, vocabularies)}
    ${
      entry.file
        ? html`<p class="mt-4" data-directory-file><a class="btn btn-outline-primary" href="/api/directory/${entry.person.id}/file">${t('directory.file')}</a>
            <span class="small text-secondary ms-2">${entry.file.name}</span></p>`
        : ''
    }
    <p class="small text-secondary mt-4 mb-1">${t('directory.updated', { date: ctx.date(new Date(entry.updatedAt)) })}</p>
    <p><a href="/u/${encodeURIComponent(entry.person.handle)}">${t('directory.profile')}</a></p>
    ${ctx.user && ctx.user.id !== entry.person.id ? html`<p>${writePrivatelyLink(ctx, entry.person)}</p>` : ''}`;
}

import type { ExperienceDetailDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { paragraphs, type Vocabularies, years } from '../cv/cv.view.js';
import { html, type SafeHtml } from '../ui/html.js';
import { draftBadge } from './experiences.page.js';
import { countryName, euro, sectorName } from './labels.js';

function fact(term: string, value: SafeHtml | string | null) {
  if (value === null || value === '') return '';
  return html`<div class="col-12 col-md-6 mb-3"><dt class="small text-secondary fw-normal">${term}</dt><dd class="mb-0">${value}</dd></div>`;
}

function part(id: string, title: string, body: SafeHtml | string) {
  return html`<section class="mb-4" aria-labelledby="${id}">
    <h2 class="h4 mb-2" id="${id}">${title}</h2>
    ${body}
  </section>`;
}

function statusBar(ctx: PageContext, e: ExperienceDetailDto) {
  const { t } = ctx;
  const actions = [
    e.canEdit
      ? html`<a class="btn btn-outline-primary" href="/esperienze/${e.id}/modifica">${t('experiences.edit')}</a>`
      : '',
    e.canPublish
      ? html`<form method="post" action="/esperienze/${e.id}/stato" class="d-inline">
          <input type="hidden" name="stato" value="${e.status === 'draft' ? 'published' : 'draft'}">
          <button type="submit" class="btn ${e.status === 'draft' ? 'btn-primary' : 'btn-outline-secondary'}">${
            e.status === 'draft' ? t('experiences.publish') : t('experiences.unpublish')
          }</button>
        </form>`
      : '',
  ];
  return html`<div class="d-flex flex-wrap gap-3 align-items-center mb-4">${actions}</div>`;
}

/** One sheet: what was done, where, with which money, what came of it, and the links. */
export function experiencePage(ctx: PageContext, e: ExperienceDetailDto, vocabularies: Vocabularies) {
  const { t, locale } = ctx;
  const when =
    e.status === 'draft'
      ? t('experiences.draftNote')
      : e.publishedAt
        ? t('experiences.publishedOn', { date: ctx.date(new Date(e.publishedAt)) })
        : '';
  const threads = e.links.filter((l) => l.kind === 'thread');
  const documents = e.links.filter((l) => l.kind === 'document');
  const linkList = (items: typeof e.links, base: string) =>
    html`<ul class="mb-3">${items.map((l) => html`<li><a href="${base}/${l.id}">${l.title}</a> <span class="small text-secondary">· ${l.tableName}</span></li>`)}</ul>`;
  return html`<p class="mb-1"><a href="/esperienze">${t('experiences.back')}</a></p>
    <h1 class="mb-1">${e.title}${e.status === 'draft' ? draftBadge(ctx) : ''}</h1>
    <p class="text-secondary mb-3">${e.ente.name}${e.ente.region ? ` (${e.ente.region})` : ''} · ${years(ctx, e.yearFrom, e.yearTo)}</p>
    <p class="small mb-3" data-experience-status>${when}${e.author ? ` ${t('experiences.by', { name: e.author.displayName })}` : ''}</p>
    ${statusBar(ctx, e)}
    ${part('exp-summary', t('experiences.field.summary'), html`<div>${paragraphs(e.summary)}</div>`)}
    ${part(
      'exp-facts',
      t('experiences.facts'),
      html`<dl class="row mb-0">
        ${fact(t('experiences.focusArea'), vocabularies.focusAreas.get(e.focusArea) ?? e.focusArea)}
        ${fact(t('experiences.dimension'), e.dimension ? (vocabularies.dimensions.get(e.dimension) ?? e.dimension) : null)}
        ${fact(t('experiences.field.years'), years(ctx, e.yearFrom, e.yearTo))}
        ${fact(t('experiences.countries'), e.countries.map((c) => countryName(locale, c)).join(', '))}
        ${fact(t('experiences.sectors'), e.sectors.map((s) => sectorName(locale, s)).join(', '))}
        ${fact(t('experiences.field.programme'), e.programme)}
        ${fact(t('experiences.field.fund'), e.fund)}
        ${fact(t('experiences.field.budget'), e.budgetEur === null ? null : euro(locale, e.budgetEur))}
      </dl>`,
    )}
    ${e.partners.length ? part('exp-partners', t('experiences.field.partners'), html`<ul>${e.partners.map((p) => html`<li>${p}</li>`)}</ul>`) : ''}
    ${e.results ? part('exp-results', t('experiences.field.results'), html`<div>${paragraphs(e.results)}</div>`) : ''}
    ${e.lessons ? part('exp-lessons', t('experiences.field.lessons'), html`<div>${paragraphs(e.lessons)}</div>`) : ''}
    ${
      e.links.length
        ? part(
            'exp-links',
            t('experiences.links'),
            html`${threads.length ? html`<h3 class="h6">${t('experiences.field.threads')}</h3>${linkList(threads, '/discussioni')}` : ''}
            ${documents.length ? html`<h3 class="h6">${t('experiences.field.documents')}</h3>${linkList(documents, '/documenti')}` : ''}`,
          )
        : ''
    }
    <p class="small text-secondary mt-4">${t('experiences.updated', { date: ctx.date(new Date(e.updatedAt)) })}</p>`;
}

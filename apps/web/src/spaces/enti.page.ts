import type { EnteSummaryDto, getEnte } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { html } from '../ui/html.js';

function summary(ctx: PageContext, e: EnteSummaryDto) {
  const { t } = ctx;
  return html`${t(`enteKind.${e.kind}`)}${e.region ? html` · ${e.region}` : ''} · ${t('enti.people', { count: e.participantCount })}`;
}

export function entiPage(ctx: PageContext, enti: readonly EnteSummaryDto[]) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('enti.title')}</h1>
    <p class="lead mb-4">${t('enti.intro')}</p>
    ${
      enti.length === 0
        ? html`<p>${t('enti.empty')}</p>`
        : html`<ul class="row list-unstyled">${enti.map(
            (e) => html`<li class="col-12 col-md-6 col-lg-4 mb-4">
              <div class="card card-bg no-after h-100"><div class="card-body">
                <h2 class="card-title h5"><a href="/enti/${e.id}" class="stretched-link">${e.name}</a></h2>
                <p class="card-text small text-secondary">${summary(ctx, e)}</p>
              </div></div>
            </li>`,
          )}</ul>`
    }`;
}

export type EnteView = Awaited<ReturnType<typeof getEnte>>;

/** The ente's latest answer to its profile questionnaire: each answered question and its answer. */
function profile(ctx: PageContext, p: EnteView['profile']) {
  const { t, locale } = ctx;
  if (!p) return html`<p>${t('enti.noProfile')}</p>`;
  return html`<p class="small text-secondary">${t('enti.profileFrom', { title: p.title, date: ctx.date(new Date(p.updatedAt)) })}</p>
    <dl class="ente-profile">${p.answers.map((a) => html`<dt>${a.label[locale]}</dt><dd>${a.text[locale]}</dd>`)}</dl>`;
}

export function entePage(ctx: PageContext, view: EnteView, dimensionNames: ReadonlyMap<string, string>) {
  const { t } = ctx;
  const { ente } = view;
  const tables = ente.tables.length
    ? html`<ul>${ente.tables.map((tb) => html`<li><a href="/tavoli/${tb.id}">${tb.name}</a></li>`)}</ul>`
    : html`<p>${t('enti.noTables')}</p>`;
  const people = view.people.length
    ? html`<ul>${view.people.map((p) => html`<li><a href="/u/${p.handle}">${p.displayName}</a> <span class="small text-secondary">${t(`role.${p.role}`)}</span></li>`)}</ul>`
    : html`<p>${t('enti.noMembers')}</p>`;
  const products = view.products.length
    ? view.products.map(
        (
          group,
        ) => html`<h3 class="h6 mt-3">${group.dimension ? (dimensionNames.get(group.dimension) ?? group.dimension) : t('enti.noDimension')}</h3>
          <ul>${group.documents.map(
            (d) =>
              html`<li><a href="/documenti/${d.id}">${d.title}</a> <span class="badge bg-light text-dark">${t(`documentStatus.${d.status}`)}</span></li>`,
          )}</ul>`,
      )
    : html`<p>${t('enti.noProducts')}</p>`;
  return html`<p class="mb-1"><a href="/enti">${t('enti.title')}</a></p>
    <h1 class="mb-2">${ente.name}</h1>
    <p class="lead mb-4">${summary(ctx, ente)}</p>
    ${ctx.user?.role === 'admin' ? html`<p><a class="btn btn-outline-primary btn-sm" href="/admin/enti/${ente.id}">${t('enti.edit')}</a></p>` : ''}
    <div class="row">
      <div class="col-12 col-lg-6">${section('ente-tables', t('enti.tables'), tables)}${section('ente-people', t('enti.members'), people)}</div>
      <div class="col-12 col-lg-6">${section('ente-products', t('enti.products'), html`${products}`)}${section('ente-profile', t('enti.profile'), profile(ctx, view.profile))}</div>
    </div>`;
}

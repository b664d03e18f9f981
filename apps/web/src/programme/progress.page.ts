import type { DocumentStatus } from '@hubspoke/db';
import type { EnteProgressDto, ProgressPageDto, ProgressView, TableProgressDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { select, submit } from '../ui/form.js';
import { html, type SafeHtml } from '../ui/html.js';

export interface ProgressPageView {
  page: ProgressPageDto;
  region: string;
  regions: readonly string[];
  dimensions: ReadonlyMap<string, string>;
}

type Row = EnteProgressDto | TableProgressDto;

/** The web's words for the views, in the query string (`?vista=`), and back. */
export const VIEW_PARAMS: Record<ProgressView, string> = { enti: 'enti', tables: 'tavoli' };

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = search.toString();
  return text ? `?${text}` : '';
};

function ratio(ctx: PageContext, done: number, total: number): SafeHtml | string {
  if (total === 0) return ctx.t('progress.none');
  return ctx.t('progress.of', { done, total });
}

function percent(ctx: PageContext, done: number, total: number) {
  if (total === 0) return ctx.t('progress.none');
  return ctx.t('progress.attendance', { percent: Math.round((done / total) * 100), done, total });
}

function median(ctx: PageContext, minutes: number | null) {
  if (minutes === null) return ctx.t('progress.none');
  return minutes < 120
    ? ctx.t('progress.median', { minutes })
    : ctx.t('progress.medianHours', { hours: Math.round(minutes / 60) });
}

function products(ctx: PageContext, view: ProgressPageView, row: Row) {
  if (row.products.length === 0) return ctx.t('progress.noProducts');
  return html`<ul class="list-unstyled mb-0 small">${row.products.map(
    (p) =>
      html`<li>${ctx.t('progress.product', {
        dimension: view.dimensions.get(p.dimension) ?? p.dimension,
        count: p.count,
        status: ctx.t(`documentStatus.${p.status as DocumentStatus}`).toLowerCase(),
      })}</li>`,
  )}</ul>`;
}

function heading(ctx: PageContext, row: Row) {
  if ('ente' in row) {
    return html`<a href="/enti/${row.ente.id}">${row.ente.name}</a>
      <span class="d-block small text-secondary">${ctx.t(`enteKind.${row.ente.kind}`)}${row.ente.region ? ` · ${row.ente.region}` : ''}</span>`;
  }
  return html`<a href="/tavoli/${row.table.id}">${row.table.name}</a>
    <span class="d-block small text-secondary">${ctx.t(`tableKind.${row.table.kind}`)}${row.table.enteName ? ` · ${row.table.enteName}` : ''}</span>`;
}

/** One row of figures per ente or table, readable as a table without styles or scripts. */
export function progressPage(ctx: PageContext, view: ProgressPageView) {
  const { t } = ctx;
  const { page } = view;
  const vista = VIEW_PARAMS[page.view];
  const rows: Row[] = page.enti ?? page.tables ?? [];
  const tab = (v: ProgressView, label: string) => {
    const current = v === page.view;
    return html`<li class="nav-item"><a class="nav-link${current ? ' active' : ''}" href="/programma${query({
      vista: VIEW_PARAMS[v],
      regione: view.region,
    })}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  };
  const csv = `/api/programme/progress${query({ view: page.view, region: view.region, format: 'csv' })}`;
  const table = rows.length
    ? html`<div class="table-responsive"><table class="table progress-table">
        <caption class="visually-hidden">${t('progress.caption', { view: page.view })}</caption>
        <thead><tr>
          <th scope="col">${t('progress.col.name', { view: page.view })}</th>
          <th scope="col">${t('progress.col.people')}</th>
          <th scope="col">${t('progress.col.patto')}</th>
          <th scope="col">${t('progress.col.surveys')}</th>
          <th scope="col">${t('progress.col.products')}</th>
          <th scope="col">${t('progress.col.sessions')}</th>
          <th scope="col">${t('progress.col.attendance')}</th>
          <th scope="col">${t('progress.col.questions')}</th>
          <th scope="col">${t('progress.col.median')}</th>
        </tr></thead>
        <tbody>${rows.map(
          (row) => html`<tr>
            <th scope="row">${heading(ctx, row)}</th>
            <td>${row.people}</td>
            <td>${page.pattoVersion === null ? t('progress.noPatto') : ratio(ctx, row.pattoSigned, row.people)}</td>
            <td>${ratio(ctx, row.surveys.answered, row.surveys.expected)}</td>
            <td>${products(ctx, view, row)}</td>
            <td>${t('progress.sessions', { held: row.sessions.held, coming: row.sessions.coming })}</td>
            <td>${percent(ctx, row.sessions.attendances, row.sessions.attendancesExpected)}</td>
            <td>${row.questions.open}</td>
            <td>${median(ctx, row.questions.medianFirstReplyMinutes)}</td>
          </tr>`,
        )}</tbody>
      </table></div>`
    : html`<p>${t('progress.empty')}</p>`;
  return html`<h1 class="mb-2">${t('progress.title')}</h1>
    <p class="lead mb-4">${t('progress.intro')}</p>
    <nav aria-label="${t('progress.title')}" class="mb-4">
      <ul class="nav nav-tabs">${tab('enti', t('progress.byEnte'))}${tab('tables', t('progress.byTable'))}</ul>
    </nav>
    <form method="get" action="/programma" class="row g-3 align-items-end mb-4">
      <input type="hidden" name="vista" value="${vista}">
      <div class="col-12 col-md-6">${select(ctx, {
        id: 'progress-region',
        name: 'regione',
        label: t('progress.region'),
        selected: view.region,
        options: [{ value: '', label: t('progress.allRegions') }, ...view.regions.map((r) => ({ value: r, label: r }))],
      })}</div>
      <div class="col-12 col-md-6">${submit(t('progress.filter'), 'me-3')}<a class="btn btn-outline-primary" href="${csv}" download>${t('progress.csv')}</a></div>
    </form>
    ${table}
    ${
      page.nextCursor
        ? html`<p><a class="btn btn-outline-primary" href="/programma${query({ vista, regione: view.region, dopo: page.nextCursor })}">${t('progress.more')}</a></p>`
        : ''
    }`;
}

import type { tutoringMetrics, tutorQueue } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

export type QueueItem = Awaited<ReturnType<typeof tutorQueue>>[number];
export type Metrics = Awaited<ReturnType<typeof tutoringMetrics>>;
type Summary = Metrics['total'];

export const QUEUE_FILTERS = ['all', 'open', 'answered'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** Plain links, so the filter works without JavaScript; the current one is marked for screen readers. */
function queueFilters(ctx: PageContext, current: QueueFilter) {
  const { t } = ctx;
  const links = QUEUE_FILTERS.map((f) => {
    const href = f === 'all' ? '/tutoraggio' : `/tutoraggio?stato=${f}`;
    return html`<li class="nav-item"><a class="nav-link${f === current ? ' active' : ''}" href="${href}"${f === current ? html` aria-current="page"` : ''}>${t(`tutoring.filter.${f}`)}</a></li>`;
  });
  return html`<nav aria-label="${t('tutoring.filter')}"><ul class="nav nav-tabs mb-3">${links}</ul></nav>`;
}

/** The questions assigned to the reader: unanswered first, each with how long it has waited. */
export function tutorQueuePage(
  ctx: PageContext,
  items: readonly QueueItem[],
  areas: ReadonlyMap<string, string>,
  filter: QueueFilter = 'all',
) {
  const { t } = ctx;
  const rows = items.map(
    (q) => html`<tr data-question="${q.threadId}">
      <th scope="row"><a href="${q.url}">${q.title}</a>
        <span class="d-block small text-secondary">${areas.get(q.focusArea) ?? q.focusArea}</span></th>
      <td><a href="/tavoli/${q.table.id}">${q.table.name}</a></td>
      <td>${q.asker.displayName}<span class="d-block small text-secondary">${timeTag(ctx, q.askedAt)}</span></td>
      <td><span class="label label-question-${q.status}">${t(`question.status.${q.status}`)}</span></td>
      <td>${q.status === 'open' ? t('tutoring.ageHours', { hours: q.ageHours }) : ''}</td>
      <td>${q.replies}</td>
    </tr>`,
  );
  return html`<h1 class="mb-2">${t('tutoring.queueTitle')}</h1>
    <p class="lead mb-3">${t('tutoring.queueIntro')}</p>
    <p class="mb-4"><a href="/tutoraggio/metriche">${t('tutoring.metricsLink')}</a></p>
    ${queueFilters(ctx, filter)}
    ${
      items.length === 0
        ? html`<p>${filter === 'all' ? t('tutoring.queueEmpty') : t('tutoring.queueEmptyFiltered')}</p>`
        : html`<div class="table-responsive"><table class="table">
            <caption class="visually-hidden">${t('tutoring.queueTitle')}</caption>
            <thead><tr>
              <th scope="col">${t('tutoring.col.question')}</th>
              <th scope="col">${t('tutoring.col.table')}</th>
              <th scope="col">${t('tutoring.col.asker')}</th>
              <th scope="col">${t('tutoring.col.status')}</th>
              <th scope="col">${t('tutoring.col.age')}</th>
              <th scope="col">${t('tutoring.col.replies')}</th>
            </tr></thead>
            <tbody>${rows}</tbody>
          </table></div>`
    }`;
}

const hours = (ctx: PageContext, value: number | null) => (value === null ? ctx.t('tutoring.none') : String(value));

function summaryCells(ctx: PageContext, s: Summary) {
  return html`<td>${s.questions}</td><td>${s.open}</td><td>${s.answered}</td><td>${s.resolved}</td>
    <td>${hours(ctx, s.firstReplyHours.median)}</td><td>${hours(ctx, s.firstReplyHours.p90)}</td>
    <td>${hours(ctx, s.resolutionHours.median)}</td><td>${hours(ctx, s.resolutionHours.p90)}</td>`;
}

/** One metrics table: a row per group, its name as the row header. */
function metricsTable(
  ctx: PageContext,
  id: string,
  title: string,
  nameHeading: string,
  rows: ReadonlyArray<{ name: string; summary: Summary }>,
) {
  const { t } = ctx;
  return html`<section class="mb-5" aria-labelledby="${id}">
    <h2 class="h4" id="${id}">${title}</h2>
    ${
      rows.length === 0
        ? html`<p>${t('tutoring.emptyGroup')}</p>`
        : html`<div class="table-responsive"><table class="table" aria-labelledby="${id}">
            <thead><tr>
              <th scope="col">${nameHeading}</th>
              <th scope="col">${t('tutoring.col.questions')}</th>
              <th scope="col">${t('tutoring.col.open')}</th>
              <th scope="col">${t('tutoring.col.answered')}</th>
              <th scope="col">${t('tutoring.col.resolved')}</th>
              <th scope="col">${t('tutoring.col.firstReplyMedian')}</th>
              <th scope="col">${t('tutoring.col.firstReplyP90')}</th>
              <th scope="col">${t('tutoring.col.resolutionMedian')}</th>
              <th scope="col">${t('tutoring.col.resolutionP90')}</th>
            </tr></thead>
            <tbody>${rows.map((r) => html`<tr><th scope="row">${r.name}</th>${summaryCells(ctx, r.summary)}</tr>`)}</tbody>
          </table></div>`
    }
  </section>`;
}

export interface MetricsView {
  from: string;
  to: string;
  metrics: Metrics | null;
  invalid: boolean;
  areas: ReadonlyMap<string, string>;
}

/** Response times and counts for a period, chosen with a plain GET form (`dal`, `al`). */
export function tutoringMetricsPage(ctx: PageContext, view: MetricsView) {
  const { t } = ctx;
  const { metrics } = view;
  let tables: SafeHtml | string = '';
  if (metrics) {
    tables = html`<p class="small text-secondary">${metrics.workingHours ? t('tutoring.workingHours') : t('tutoring.calendarHours')}</p>
      ${metricsTable(ctx, 'metrics-total', t('tutoring.total'), t('tutoring.range'), [
        { name: t('tutoring.total'), summary: metrics.total },
      ])}
      ${metricsTable(
        ctx,
        'metrics-tutor',
        t('tutoring.byTutor'),
        t('tutoring.col.tutor'),
        metrics.byTutor.map((g) => ({ name: g.name, summary: g })),
      )}
      ${metricsTable(
        ctx,
        'metrics-table',
        t('tutoring.byTable'),
        t('tutoring.col.table'),
        metrics.byTable.map((g) => ({ name: g.name, summary: g })),
      )}
      ${metricsTable(
        ctx,
        'metrics-area',
        t('tutoring.byFocusArea'),
        t('tutoring.col.focusArea'),
        metrics.byFocusArea.map((g) => ({ name: view.areas.get(g.focusArea) ?? g.focusArea, summary: g })),
      )}`;
  }
  return html`<p class="mb-1"><a href="/tutoraggio">${t('tutoring.queueTitle')}</a></p>
    <h1 class="mb-4">${t('tutoring.metricsTitle')}</h1>
    <form method="get" action="/tutoraggio/metriche" class="mb-4" aria-label="${t('tutoring.range')}">
      <div class="row g-3 align-items-end">
        <div class="col-sm-4 form-group mb-0">
          <label for="metrics-from" class="active">${t('tutoring.from')}</label>
          <input type="date" id="metrics-from" name="dal" class="form-control" value="${view.from}"${view.invalid ? html` aria-invalid="true" aria-describedby="metrics-error"` : ''}>
        </div>
        <div class="col-sm-4 form-group mb-0">
          <label for="metrics-to" class="active">${t('tutoring.to')}</label>
          <input type="date" id="metrics-to" name="al" class="form-control" value="${view.to}"${view.invalid ? html` aria-invalid="true" aria-describedby="metrics-error"` : ''}>
        </div>
        <div class="col-sm-4"><button type="submit" class="btn btn-primary">${t('tutoring.apply')}</button></div>
      </div>
    </form>
    ${view.invalid ? html`<div class="alert alert-danger" role="alert" id="metrics-error"><p class="mb-0">${t('tutoring.rangeInvalid')}</p></div>` : ''}
    ${tables}`;
}

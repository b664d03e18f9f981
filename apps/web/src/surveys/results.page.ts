import type { QuestionResultDto, ResultsDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { type Bar, barChart, numbersTable } from './chart.view.js';
import { surveyDates } from './surveys.page.js';

const percent = (ctx: PageContext, rate: number) =>
  new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT', { style: 'percent', maximumFractionDigits: 1 }).format(
    rate,
  );
const decimal = (ctx: PageContext, n: number | null) =>
  n === null
    ? '—'
    : new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 2 }).format(n);

/** Per table or per region: one small table of counts, the groups as columns. */
function groupTable(
  ctx: PageContext,
  caption: string,
  q: QuestionResultDto,
  groups: Array<{ name: string; answered: number; counts: Record<string, number> }>,
) {
  const { t, locale } = ctx;
  if (groups.length === 0) return '';
  return html`<details class="mt-2"><summary>${caption}</summary>
    <div class="table-responsive"><table class="table table-sm">
      <caption class="visually-hidden">${caption}: ${q.label[locale]}</caption>
      <thead><tr><th scope="col">${t('surveys.option')}</th>${groups.map(
        (g) =>
          html`<th scope="col">${g.name} <span class="fw-normal small">(${t('surveys.answeredCount', { count: g.answered })})</span></th>`,
      )}</tr></thead>
      <tbody>${q.options.map(
        (o) =>
          html`<tr><th scope="row" class="fw-normal">${o.label[locale]}</th>${groups.map((g) => html`<td>${g.counts[o.key] ?? 0}</td>`)}</tr>`,
      )}</tbody>
    </table></div>
  </details>`;
}

function questionResult(ctx: PageContext, r: ResultsDto, q: QuestionResultDto, index: number) {
  const { t, locale } = ctx;
  const label = q.label[locale];
  const id = `chart-${index}`;
  const answered = t('surveys.answeredCount', { count: q.answered });
  if (q.type === 'text' || q.type === 'number') {
    return html`<section class="mb-5" aria-labelledby="${id}-h">
      <h2 class="h5" id="${id}-h">${label}</h2>
      <p class="small text-secondary">${answered}</p>
      ${q.type === 'number' && q.numbers ? html`<p>${t('surveys.numbers', { mean: decimal(ctx, q.numbers.mean), min: decimal(ctx, q.numbers.min), max: decimal(ctx, q.numbers.max) })}</p>` : html`<p class="small">${t('surveys.textAnswers')}</p>`}
    </section>`;
  }
  const bars: Bar[] = q.options.map((o) => ({ label: o.label[locale], count: o.count }));
  const tableNames = new Map(r.tables.map((tb) => [tb.id, tb.name]));
  const others = q.others.length
    ? html`<h3 class="h6 mt-3">${t('surveys.others')}</h3>
      <ul class="small">${q.others.map((o) => html`<li>${o.text}</li>`)}</ul>`
    : '';
  return html`<section class="mb-5" aria-labelledby="${id}-h">
    <h2 class="h5" id="${id}-h">${label}</h2>
    <p class="small text-secondary">${answered}${q.type === 'scale' && q.numbers?.mean != null ? html` · ${t('surveys.numbers', { mean: decimal(ctx, q.numbers.mean), min: decimal(ctx, q.numbers.min), max: decimal(ctx, q.numbers.max) })}` : ''}</p>
    ${barChart(id, label, t('surveys.chartDesc', { answered: q.answered }), bars, q.answered)}
    ${numbersTable(label, [t('surveys.option'), t('surveys.count')], bars)}
    ${groupTable(
      ctx,
      t('surveys.byTable'),
      q,
      q.byTable.map((g) => ({
        name: tableNames.get(g.tableId) ?? String(g.tableId),
        answered: g.answered,
        counts: g.counts,
      })),
    )}
    ${groupTable(
      ctx,
      t('surveys.byRegion'),
      q,
      q.byRegion.map((g) => ({ name: g.region || t('surveys.noRegion'), answered: g.answered, counts: g.counts })),
    )}
    ${others}
  </section>`;
}

export function resultsPage(ctx: PageContext, r: ResultsDto, staff: boolean) {
  const { t } = ctx;
  const { survey, responseRate: rate } = r;
  const csv = `/api/surveys/${survey.id}/results?format=csv&locale=${ctx.locale}`;
  return html`<p class="mb-1"><a href="/questionari/${survey.id}">${survey.title}</a></p>
    <h1 class="mb-2">${t('surveys.resultsOf', { title: survey.title })}</h1>
    <p class="small text-secondary">${surveyDates(ctx, survey)} · ${t(`surveys.respondent.${survey.respondent}`)}</p>
    <p class="lead">${
      rate.rate === null
        ? t('surveys.rateNone', { answered: rate.answered })
        : t('surveys.rate', { answered: rate.answered, expected: rate.expected, percent: percent(ctx, rate.rate) })
    }</p>
    <p>${staff ? html`<a class="btn btn-outline-primary btn-sm me-2" href="${csv}" download>${t('surveys.csvAnswers')}</a>` : ''}<a class="btn btn-outline-primary btn-sm" href="${`${csv}&of=counts`}" download>${t('surveys.csvCounts')}</a></p>
    ${r.questions.map((q, i) => questionResult(ctx, r, q, i))}`;
}

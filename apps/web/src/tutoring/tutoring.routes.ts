import { tutoringMetrics, tutorQueue } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { focusAreaNames } from '../forum/listing.js';
import { currentUser, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { QUEUE_FILTERS, tutoringMetricsPage, tutorQueuePage } from './queue.page.js';

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A `YYYY-MM-DD` that names a real day, as midnight UTC; anything else is undefined. */
function parseDay(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? undefined : date;
}

/** The tutors' queue and the tutoring metrics. Registered behind `requireTutoringStaff`. */
const tutoringRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<{ Querystring: { stato?: string } }>('/tutoraggio', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const status = QUEUE_FILTERS.find((s) => s === request.query.stato) ?? 'all';
    const [items, areas] = await Promise.all([tutorQueue(deps, currentUser(request)), focusAreaNames(deps, ctx)]);
    const shown = status === 'all' ? items : items.filter((q) => q.status === status);
    return sendPage(reply, ctx, ctx.t('tutoring.queueTitle'), tutorQueuePage(ctx, shown, areas, status));
  });

  app.get<{ Querystring: { dal?: string; al?: string } }>('/tutoraggio/metriche', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const today = parseDay(isoDay(deps.clock.now())) ?? new Date(0);
    const { dal, al } = request.query;
    // `al` is the last day included; the service counts questions asked before the day after it.
    const to = al ? parseDay(al) : today;
    const from = dal ? parseDay(dal) : to && new Date(to.getTime() - 30 * DAY_MS);
    const invalid = !from || !to || from > to;
    const areas = await focusAreaNames(deps, ctx);
    const metrics = invalid
      ? null
      : await tutoringMetrics(deps, currentUser(request), { from, to: new Date(to.getTime() + DAY_MS) });
    const view = {
      from: from ? isoDay(from) : (dal ?? ''),
      to: to ? isoDay(to) : (al ?? ''),
      metrics,
      invalid,
      areas,
    };
    return sendPage(reply, ctx, ctx.t('tutoring.metricsTitle'), tutoringMetricsPage(ctx, view), invalid ? 400 : 200);
  });
};

export default tutoringRoutes;

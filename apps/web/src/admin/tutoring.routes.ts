import { listTutorPools, listVisibleTables, setTutorPool } from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { focusAreaNames } from '../forum/listing.js';
import { currentUser, type Form, readForm, seeOther, sendPage } from '../respond.js';
import { attempt, type FailedForm } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { adminPoolsPage } from './tutoring.page.js';

/** A pool place as the forms send it: a tutor, and a table and/or a focus area (empty = any). */
const poolTarget = (form: Form) => ({
  tutorId: form.id('tutorId') ?? 0,
  tableId: form.id('tableId') ?? null,
  focusArea: form.text('focusArea') || null,
});

/** Admin: the tutor pools of tables and focus areas. */
const adminTutoringRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  async function render(request: FastifyRequest, reply: FastifyReply, error: FailedForm | null = null) {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const [pools, tables, areas] = await Promise.all([
      listTutorPools(deps, user),
      listVisibleTables(deps, user),
      focusAreaNames(deps, ctx),
    ]);
    const view = { ...pools, tables, areas, error };
    return sendPage(reply, ctx, ctx.t('admin.pools'), adminPoolsPage(ctx, view), error?.status ?? 200);
  }

  app.get('/admin/tutor', (request, reply) => render(request, reply));

  for (const [url, member] of [
    ['/admin/tutor', true],
    ['/admin/tutor/rimuovi', false],
  ] as const) {
    app.post(url, async (request, reply) => {
      const ctx = pageContext(request, reply, config);
      const target = poolTarget(readForm(request.body));
      const error = await attempt(ctx, () => setTutorPool(deps, currentUser(request), target, member), ['tutorId']);
      if (error) return render(request, reply, error);
      setFlash(reply, { key: member ? 'flash.poolAdded' : 'flash.poolRemoved' }, config.secureCookies);
      return seeOther(reply, '/admin/tutor');
    });
  }
};

export default adminTutoringRoutes;

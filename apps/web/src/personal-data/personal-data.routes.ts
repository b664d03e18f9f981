import { AppError, openDataExport, personalDataStorages, requestDataExport } from '@hubspoke/domain';
import type { MessageKey } from '@hubspoke/i18n';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { exportLinkGonePage, personalDataPage } from './personal-data.page.js';

const GONE: Record<string, MessageKey> = {
  export_link_used: 'personalData.linkUsed',
  export_link_expired: 'personalData.linkExpired',
  export_not_found: 'personalData.linkUnknown',
};

const asZip = (reply: FastifyReply, filename: string) =>
  reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');

/**
 * One's own data: the page that asks for the export, the export itself when it is small, and
 * the mailed one-time link (signed in as the person it was made for; sign-in brings them back).
 */
const personalDataRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps: shared }) => {
  const { config } = shared;
  const deps = { ...shared, ...personalDataStorages(config) };

  app.get('/profilo/dati', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('personalData.title'), personalDataPage(ctx));
  });

  app.post('/profilo/dati', async (request, reply) => {
    const user = currentUser(request);
    let outcome: Awaited<ReturnType<typeof requestDataExport>>;
    try {
      outcome = await requestDataExport(deps, user);
    } catch (caught) {
      const ctx = pageContext(request, reply, config);
      const error = toFormError(ctx, caught, []);
      return sendPage(reply, ctx, ctx.t('personalData.title'), personalDataPage(ctx, { error }), error.status);
    }
    if (outcome.ready) return asZip(reply, outcome.filename).send(outcome.stream);
    setFlash(reply, { key: 'flash.exportPreparing', params: { email: user.email } }, config.secureCookies);
    return seeOther(reply, '/profilo/dati');
  });

  app.get<{ Params: { token: string } }>('/profilo/dati/:token', async (request, reply) => {
    try {
      const file = await openDataExport(deps, currentUser(request), request.params.token);
      if (file.size !== null) reply.header('content-length', String(file.size));
      return asZip(reply, file.filename).send(file.stream);
    } catch (caught) {
      const reason = caught instanceof AppError ? GONE[caught.code] : undefined;
      if (!reason || !(caught instanceof AppError)) throw caught;
      const ctx = pageContext(request, reply, config);
      return sendPage(reply, ctx, ctx.t('personalData.title'), exportLinkGonePage(ctx, reason), caught.status);
    }
  });
};

export default personalDataRoutes;

import { acceptConsent, getConsent, listConsents, revokeConsent } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, safeNext, seeOther, sendPage } from '../respond.js';
import { attempt } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { askedOf, putOff } from './ask.js';
import { consentPage, consentsPage } from './consents.page.js';

type KindParams = { Params: { kind: string } };

/** The reader's consents: reading each text, accepting it, withdrawing it, or putting it off. */
const consentRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  app.get('/consensi', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const items = await listConsents(deps, currentUser(request));
    return sendPage(reply, ctx, ctx.t('consents.title'), consentsPage(ctx, items));
  });

  app.get<KindParams & { Querystring: { next?: string; chiesto?: string } }>(
    '/consensi/:kind',
    async (request, reply) => {
      const ctx = pageContext(request, reply, config);
      const user = currentUser(request);
      const consent = await getConsent(deps, user, request.params.kind);
      if (consent.version === null) return reply.callNotFound();
      const view = {
        consent,
        next: safeNext(request.query.next, '/consensi'),
        asked: request.query.chiesto !== undefined,
        revocable: consent.kind !== 'patto' || user.role === 'admin',
      };
      return sendPage(reply, ctx, ctx.t(`consents.kind.${consent.kind}`), consentPage(ctx, view));
    },
  );

  app.post<KindParams>('/consensi/:kind/accetta', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const form = readForm(request.body);
    const next = safeNext(form.text('next'), '/consensi');
    const version = idParam(form.text('version')) ?? 0;
    const error = await attempt(
      ctx,
      () => acceptConsent(deps, user, request.params.kind, { version, ip: request.ip }),
      [],
    );
    if (!error) {
      setFlash(reply, { key: 'flash.consentAccepted' }, secure);
      return seeOther(reply, next);
    }
    const consent = await getConsent(deps, user, request.params.kind);
    const page = consentPage(ctx, { consent, next, asked: false, revocable: false, error: error.message });
    return sendPage(reply, ctx, ctx.t(`consents.kind.${consent.kind}`), page, error.status);
  });

  app.post<KindParams>('/consensi/:kind/revoca', async (request, reply) => {
    const user = currentUser(request);
    await revokeConsent(deps, user, request.params.kind, { ip: request.ip });
    setFlash(reply, { key: 'flash.consentRevoked' }, secure);
    return seeOther(reply, `/consensi/${encodeURIComponent(request.params.kind)}`);
  });

  app.post<KindParams>('/consensi/:kind/dopo', async (request, reply) => {
    const form = readForm(request.body);
    const asked = askedOf(currentUser(request).role, await listConsents(deps, currentUser(request)));
    putOff(request, reply, asked, secure);
    return seeOther(reply, safeNext(form.text('next'), '/'));
  });
};

export default consentRoutes;
